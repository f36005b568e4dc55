import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { Model, ModelCell, ModelSheet } from "../../src/model/types.js";
import { rowsOf } from "../../src/model/row.js";
import { workbookBytes } from "../../src/workbook/write.js";

/** A sheet whose first `count` label cells carry a note each. */
function sheetWithNotes(name: string, count: number, text = (i: number) => `source <${i}> & more`): ModelSheet {
  const cells: ModelCell[] = Array.from({ length: count }, (_, i) => ({ row: i + 5, col: 1, role: "label", value: `Line ${i}`, source: text(i), where: {} }));
  return { id: name.toLowerCase(), name, title: name, headerRow: 4, firstValueColumn: 2, rows: rowsOf(cells), columnIds: [] };
}

function model(sheets: ModelSheet[]): Model {
  return { title: "T", subject: "S", company: "C", released: "2018-11-06", sheets, verdicts: [], master: { sheet: "none", row: 2, col: 2 } };
}

describe("cell notes written by tieout", () => {
  let zip: JSZip;
  const read = (name: string): Promise<string> => zip.file(name)!.async("string");

  beforeAll(async () => {
    const sheets = [sheetWithNotes("A & B", 2500), sheetWithNotes("Plain", 0), sheetWithNotes("Two", 10, () => "Statements of income — “Revenues” <p. 10> & notes")];
    zip = await JSZip.loadAsync(await workbookBytes(model(sheets), () => null));
  });

  it("shape ids are unique across the workbook: each drawing has its own blocks of 1,024", async () => {
    const one = await read("xl/drawings/vmlDrawing1.vml");
    const three = await read("xl/drawings/vmlDrawing3.vml");
    expect(one).toContain('<o:idmap v:ext="edit" data="1,2,3"/>');
    expect(three).toContain('<o:idmap v:ext="edit" data="4"/>');
    const ids = [...`${one}${three}`.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(2510);
    expect(new Set(ids).size).toBe(2510);
    expect(Math.min(...ids)).toBe(1025);
    // Every id is in a block its own drawing lists.
    expect(ids.slice(0, 2500).every((id) => [1, 2, 3].includes(Math.floor(id / 1024)))).toBe(true);
    expect(ids.slice(2500).every((id) => Math.floor(id / 1024) === 4)).toBe(true);
  });

  it("each note is a comment on its cell with its text escaped, related to the sheet and typed", async () => {
    expect(await read("xl/comments3.xml")).toContain('<comment ref="A7" authorId="0"><text><r><t xml:space="preserve">Statements of income — “Revenues” &lt;p. 10&gt; &amp; notes</t></r></text></comment>');
    expect(await read("xl/drawings/vmlDrawing3.vml")).toContain("<x:Row>6</x:Row><x:Column>0</x:Column>");
    const rels = await read("xl/worksheets/_rels/sheet3.xml.rels");
    expect(rels).toMatch(/Type="[^"]*\/comments" Target="..\/comments3.xml"/);
    expect(rels).toMatch(/Id="(rId\d+)" Type="[^"]*\/vmlDrawing" Target="..\/drawings\/vmlDrawing3.vml"/);
    const vmlId = /Id="(rId\d+)" Type="[^"]*\/vmlDrawing"/.exec(rels)![1];
    expect(await read("xl/worksheets/sheet3.xml")).toMatch(new RegExp(`</headerFooter><legacyDrawing r:id="${vmlId}"/></worksheet>$`));
    const types = await read("[Content_Types].xml");
    expect(types).toContain('<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>');
    expect(types).toContain('<Override PartName="/xl/comments3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
  });

  it("a sheet without notes has no comments, no VML drawing and no relationships", () => {
    expect(zip.file("xl/comments2.xml")).toBeNull();
    expect(zip.file("xl/drawings/vmlDrawing2.vml")).toBeNull();
    expect(zip.file("xl/worksheets/_rels/sheet2.xml.rels")).toBeNull();
  });
});

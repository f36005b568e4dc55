import { describe, expect, it } from "vitest";
import { addNotes } from "../../src/workbook/notes.js";
import type { Parts } from "../../src/workbook/parts.js";

const put = (parts: Parts, name: string, xml: string): void => void parts.set(name, Buffer.from(xml, "utf8"));
const read = (parts: Parts, name: string): string => Buffer.from(parts.get(name)!).toString("utf8");

/** A package of two sheets as exceljs writes one, reduced to what adding notes reads. */
function twoSheets(tail = ""): Parts {
  const parts: Parts = new Map();
  put(parts, "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  put(parts, "xl/workbook.xml", '<workbook><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId3"/><sheet name="Two" sheetId="2" r:id="rId4"/></sheets></workbook>');
  put(parts, "xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId3" Type="t" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="t" Target="worksheets/sheet2.xml"/></Relationships>');
  for (const n of [1, 2]) put(parts, `xl/worksheets/sheet${n}.xml`, `<worksheet><sheetData><row r="1"/></sheetData><pageMargins/>${tail}</worksheet>`);
  return parts;
}

const notes = (count: number) => Array.from({ length: count }, (_, i) => ({ row: i + 5, col: 1, text: `source <${i}> & more` }));

describe("cell notes written by tieout", () => {
  it("shape ids are unique across the workbook: each drawing has its own blocks of 1,024", () => {
    const parts = twoSheets();
    addNotes(parts, [
      { sheet: "A & B", notes: notes(2500) },
      { sheet: "Two", notes: notes(10) },
    ]);
    const one = read(parts, "xl/drawings/vmlDrawing1.vml");
    const two = read(parts, "xl/drawings/vmlDrawing2.vml");
    expect(one).toContain('<o:idmap v:ext="edit" data="1,2,3"/>');
    expect(two).toContain('<o:idmap v:ext="edit" data="4"/>');
    const ids = [...`${one}${two}`.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(2510);
    expect(new Set(ids).size).toBe(2510);
    expect(Math.min(...ids)).toBe(1025);
    // Every id is in a block its own drawing lists.
    expect(ids.slice(0, 2500).every((id) => [1, 2, 3].includes(Math.floor(id / 1024)))).toBe(true);
    expect(ids.slice(2500).every((id) => Math.floor(id / 1024) === 4)).toBe(true);
  });

  it("each note is a comment on its cell with its text escaped, related to the sheet and typed", () => {
    const parts = twoSheets();
    addNotes(parts, [{ sheet: "A & B", notes: [{ row: 7, col: 1, text: "Statements of income — “Revenues” <p. 10> & notes" }] }]);
    expect(read(parts, "xl/comments1.xml")).toContain('<comment ref="A7" authorId="0"><text><r><t xml:space="preserve">Statements of income — “Revenues” &lt;p. 10&gt; &amp; notes</t></r></text></comment>');
    expect(read(parts, "xl/drawings/vmlDrawing1.vml")).toContain("<x:Row>6</x:Row><x:Column>0</x:Column>");
    const rels = read(parts, "xl/worksheets/_rels/sheet1.xml.rels");
    expect(rels).toMatch(/Type="[^"]*\/comments" Target="..\/comments1.xml"/);
    expect(rels).toMatch(/Id="(rId\d+)" Type="[^"]*\/vmlDrawing" Target="..\/drawings\/vmlDrawing1.vml"/);
    const vmlId = /Id="(rId\d+)" Type="[^"]*\/vmlDrawing"/.exec(rels)![1];
    expect(read(parts, "xl/worksheets/sheet1.xml")).toContain(`<pageMargins/><legacyDrawing r:id="${vmlId}"/></worksheet>`);
    const types = read(parts, "[Content_Types].xml");
    expect(types).toContain('<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>');
    expect(types).toContain('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
    expect(parts.has("xl/comments2.xml")).toBe(false);
  });

  it("the legacy drawing goes before the elements that follow it in a worksheet", () => {
    const parts = twoSheets("<tableParts/><extLst/>");
    addNotes(parts, [{ sheet: "Two", notes: notes(1) }]);
    expect(read(parts, "xl/worksheets/sheet2.xml")).toMatch(/<pageMargins\/><legacyDrawing r:id="rId\d+"\/><tableParts\/><extLst\/><\/worksheet>$/);
  });
});

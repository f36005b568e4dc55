import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { readCharts } from "../support/chart.js";
import { smallReport, writeFixture } from "../support/fixture.js";

/**
 * Each row's label carries its figures' source as a note, which exceljs writes as comments plus a
 * VML drawing referenced by <legacyDrawing>. A chart on the same sheet must join
 * those relationships, not replace them.
 */
describe("a chart on a sheet whose rows have notes", () => {
  let zip: JSZip;
  let file: string;

  beforeAll(async () => {
    const f = smallReport();
    f.sheet.charts = [
      { id: "revenues", title: "Revenues & equipment", kind: "clustered_column", anchor: { cell: "F5", columns: 6, rows: 12 }, categories: { columns: ["1H17", "1H18"] }, series: [{ row: "rev_a" }, { row: "rev_b" }] },
    ];
    const w = writeFixture(f);
    const result = await buildReport({ name: "small", template: w.template, data: w.report, output: w.out });
    file = result.workbook;
    zip = await JSZip.loadAsync(readFileSync(file));
  });

  it("keeps the comments and VML relationships and adds the drawing with a new id", async () => {
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    const byType = Object.fromEntries([...rels.matchAll(/<Relationship Id="([^"]+)" Type="[^"]*\/(\w+)" Target="([^"]+)"\/>/g)].map((m) => [m[2], { id: m[1], target: m[3] }]));
    expect(byType.comments?.target).toBe("../comments1.xml");
    expect(byType.vmlDrawing?.target).toBe("../drawings/vmlDrawing1.vml");
    expect(byType.drawing?.target).toBe("../drawings/drawing1.xml");
    expect(new Set([byType.comments?.id, byType.vmlDrawing?.id, byType.drawing?.id]).size).toBe(3);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toContain(`<drawing r:id="${byType.drawing!.id}"/><legacyDrawing r:id="${byType.vmlDrawing!.id}"/></worksheet>`);
  });

  it("escapes the title and draws the series from the sheet's cells", async () => {
    const [chart] = await readCharts(zip);
    expect(chart!.title).toBe("Revenues & equipment");
    expect(chart!.plots[0]!.series.map((s) => [s.name.text, s.values, s.valueCache])).toEqual([
      ["Services", "Income!$B$5:$C$5", [1000, 1200]],
      ["Equipment", "Income!$B$6:$C$6", [250, 300]],
    ]);
  });

  it("reads back in exceljs with its notes intact: the source on the row's label, none on each figure", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Income")!;
    const note = ws.getCell("A5").note;
    expect(typeof note === "string" ? note : JSON.stringify(note)).toMatch(/Statement of income/);
    expect(ws.getCell("B5").note).toBeUndefined();
    expect(ws.getCell("C5").note).toBeUndefined();
  });
});

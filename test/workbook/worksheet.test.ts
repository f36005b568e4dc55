import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { smallReport, writeFixture } from "../support/fixture.js";

/**
 * What an analyst sees on opening the file, read back by another library (exceljs's
 * reader) from what tieout wrote: FAST colours, negatives in parentheses, frozen
 * panes, outline, print setup, pass/fail colours.
 */
describe("the worksheets follow the analyst's conventions", () => {
  let wb: ExcelJS.Workbook;
  let income: ExcelJS.Worksheet;
  let checks: ExcelJS.Worksheet;
  let file: string;

  beforeAll(async () => {
    const f = smallReport();
    f.data.statements.is.items.rev_b_hw = { label: "of which hardware", part_of: "rev_b", values: { "1H17": 200, "1H18": 210 } };
    f.sheet.rows.splice(2, 0, { id: "rev_b_hw", label: "of which hardware", style: "of_which", indent: 1 });
    f.sheet.checks = [{ id: "parts", label: "Revenues add up", lhs: "rev_total", rhs: "rev_a + rev_b", periods: ["1H17", "1H18"] }];
    const w = writeFixture(f);
    const result = await buildReport({ name: "small", template: w.template, data: w.report, output: w.out });
    expect(result.ok).toBe(true);
    file = result.workbook;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    income = wb.getWorksheet("Income")!;
    checks = wb.getWorksheet("Checks")!;
  });

  it("inputs are blue, calculations black, links to other sheets green", () => {
    expect(income.getCell("B5").font.color?.argb).toBe("FF0000FF");
    expect(income.getCell("B8").font.color?.argb).toBe("FF000000");
    expect(checks.getCell("C5").font.color?.argb).toBe("FF008000");
  });

  it("amounts show negatives in parentheses and zero as a dash; the YoY column is a percentage", () => {
    expect(income.getCell("B5").numFmt).toBe('#,##0;(#,##0);"-"');
    expect(income.getCell("D5").numFmt).toBe('0.0%;(0.0%);"-"');
  });

  it("a total is bold with a rule above its figures; an of-which line is italic, indented and folds under its parent", () => {
    expect(income.getCell("A8").font.bold).toBe(true);
    expect(income.getCell("B8").border?.top?.style).toBe("thin");
    expect(income.getCell("A7").font.italic).toBe(true);
    expect(income.getCell("A7").alignment?.indent).toBe(1);
    expect(income.getRow(7).outlineLevel).toBe(1);
    expect(income.getRow(6).outlineLevel ?? 0).toBe(0);
  });

  it("panes are frozen below the header row and right of the labels; the header is bold and right-aligned over figures", () => {
    expect(income.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4 });
    expect(income.getCell("B4").font.bold).toBe(true);
    expect(income.getCell("B4").alignment?.horizontal).toBe("right");
    expect(income.getColumn(1).width).toBeGreaterThan(income.getColumn(2).width!);
  });

  it("prints landscape, one page wide, the header rows on every page, with the report and sheet in the footer", () => {
    expect(income.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:4" });
    expect(income.headerFooter.oddFooter).toBe("&LExample interim report&RIncome — page &P of &N");
  });

  it("pass/fail cells turn green when they read OK and red otherwise", () => {
    // exceljs reads conditional formats into a field its types do not declare.
    const read = (checks as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
    const formats = read.map((c) => ({ ref: c.ref, rules: c.rules.map((r) => r.formulae?.[0]) }));
    expect(formats).toEqual(expect.arrayContaining([{ ref: "G5:G6", rules: ['G5="OK"', 'G5<>"OK"'] }]));
  });

  it("the first sheet is the one shown on opening, and only it is selected", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort();
    const selected = await Promise.all(sheets.map(async (n) => /<sheetView[^>]*tabSelected="1"/.test(await zip.file(n)!.async("string"))));
    expect(sheets).toHaveLength(3);
    expect(selected).toEqual([true, false, false]);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<workbookView[^>]*activeTab="0"/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWorkbook } from "../../src/verify/check.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells } from "../../src/workbook/read.js";

const soffice = findSoffice();
const required = process.env.CI === "true";

/**
 * Serials of the 1904 date system are 1,462 less than the 1900 system's (Microsoft, "Differences
 * between the 1900 and the 1904 date system in Excel"): 2018-09-30 is 43,373 in the 1900 system, 41,911
 * in the 1904 one; 2018-10-31 is 41,942; serial 0 is 1904-01-01.
 */
const CELLS: [string, string | undefined, ExcelJS.CellValue][] = [
  ["A1", undefined, 41911],
  ["B1", "YEAR(A1)", 2018],
  ["C1", "MONTH(A1)", 9],
  ["D1", "DAY(A1)", 30],
  ["B2", "DATE(2018,9,30)", 41911],
  ["B3", 'TEXT(A1,"yyyy-mm-dd")', "2018-09-30"],
  ["B4", "EOMONTH(A1,1)", 41942],
  ["B5", "YEAR(0)*10000+MONTH(0)*100+DAY(0)", 19040101],
  // Excel has no date before the first day of its system: #NUM! (LibreOffice counts back from 1904-01-01 instead).
  ["B6", "ISERROR(DATE(1903,12,31))", true],
];

describe("tieout check honours the 1904 date system of a workbook that uses it", () => {
  const dir = mkdtempSync(join(tmpdir(), "tieout-1904-"));
  const file = join(dir, "mac.xlsx");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    for (const [address, formula, value] of CELLS) ws.getCell(address).value = formula ? ({ formula, result: value } as ExcelJS.CellFormulaValue) : value;
    await wb.xlsx.writeFile(file);
    // Marked as a 1904 workbook the way Excel for Mac marks it.
    const zip = await JSZip.loadAsync(readFileSync(file));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    const marked = workbook.replace(/<workbookPr([^>]*)\/>/, (m, attrs: string) => `<workbookPr${attrs.replace(/\s*date1904="[^"]*"/, "")} date1904="1"/>`);
    expect(marked).toMatch(/<workbookPr[^>]*date1904="1"/);
    zip.file("xl/workbook.xml", marked);
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
  });

  it("date functions and date formats count from 1904-01-01: every cached value recomputes", async () => {
    const book = await readWorkbookCells(file);
    expect(book.date1904).toBe(true);
    const result = checkWorkbook(book);
    expect(result.stale).toEqual([]);
    expect(result.unsupported).toEqual([]);
    expect(result.formulaCells).toBe(CELLS.length - 1);
  });

  it("read as a 1900 workbook, the same cells are stale: the date system decides", async () => {
    const book = { ...(await readWorkbookCells(file)), date1904: false };
    const stale = checkWorkbook(book).stale.map((m) => m.cell).sort();
    expect(stale).toEqual(["Dates!B1", "Dates!B2", "Dates!B3", "Dates!B4", "Dates!B5", "Dates!B6", "Dates!D1"].sort());
  });

  it.skipIf(!soffice && !required)("LibreOffice, recalculating the file in its 1904 date system, gets the same values", async () => {
    const recalculated = await recalculateWithLibreOffice(file);
    const theirs = await readWorkbookCells(recalculated);
    rmSync(dirname(recalculated), { recursive: true, force: true });
    const cell = (address: string): unknown => theirs.sheets[0]!.cells.find((c) => c.address === address)?.value;
    const shared = CELLS.filter(([address]) => address !== "B6");
    expect(shared.map(([address]) => cell(address))).toEqual(shared.map(([, , value]) => value));
    // Where Calc departs from Excel: a date before 1904-01-01 is a negative serial there, not #NUM!; checked so that the departure stays known.
    expect(cell("B6")).toBe(false);
  });
});

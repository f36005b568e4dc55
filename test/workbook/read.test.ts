import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkbookReadError } from "../../src/errors.js";
import { readWorkbookCells, type ReadBook, type ReadCell } from "../../src/workbook/read.js";

const dir = mkdtempSync(join(tmpdir(), "tieout-read-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cellOf(book: ReadBook, sheet: string, address: string): ReadCell | undefined {
  return book.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.address === address);
}

describe("readWorkbookCells reads what the file stores", () => {
  let book: ReadBook;
  const at = (address: string, sheet = "Values"): ReadCell | undefined => cellOf(book, sheet, address);

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Values");
    ws.getCell("A1").value = 1234.5;
    ws.getCell("A2").value = -0.1;
    ws.getCell("A3").value = 0;
    ws.getCell("B1").value = "Total revenues";
    ws.getCell("B2").value = { richText: [{ text: "Net " }, { font: { bold: true }, text: "income" }] };
    ws.getCell("C1").value = true;
    ws.getCell("C2").value = false;
    ws.getCell("D1").value = { error: "#DIV/0!" };
    ws.getCell("D2").value = { error: "#N/A" };
    ws.getCell("E1").value = { formula: "A1*2", result: 2469 };
    ws.getCell("E2").value = { formula: "A3*2", result: 0 };
    ws.getCell("E3").value = { formula: "A1<0", result: false };
    ws.getCell("E4").value = { formula: "B1&\"!\"", result: "Total revenues!" };
    ws.getCell("E5").value = { formula: "1/A3", result: { error: "#DIV/0!" } };
    ws.getCell("E6").value = { formula: "A1+A2" };
    ws.getCell("F1").value = new Date(Date.UTC(2018, 8, 30));
    ws.getCell("F1").numFmt = "yyyy-mm-dd";
    // Styled but empty: not a cell with content.
    ws.getCell("G1").numFmt = "#,##0";
    ws.getCell("G2").value = null;
    ws.getCell("H1").value = 10;
    ws.getCell("H2").value = 20;
    ws.getCell("I1").value = { formula: "H1*2", result: 20, shareType: "shared", ref: "I1:I2" } as ExcelJS.CellFormulaValue;
    ws.getCell("I2").value = { sharedFormula: "I1", result: 40 };
    ws.getCell("L1").value = { formula: 'H1&"H1"&$H$1', result: "10H110", shareType: "shared", ref: "L1:L2" } as ExcelJS.CellFormulaValue;
    ws.getCell("L2").value = { sharedFormula: "L1", result: "20H110" };
    ws.getCell("J1").value = "merged";
    ws.mergeCells("J1:K1");
    const other = wb.addWorksheet("It's Q2");
    other.getCell("A1").value = { formula: "'Values'!A1+1", result: 1235.5 };
    wb.addWorksheet("Empty sheet");
    await wb.xlsx.writeFile(join(dir, "values.xlsx"));
    book = await readWorkbookCells(join(dir, "values.xlsx"));
  });

  it("lists every sheet in the workbook's order, by name, an empty one included", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["Values", "It's Q2", "Empty sheet"]);
    expect(book.sheets[2]!.cells).toEqual([]);
    expect(book.date1904).toBe(false);
  });

  it("numbers, zero included, come back as numbers", () => {
    expect(at("A1")).toEqual({ sheet: "Values", row: 1, col: 1, address: "A1", value: 1234.5 });
    expect(at("A2")?.value).toBe(-0.1);
    expect(at("A3")?.value).toBe(0);
  });

  it("text comes back as plain text, rich text joined into one string", () => {
    expect(at("B1")?.value).toBe("Total revenues");
    expect(at("B2")?.value).toBe("Net income");
  });

  it("booleans and error values come back as themselves", () => {
    expect(at("C1")?.value).toBe(true);
    expect(at("C2")?.value).toBe(false);
    expect(at("D1")?.value).toEqual({ error: "#DIV/0!" });
    expect(at("D2")?.value).toEqual({ error: "#N/A" });
  });

  it("a formula comes back as its text without `=` and its cached result, falsy results included", () => {
    expect(at("E1")).toMatchObject({ formula: "A1*2", origin: "cell", value: 2469 });
    expect(at("E2")).toMatchObject({ formula: "A3*2", value: 0 });
    expect(at("E3")).toMatchObject({ formula: "A1<0", value: false });
    expect(at("E4")).toMatchObject({ formula: 'B1&"!"', value: "Total revenues!" });
    expect(at("E5")).toMatchObject({ formula: "1/A3", value: { error: "#DIV/0!" } });
  });

  it("a formula with no cached result has the value null", () => {
    expect(at("E6")).toMatchObject({ formula: "A1+A2", value: null });
  });

  it("a date is the serial number the file stores (1900 system)", () => {
    expect(at("F1")?.value).toBe(43373);
  });

  it("blank cells are not listed, even when styled", () => {
    expect(at("G1")).toBeUndefined();
    expect(at("G2")).toBeUndefined();
  });

  it("a shared formula's follower gets the master's formula translated to its place, and says so", () => {
    expect(at("I1")).toMatchObject({ formula: "H1*2", value: 20 });
    expect(at("I2")).toMatchObject({ formula: "H2*2", origin: "shared", value: 40 });
  });

  it("moving a shared formula shifts relative references only, not text that looks like one nor absolute ones", () => {
    expect(at("L2")).toMatchObject({ formula: 'H2&"H1"&$H$1', origin: "shared" });
  });

  it("a merged range is read once, at its top-left cell", () => {
    expect(at("J1")?.value).toBe("merged");
    expect(at("K1")).toBeUndefined();
  });

  it("a sheet name with an apostrophe and a space, and a cross-sheet formula, read back unchanged", () => {
    expect(at("A1", "It's Q2")).toMatchObject({ sheet: "It's Q2", formula: "'Values'!A1+1", value: 1235.5 });
  });

  it("cells are listed row by row, left to right", () => {
    const values = book.sheets[0]!.cells;
    const order = values.map((c) => c.row * 100 + c.col);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe("readWorkbookCells refuses what is not a workbook, naming the file", () => {
  const refusal = async (file: string): Promise<WorkbookReadError> => {
    const error = await readWorkbookCells(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookReadError);
    const e = error as WorkbookReadError;
    expect(e.file).toBe(file);
    expect(e.exitCode).toBe(2);
    expect(e.describe()).toContain(file);
    return e;
  };

  it("a missing file", async () => {
    await refusal(join(dir, "missing.xlsx"));
  });

  it("a text file named .xlsx", async () => {
    const file = join(dir, "notes.xlsx");
    writeFileSync(file, "Revenue,1200\n");
    await refusal(file);
  });

  it("an empty file", async () => {
    const file = join(dir, "empty.xlsx");
    writeFileSync(file, "");
    await refusal(file);
  });

  it("a folder", async () => {
    await refusal(dir);
  });
});

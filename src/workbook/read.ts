import ExcelJS from "exceljs";
import { WorkbookReadError } from "../errors.js";
import type { StoredValue } from "../formula/stored.js";
import { quoteSheetName } from "../template/a1.js";

/**
 * How a formula's text came to be:
 * - `cell`: written in the cell itself;
 * - `shared`: the cell refers to the master of a shared formula and the text is
 *   exceljs's translation of the master's formula to this cell (exceljs shifts every
 *   A1-looking token, even inside a string literal — treat with suspicion);
 * - `array`: the master cell of an array formula (the other cells of its range hold values only).
 */
export type FormulaOrigin = "cell" | "shared" | "array";

/** One non-empty cell as the file stores it. Fits `StoredCell` of the recomputation. */
export interface ReadCell {
  sheet: string;
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /** `C7`, without the sheet. */
  address: string;
  /** Formula text without the leading `=`, when the cell has one. */
  formula?: string | undefined;
  origin?: FormulaOrigin | undefined;
  /** The value in the file: a formula cell's cached result (null if none is stored). */
  value: StoredValue;
}

export interface ReadSheet {
  name: string;
  /** Row by row, left to right. */
  cells: ReadCell[];
}

export interface ReadBook {
  file: string;
  /** True when the workbook counts dates from 1904; date serials are then in that system, as stored. */
  date1904: boolean;
  /** In the workbook's order. */
  sheets: ReadSheet[];
}

const MS_PER_DAY = 86_400_000;
/** Days from Excel's 1900 day zero (as Excel counts, leap-year bug included) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Days from 1900-01-00 to 1904-01-01 in Excel's count. */
const DAYS_1900_TO_1904 = 1_462;

/** The inverse of exceljs's own conversion, so a date serial reads back as the number in the file (to the millisecond). */
function serial(date: Date, date1904: boolean): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / MS_PER_DAY - (date1904 ? DAYS_1900_TO_1904 : 0);
}

/** A value exceljs hands back (a cell's value, or a formula's result) as the file stores it. */
function toStoredValue(value: unknown, date1904: boolean): StoredValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serial(value, date1904);
  if (typeof value === "object") {
    if ("error" in value) return { error: String(value.error) };
    if ("richText" in value && Array.isArray(value.richText)) {
      return value.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join("");
    }
    if ("text" in value) return toStoredValue(value.text, date1904);
  }
  throw new Error(`unexpected cell content ${JSON.stringify(value)}`);
}

function readCell(cell: ExcelJS.Cell, sheet: string, date1904: boolean, file: string): ReadCell {
  const base = { sheet, row: Number(cell.row), col: Number(cell.col), address: cell.address };
  if (cell.type !== ExcelJS.ValueType.Formula) return { ...base, value: toStoredValue(cell.value, date1904) };
  // `cell.value` of a formula drops a falsy result (0, FALSE): read `result` itself.
  const value = toStoredValue(cell.result, date1904);
  const model = cell.value as { shareType?: string; sharedFormula?: string };
  const formula = cell.formula as string | undefined;
  if (!formula) {
    throw new WorkbookReadError("the shared formula this cell refers to cannot be found", {
      file,
      path: `${quoteSheetName(sheet)}!${cell.address}`,
      hint: `a master cell ${model.sharedFormula ?? "(none named)"} holding the formula text`,
    });
  }
  const origin: FormulaOrigin = model.sharedFormula ? "shared" : model.shareType === "array" ? "array" : "cell";
  return { ...base, formula: formula.replace(/^=/, ""), origin, value };
}

/**
 * Reads every non-empty cell of every sheet of an .xlsx with exceljs: formula text and
 * cached values as they sit in the file, for recomputation or comparison. Cells that
 * are only covered by a merge are left out.
 */
export async function readWorkbookCells(file: string): Promise<ReadBook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new WorkbookReadError(`cannot read the workbook: ${(e as Error).message}`, {
      file,
      hint: "an existing, readable .xlsx file (Office Open XML spreadsheet)",
    });
  }
  if (workbook.worksheets.length === 0) {
    throw new WorkbookReadError("the file holds no worksheets", { file, hint: "an .xlsx workbook with at least one sheet" });
  }
  const date1904 = Boolean(workbook.properties.date1904);
  const sheets: ReadSheet[] = [];
  workbook.eachSheet((ws) => {
    const cells: ReadCell[] = [];
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        cells.push(readCell(cell, ws.name, date1904, file));
      });
    });
    sheets.push({ name: ws.name, cells });
  });
  return { file, date1904, sheets };
}

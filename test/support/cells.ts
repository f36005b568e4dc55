import type { StoredCell } from "../../src/verify/recompute.js";
import type { OpenedWorkbook } from "./xlsx.js";

/** Every non-empty cell of a workbook, as the recomputation takes them. */
export function storedCells(book: OpenedWorkbook): { sheets: string[]; cells: StoredCell[] } {
  return {
    sheets: book.read.sheets.map((s) => s.name),
    cells: book.read.sheets.flatMap((s) => s.cells.map((c) => ({ sheet: s.name, row: c.row, col: c.col, formula: c.formula, value: c.value }))),
  };
}

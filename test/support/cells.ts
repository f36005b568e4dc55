import type { StoredCell } from "../../src/verify/recompute.js";
import type { OpenedWorkbook } from "./xlsx.js";

/** Every non-empty cell of a workbook opened with exceljs, as the recomputation takes them. */
export function storedCells(book: OpenedWorkbook): { sheets: string[]; cells: StoredCell[] } {
  const sheets: string[] = [];
  const cells: StoredCell[] = [];
  book.workbook.eachSheet((ws) => {
    sheets.push(ws.name);
    const quoted = `'${ws.name.replace(/'/g, "''")}'`;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const address = `${quoted}!${cell.address}`;
        cells.push({ sheet: ws.name, row: Number(cell.row), col: Number(cell.col), formula: book.formula(address), value: book.cached(address) });
      });
    });
  });
  return { sheets, cells };
}

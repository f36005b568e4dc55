import type { ModelCell, ModelRow, ModelSheet } from "./types.js";

/**
 * A row's cells left to right, its bare input figures as cells among the others.
 * The figure cells are made for the caller and not kept: whoever walks a million
 * figures holds one row of them at a time.
 */
export function rowCells(sheet: ModelSheet, row: ModelRow): ModelCell[] {
  const { figures, inputs } = row;
  if (!figures || !inputs) return row.cells;
  const out: ModelCell[] = [];
  let next = 0;
  for (let col = 1; col < figures.length; col++) {
    const value = figures[col];
    if (value === undefined) continue;
    while (next < row.cells.length && row.cells[next]!.col < col) out.push(row.cells[next++]!);
    out.push({
      row: row.row,
      col,
      role: "input",
      value,
      format: inputs.format,
      style: inputs.style,
      figure: { sheet: sheet.id, row: inputs.figureRow, column: sheet.columnIds[col]! },
      unit: inputs.unit,
      where: inputs.where,
    });
  }
  while (next < row.cells.length) out.push(row.cells[next++]!);
  return out;
}

/** Cells in any order as rows: ascending, each row's cells left to right. */
export function rowsOf(cells: ModelCell[]): ModelRow[] {
  const byRow = new Map<number, ModelCell[]>();
  for (const cell of cells) {
    const list = byRow.get(cell.row);
    if (list) list.push(cell);
    else byRow.set(cell.row, [cell]);
  }
  return [...byRow.keys()].sort((a, b) => a - b).map((row) => ({ row, cells: byRow.get(row)!.sort((a, b) => a.col - b.col) }));
}

/** How many cells the sheet has, bare figures included. */
export function cellCount(sheet: ModelSheet): number {
  let n = 0;
  for (const row of sheet.rows) {
    n += row.cells.length;
    if (row.figures) for (const f of row.figures) if (f !== undefined) n++;
  }
  return n;
}

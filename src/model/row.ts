import type { InputLook, ModelCell, ModelRow, ModelSheet } from "./types.js";

/**
 * A row's cells left to right: its bare input figures as cells among the others, and
 * each figure with its id. These cells are made for the caller and not kept: whoever
 * walks a million figures holds one row of them at a time.
 */
export function rowCells(sheet: ModelSheet, row: ModelRow): ModelCell[] {
  const { id, figures, look, cells } = row;
  if (id === undefined) return cells;
  const figureOf = (col: number): ModelCell["figure"] => {
    const column = sheet.columnIds[col];
    return column === undefined ? undefined : { sheet: sheet.id, row: id, column };
  };
  const out: ModelCell[] = [];
  let next = 0;
  const take = (): void => {
    const cell = cells[next++]!;
    const figure = figureOf(cell.col);
    out.push(figure ? { ...cell, figure } : cell);
  };
  if (figures && look) {
    for (let col = 1; col < figures.length; col++) {
      const value = figures[col];
      if (value === undefined) continue;
      while (next < cells.length && cells[next]!.col < col) take();
      out.push({ row: row.row, col, role: "input", value, format: look.format, style: look.style, figure: figureOf(col), unit: look.unit, where: row.where ?? {} });
    }
  }
  while (next < cells.length) take();
  return out;
}

/** One look object per distinct look: a sheet's many rows of plain inputs share a few. */
export class Looks {
  private readonly byKey = new Map<string, InputLook>();

  of(look: InputLook): InputLook {
    const key = `${look.format}|${look.style ?? ""}|${look.unit}`;
    let shared = this.byKey.get(key);
    if (!shared) this.byKey.set(key, (shared = look));
    return shared;
  }
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

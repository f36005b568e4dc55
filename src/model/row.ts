import type { Figure } from "../data/number.js";
import type { Where } from "../errors.js";
import { FIRST_ROW, LABEL_COLUMN } from "../template/layout.js";
import type { FigureId, InputLook, ModelCell, ModelRow, ModelSheet } from "./types.js";

/** Rows without cells of their own (a label and bare figures) share this one empty list. */
export const NO_CELLS: ModelCell[] = Object.freeze([]) as unknown as ModelCell[];

/** Where a template row is defined: its place in the sheet's `rows`, which are laid out from FIRST_ROW on. */
export function placeOf(sheet: ModelSheet, row: ModelRow): Where {
  return { file: sheet.file, path: `$.rows[${row.row - FIRST_ROW}]` };
}

/** A template row's label as a cell: its note, style and indent with it. */
export function labelCell(sheet: ModelSheet, row: ModelRow): ModelCell | undefined {
  if (row.label === undefined) return undefined;
  return { row: row.row, col: LABEL_COLUMN, role: "label", value: row.label, style: row.style, indent: row.indent, source: row.source, where: placeOf(sheet, row) };
}

/** The id of the figure in a row's column: the template row's, the sheet's and the column's; none for labels and other rows. */
export function figureId(sheet: ModelSheet, row: ModelRow, col: number): FigureId | undefined {
  const column = sheet.columnIds[col];
  return row.id === undefined || column === undefined ? undefined : { sheet: sheet.id, row: row.id, column };
}

/**
 * Visits a row's cells left to right, its label aside: each of its other cells as it
 * is, each bare input figure by column and value, without a cell made for it.
 */
export function walkRow(row: ModelRow, cell: (c: ModelCell) => void, figure: (col: number, value: Figure) => void): void {
  const { cells, figures, look } = row;
  let next = 0;
  if (figures && look) {
    for (let col = 1; col < figures.length; col++) {
      const value = figures[col];
      if (value === undefined) continue;
      while (next < cells.length && cells[next]!.col < col) cell(cells[next++]!);
      figure(col, value);
    }
  }
  while (next < cells.length) cell(cells[next++]!);
}

/**
 * A row's cells left to right, its label and bare input figures as cells among the
 * others. The label and figure cells are made for the caller and not kept: whoever
 * walks a million figures holds one row of them at a time.
 */
export function rowCells(sheet: ModelSheet, row: ModelRow): ModelCell[] {
  const label = labelCell(sheet, row);
  const { figures, look } = row;
  if (!figures || !look) return label ? [label, ...row.cells] : row.cells;
  const out: ModelCell[] = label ? [label] : [];
  const where = label?.where ?? placeOf(sheet, row);
  walkRow(
    row,
    (cell) => out.push(cell),
    (col, value) => out.push({ row: row.row, col, role: "input", value, format: look.format, style: look.style, unit: look.unit, where }),
  );
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

import { columnLetters, MAX_COLUMNS, MAX_ROWS, quoteSheetName } from "../template/a1.js";
import type { CellPart, ReferenceNode } from "./ast.js";

/** `AB` → 28; undefined past XFD. */
export function columnNumber(letters: string): number | undefined {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n >= 1 && n <= MAX_COLUMNS ? n : undefined;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)([0-9]+)$/;

/** `$B$7` → its parts; undefined when it is not a cell within Excel's grid. */
export function parseCell(text: string): CellPart | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  const col = columnNumber(m[2]!);
  const row = Number(m[4]);
  if (col === undefined || !Number.isInteger(row) || row < 1 || row > MAX_ROWS) return undefined;
  return { row, col, colAbsolute: m[1] === "$", rowAbsolute: m[3] === "$" };
}

/**
 * The part of a reference after any sheet prefix: `B7`, `B7:C9`, `A:C`, `3:5`.
 * Corners are put in order (`C9:B7` is `B7:C9`), as Excel does.
 */
export function parseArea(text: string, sheet?: string): ReferenceNode | undefined {
  const [a, b, extra] = text.split(":");
  if (extra !== undefined || a === undefined) return undefined;
  if (b === undefined) {
    const cell = parseCell(a);
    return cell && { kind: "ref", sheet, shape: "cell", start: cell, end: cell };
  }
  const start = parseCell(a);
  const end = parseCell(b);
  if (start && end) return ordered({ kind: "ref", sheet, shape: "range", start, end });
  const ca = COLUMN.exec(a);
  const cb = COLUMN.exec(b);
  if (ca && cb) {
    const c1 = columnNumber(ca[2]!);
    const c2 = columnNumber(cb[2]!);
    if (c1 === undefined || c2 === undefined) return undefined;
    return ordered({
      kind: "ref",
      sheet,
      shape: "columns",
      start: { row: 1, col: c1, colAbsolute: ca[1] === "$", rowAbsolute: false },
      end: { row: MAX_ROWS, col: c2, colAbsolute: cb[1] === "$", rowAbsolute: false },
    });
  }
  const ra = ROW.exec(a);
  const rb = ROW.exec(b);
  if (ra && rb) {
    const r1 = Number(ra[2]);
    const r2 = Number(rb[2]);
    if (r1 < 1 || r2 < 1 || r1 > MAX_ROWS || r2 > MAX_ROWS) return undefined;
    return ordered({
      kind: "ref",
      sheet,
      shape: "rows",
      start: { row: r1, col: 1, rowAbsolute: ra[1] === "$", colAbsolute: false },
      end: { row: r2, col: MAX_COLUMNS, rowAbsolute: rb[1] === "$", colAbsolute: false },
    });
  }
  return undefined;
}

function ordered(ref: ReferenceNode): ReferenceNode {
  const { start, end } = ref;
  if (start.row <= end.row && start.col <= end.col) return ref;
  return {
    ...ref,
    start: { ...start, row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { ...end, row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}

function cellText(p: CellPart): string {
  return `${p.colAbsolute ? "$" : ""}${columnLetters(p.col)}${p.rowAbsolute ? "$" : ""}${p.row}`;
}

/**
 * The `Sheet!` before a reference: quoted when Excel needs it; for a 3-D reference both
 * sheets, quoted together when either needs it (`'Q1 2018:Q2 2018'!`).
 */
export function sheetPrefix(sheet: string | undefined, sheetEnd?: string): string {
  if (sheet === undefined) return "";
  if (sheetEnd === undefined) return `${quoteSheetName(sheet)}!`;
  const first = quoteSheetName(sheet);
  const last = quoteSheetName(sheetEnd);
  if (first === sheet && last === sheetEnd) return `${sheet}:${sheetEnd}!`;
  return `'${`${sheet}:${sheetEnd}`.replace(/'/g, "''")}'!`;
}

/** A reference as formula text, sheet quoted when Excel needs it. */
export function referenceText(ref: ReferenceNode): string {
  const prefix = sheetPrefix(ref.sheet, ref.sheetEnd);
  switch (ref.shape) {
    case "cell":
      return prefix + cellText(ref.start);
    case "range":
      return `${prefix}${cellText(ref.start)}:${cellText(ref.end)}`;
    case "columns":
      return `${prefix}${ref.start.colAbsolute ? "$" : ""}${columnLetters(ref.start.col)}:${ref.end.colAbsolute ? "$" : ""}${columnLetters(ref.end.col)}`;
    case "rows":
      return `${prefix}${ref.start.rowAbsolute ? "$" : ""}${ref.start.row}:${ref.end.rowAbsolute ? "$" : ""}${ref.end.row}`;
  }
}

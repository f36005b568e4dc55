import type { CellPart, ReferenceNode } from "./ast.js";
import type { Range } from "./functions/spec.js";
import { REF, type ExcelError } from "./values.js";

/** Where a formula sits: the cell its moving references are counted from. */
export interface Anchor {
  row: number;
  col: number;
}

/**
 * A reference as a compiled formula holds it, so that one tree serves every cell
 * that shares it: each coordinate is `base + scale × the formula's row (or column)`,
 * scale 1 for a part that moves with the formula and 0 for one that stays. Corners
 * are put in order when read, since a moving corner can pass a fixed one
 * (`A$5:A4` copied down is `A$5:A6`).
 */
export class Area {
  readonly sheet: string | undefined;
  readonly sheetEnd: string | undefined;
  /** The reference reads one cell: what a single value is read from directly. */
  readonly single: boolean;
  private readonly r1: number;
  private readonly r1s: number;
  private readonly r2: number;
  private readonly r2s: number;
  private readonly c1: number;
  private readonly c1s: number;
  private readonly c2: number;
  private readonly c2s: number;
  /** Sheet indices once found: sheets are only ever added, so a found index stays right. */
  private first: number | undefined;
  private last: number | undefined;

  /** `anchor`: the cell the reference was written in, when its relative cells and ranges move with the formula. */
  constructor(ref: ReferenceNode, anchor: Anchor | undefined) {
    this.sheet = ref.sheet;
    this.sheetEnd = ref.sheetEnd;
    this.single = ref.shape === "cell" && ref.sheetEnd === undefined;
    // Whole columns and whole rows stay where they are: a shared tree holds them as written.
    const moves = anchor !== undefined && (ref.shape === "cell" || ref.shape === "range") ? anchor : undefined;
    const row = (p: CellPart): [number, number] => (moves && !p.rowAbsolute ? [p.row - moves.row, 1] : [p.row, 0]);
    const col = (p: CellPart): [number, number] => (moves && !p.colAbsolute ? [p.col - moves.col, 1] : [p.col, 0]);
    [this.r1, this.r1s] = row(ref.start);
    [this.r2, this.r2s] = row(ref.end);
    [this.c1, this.c1s] = col(ref.start);
    [this.c2, this.c2s] = col(ref.end);
  }

  top(row: number): number {
    return Math.min(this.r1 + this.r1s * row, this.r2 + this.r2s * row);
  }

  bottom(row: number): number {
    return Math.max(this.r1 + this.r1s * row, this.r2 + this.r2s * row);
  }

  left(col: number): number {
    return Math.min(this.c1 + this.c1s * col, this.c2 + this.c2s * col);
  }

  right(col: number): number {
    return Math.max(this.c1 + this.c1s * col, this.c2 + this.c2s * col);
  }

  /** The row of a one-cell reference, for a formula in `row`. */
  row(row: number): number {
    return this.r1 + this.r1s * row;
  }

  col(col: number): number {
    return this.c1 + this.c1s * col;
  }

  /** The first sheet it covers in tab order, -1 when one of its sheets does not exist (#REF!). */
  from(home: number, sheetIndex: (name: string) => number | undefined): number {
    if (this.sheet === undefined) return home;
    const a = this.firstSheet(sheetIndex);
    const b = this.sheetEnd === undefined ? a : this.lastSheet(sheetIndex);
    return a < 0 || b < 0 ? -1 : Math.min(a, b);
  }

  /** The last sheet it covers in tab order (only meaningful when `from` is not -1). */
  to(home: number, sheetIndex: (name: string) => number | undefined): number {
    if (this.sheet === undefined) return home;
    if (this.sheetEnd === undefined) return this.firstSheet(sheetIndex);
    return Math.max(this.firstSheet(sheetIndex), this.lastSheet(sheetIndex));
  }

  /** The cells it covers for a formula at (row, col) on sheet `home`. */
  range(home: number, row: number, col: number, sheetIndex: (name: string) => number | undefined): Range | ExcelError {
    const first = this.from(home, sheetIndex);
    if (first < 0) return REF;
    const range: Range = { sheet: first, r1: this.top(row), c1: this.left(col), r2: this.bottom(row), c2: this.right(col) };
    const last = this.to(home, sheetIndex);
    if (last !== first) range.sheetEnd = last;
    return range;
  }

  private firstSheet(sheetIndex: (name: string) => number | undefined): number {
    return (this.first ??= sheetIndex(this.sheet!)) ?? -1;
  }

  private lastSheet(sheetIndex: (name: string) => number | undefined): number {
    return (this.last ??= sheetIndex(this.sheetEnd!)) ?? -1;
  }
}

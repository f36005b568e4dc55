import { isZero, type Arithmetic, type Num } from "../arithmetic.js";
import { isError, isNumber, toNum, VALUE, type ExcelError, type Value } from "../values.js";

/**
 * A rectangle of cells on one sheet (sheet by index in the book), bounds inclusive;
 * with `sheetEnd`, the same rectangle on every sheet from `sheet` to `sheetEnd` (3-D).
 */
export interface Range {
  sheet: number;
  sheetEnd?: number | undefined;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** What an expression yields before it is used: a value, or a reference to cells. */
export type Operand = Value | Range;

export function isRange(x: Operand): x is Range {
  return typeof x === "object" && x !== null && "r1" in x;
}

/** What functions may ask of the workbook. */
export interface Cells {
  /** The arithmetic the book computes in: functions reach numbers only through it. */
  readonly arithmetic: Arithmetic;
  /**
   * Visits the values of the non-blank cells of a range (of each of its sheets in
   * turn), column by column, until `visit` returns true; says whether it did. A visit
   * rather than a list: a SUM over a whole column builds nothing.
   */
  eachValue(range: Range, visit: (v: Value) => boolean): boolean;
  /**
   * Visits the numbers of a range (of each of its sheets in turn), column by column,
   * until a cell holds an error, which it returns: what SUM and its kin read, in one
   * loop over the cells rather than a visit of every value.
   */
  eachNumber(range: Range, visit: (n: Num, fromCell: true) => void): ExcelError | undefined;
  at(sheet: number, row: number, col: number): Value;
  /** The last used row and column of a sheet, so whole-column ranges stop where the data does. */
  extent(sheet: number): { rows: number; cols: number };
  /** Dates are serials of the 1904 date system (see serial.ts); the 1900 system otherwise. */
  date1904?: boolean;
}

/**
 * How an argument reaches a function, so that coercion and error passing are written
 * once: `number`, `boolean`, `text`, `any` arrive as single values (an error among
 * them is returned before the function runs); `raw` is a single value, errors
 * included (for ISERROR and the like); `ref` arrives as written (a range, or a
 * value); `lazy` arrives unevaluated, for IF and IFERROR.
 */
export type ArgKind = "number" | "boolean" | "text" | "any" | "raw" | "ref" | "lazy";

export interface FunctionSpec {
  name: string;
  min: number;
  max: number;
  /** Kinds by position; the last `repeat` of them repeat, as a group, for further arguments. */
  args: ArgKind[];
  /**
   * How many of the last kinds repeat together: 2 for SUMIFS's (range, criteria) and
   * IFS's (condition, value); 1 when unsaid. Arguments past the declared ones must then
   * come in whole groups (checked by arityProblem).
   */
  repeat?: number;
  /** Recomputed by Excel at every calculation (RAND, TODAY): its cached value is never stale. */
  volatile?: boolean;
  /** Takes 3-D references (`SUM(Jan:Mar!B7)`); other functions given one directly get #VALUE!. */
  spans?: boolean;
  /** May return a reference (INDEX does), which the caller uses as a range or reads. */
  call(args: any[], cells: Cells, at: Caller): Operand;
}

/** The kind of the argument at position `i` (from 0), repeating groups included. */
export function kindAt(spec: Pick<FunctionSpec, "args" | "repeat">, i: number): ArgKind {
  const { args } = spec;
  if (i < args.length) return args[i]!;
  const group = Math.min(spec.repeat ?? 1, args.length);
  const start = args.length - group;
  return args[start + ((i - start) % group)]!;
}

/** The cell whose formula is calling: ROW() and COLUMN() without arguments read it. */
export interface Caller {
  sheet: number;
  row: number;
  col: number;
}

/** A range over more than one sheet (`Jan:Mar!B7`). */
export function spansSheets(r: Range): boolean {
  return r.sheetEnd !== undefined && r.sheetEnd !== r.sheet;
}

/**
 * A reference used where one value is needed: a single cell gives its value. Given the
 * formula's own cell, a column or row of cells gives the one in the formula's row or
 * column (Excel's implicit intersection: `=TANH(F1:F9)` in G5 reads F5, on any sheet);
 * any other range gives #VALUE!.
 */
export function single(x: Operand, cells: Cells, row?: number, col?: number): Value {
  if (!isRange(x)) return x;
  if (spansSheets(x)) return VALUE;
  if (x.r1 === x.r2 && x.c1 === x.c2) return cells.at(x.sheet, x.r1, x.c1);
  if (row === undefined || col === undefined) return VALUE;
  if (x.c1 === x.c2 && row >= x.r1 && row <= x.r2) return cells.at(x.sheet, row, x.c1);
  if (x.r1 === x.r2 && col >= x.c1 && col <= x.c2) return cells.at(x.sheet, x.r1, col);
  return VALUE;
}

/** Visits a range's values until one is an error, which it returns: a range's error is the result of SUM, AND and their kin. */
function untilError(range: Range, cells: Cells, visit: (v: Value) => void): ExcelError | undefined {
  let error: ExcelError | undefined;
  cells.eachValue(range, (v) => {
    // Numbers first: they are nearly all a range holds.
    if (typeof v === "number" || !isError(v)) {
      visit(v);
      return false;
    }
    error = v;
    return true;
  });
  return error;
}

/**
 * The numbers SUM, MIN, MAX and the like work on: from references, only numbers (text,
 * booleans and blanks are skipped, errors stop everything); from values written as
 * arguments, booleans and numeric text count too, other text is #VALUE!.
 */
export function numbersOf(args: Operand[], cells: Cells): Num[] | ExcelError {
  const out: Num[] = [];
  return eachNumber(args, cells, (n) => out.push(n)) ?? out;
}

/**
 * numbersOf, one number at a time, for functions that need not keep them (SUM): the
 * first error, or undefined. `fromCell`: the number was read through a reference.
 */
export function eachNumber(args: Operand[], cells: Cells, visit: (n: Num, fromCell: boolean) => void): ExcelError | undefined {
  for (const arg of args) {
    if (isRange(arg)) {
      const error = cells.eachNumber(arg, visit);
      if (error) return error;
      continue;
    }
    if (arg === null) continue;
    const n = toNum(arg, cells.arithmetic);
    if (isError(n)) return n;
    visit(n, false);
  }
  return undefined;
}

/** Like numbersOf, for AND and OR: references give their booleans and numbers, values are coerced. */
export function booleansOf(args: Operand[], cells: Cells): boolean[] | ExcelError {
  const out: boolean[] = [];
  const boolean = (v: Value): void => {
    if (typeof v === "boolean") out.push(v);
    else if (isNumber(v)) out.push(!isZero(v));
  };
  for (const arg of args) {
    if (isRange(arg)) {
      const error = untilError(arg, cells, boolean);
      if (error) return error;
      continue;
    }
    if (arg === null) continue;
    if (typeof arg === "string") {
      const upper = arg.toUpperCase();
      if (upper !== "TRUE" && upper !== "FALSE") return VALUE;
      out.push(upper === "TRUE");
      continue;
    }
    if (isError(arg)) return arg;
    out.push(typeof arg === "boolean" ? arg : !isZero(arg));
  }
  return out;
}

/** A range clipped to the sheet's used area: whole columns do not mean a million rows. */
export function clip(r: Range, cells: Cells): Range {
  const { rows, cols } = cells.extent(r.sheet);
  return { ...r, r2: Math.min(r.r2, Math.max(rows, r.r1)), c2: Math.min(r.c2, Math.max(cols, r.c1)) };
}

/** A range or a single value as a grid of values, row by row (blanks included). */
export function grid(x: Operand, cells: Cells): Value[][] {
  if (!isRange(x)) return [[x]];
  if (spansSheets(x)) return [[VALUE]];
  const r = clip(x, cells);
  const out: Value[][] = [];
  for (let row = r.r1; row <= r.r2; row++) {
    const line: Value[] = [];
    for (let col = r.c1; col <= r.c2; col++) line.push(cells.at(r.sheet, row, col));
    out.push(line);
  }
  return out;
}

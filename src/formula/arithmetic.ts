import { Decimal } from "../decimal.js";
import type { ExcelError } from "./values.js";

/**
 * A number in the engine. Under Excel's arithmetic (excel-doubles.ts) every number is
 * a JS double, as in Excel; under exact arithmetic (exact-decimals.ts) a safe integer
 * is a JS number and any other number a Decimal.
 */
export type Num = number | Decimal;

/** How ROUND, ROUNDUP and ROUNDDOWN settle the digits they drop: half away from zero, away from zero, toward zero. */
export type Rounding = "nearest" | "up" | "down";

/** A running sum, for SUM and its kin. */
export interface Accumulator {
  /** `fromCell`: the number was read from a cell (through a reference), not written as an argument. */
  add(x: Num, fromCell: boolean): void;
  total(): Num | ExcelError;
}

/**
 * The arithmetic a book computes in: Excel's (IEEE-754 doubles under Excel's rules,
 * what every cached value is), or exact decimals (what the build evaluates each
 * verdict in a second time, so that a verdict floating-point noise decides is found).
 * Operators and functions reach numbers only through it; an operation that Excel
 * would answer with an error returns that error.
 */
export interface Arithmetic {
  readonly kind: "excel" | "exact";
  /** A number written in formula text or held as numeric text (`12`, `1E3`, `0.5`), already known to be one. */
  parse(text: string): Num;
  /** A number given to a cell: a figure (a JS number or a Decimal) or a double read from a file. */
  held(n: Num): Num;
  add(a: Num, b: Num): Num | ExcelError;
  sub(a: Num, b: Num): Num | ExcelError;
  mul(a: Num, b: Num): Num | ExcelError;
  /** `/`: #DIV/0! for a zero divisor. */
  div(a: Num, b: Num): Num | ExcelError;
  /** `+` and `-` as the last operation of a formula (Excel's near-zero rule applies there only). */
  lastAdd(a: Num, b: Num): Num | ExcelError;
  lastSub(a: Num, b: Num): Num | ExcelError;
  /** `^` and POWER. */
  power(a: Num, b: Num): Num | ExcelError;
  neg(a: Num): Num;
  /** `%`: a hundredth. */
  percent(a: Num): Num | ExcelError;
  /** How comparison operators, lookups and criteria order two numbers. */
  compare(a: Num, b: Num): -1 | 0 | 1;
  /** ROUND and its family: `digits` may be negative (ROUND(1234, -2) = 1200). */
  round(x: Num, digits: number, how: Rounding): Num | ExcelError;
  /** INT: the largest integer not above. */
  int(x: Num): Num;
  /** MOD: the remainder with the sign of the divisor. */
  mod(x: Num, y: Num): Num | ExcelError;
  sqrt(x: Num): Num | ExcelError;
  abs(x: Num): Num;
  sum(): Accumulator;
  /** The decimal a number formats as (TEXT and its sections). */
  decimal(x: Num): Decimal;
}

export function isZero(a: Num): boolean {
  return typeof a === "number" ? a === 0 : a.isZero();
}

export function isNegative(a: Num): boolean {
  return typeof a === "number" ? a < 0 : a.isNeg() && !a.isZero();
}

/** The order of two numbers as they are, without Excel's 15-digit rule (MIN and MAX pick a number, they do not compare two). */
export function order(a: Num, b: Num): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return new Decimal(a).comparedTo(b) as -1 | 0 | 1;
}

/** A number as a JS number, for what must be one: a count, a position, a date serial. */
export function jsNumber(a: Num): number {
  return typeof a === "number" ? a : a.toNumber();
}

const DECIMAL_ROUNDING: Record<Rounding, 0 | 1 | 4> = { nearest: Decimal.ROUND_HALF_UP, up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN };

/**
 * Rounds a decimal to `digits` places (to the left of the point for negative
 * digits). Beyond 400 places either way nothing a double holds changes.
 */
export function roundDecimal(x: Decimal, digits: number, how: Rounding): Decimal {
  const n = Math.max(-400, Math.min(400, Math.trunc(digits)));
  const mode = DECIMAL_ROUNDING[how];
  if (n >= 0) return x.toDecimalPlaces(n, mode);
  const scale = new Decimal(10).pow(-n);
  return x.div(scale).toDecimalPlaces(0, mode).times(scale);
}

/**
 * Excel's rules for `^` before any number is computed: 0^0 and a root of a negative
 * number are #NUM!, 0 to a negative power #DIV/0!; undefined when the power is one.
 */
export function powerProblem(aIsZero: boolean, aIsNegative: boolean, b: Num): "#NUM!" | "#DIV/0!" | undefined {
  if (aIsZero && isZero(b)) return "#NUM!";
  if (aIsZero && isNegative(b)) return "#DIV/0!";
  if (aIsNegative && !(typeof b === "number" ? Number.isInteger(b) : b.isInteger())) return "#NUM!";
  return undefined;
}

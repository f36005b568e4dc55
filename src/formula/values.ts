import { Decimal, isDecimal } from "../decimal.js";
import type { Arithmetic, Num } from "./arithmetic.js";

export { Decimal };

export const ERROR_CODES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An Excel error value: a value like any other, which most operations pass on. */
export class ExcelError {
  private static readonly interned = new Map<string, ExcelError>();
  private constructor(readonly code: ErrorCode) {}

  static of(code: ErrorCode): ExcelError {
    let e = ExcelError.interned.get(code);
    if (!e) ExcelError.interned.set(code, (e = new ExcelError(code)));
    return e;
  }

  static isCode(text: string): text is ErrorCode {
    return (ERROR_CODES as readonly string[]).includes(text);
  }

  toString(): string {
    return this.code;
  }
}

export const DIV0 = ExcelError.of("#DIV/0!");
export const VALUE = ExcelError.of("#VALUE!");
export const REF = ExcelError.of("#REF!");
export const NAME = ExcelError.of("#NAME?");
export const NUM = ExcelError.of("#NUM!");
export const NA = ExcelError.of("#N/A");

/**
 * A cell's value. `null` is a blank cell, which is not the same as empty text. A
 * number is a double under Excel's arithmetic, a JS number or a Decimal under the
 * exact one (see arithmetic.ts).
 */
export type Value = Num | string | boolean | ExcelError | null;

export function isNumber(v: unknown): v is Num {
  return typeof v === "number" || isDecimal(v);
}

export function isError(v: unknown): v is ExcelError {
  return v instanceof ExcelError;
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A value used as a number, as operators and functions that calculate use it: numeric text is read in the book's arithmetic. */
export function toNum(v: Value, arithmetic: Arithmetic): Num | ExcelError {
  if (typeof v === "number") return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return NUMERIC_TEXT.test(v) ? arithmetic.parse(v.trim()) : VALUE;
  return v;
}

/** A value used as a condition. */
export function toBoolean(v: Value): boolean | ExcelError {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (isDecimal(v)) return !v.isZero();
  if (typeof v === "string") {
    const upper = v.toUpperCase();
    return upper === "TRUE" ? true : upper === "FALSE" ? false : VALUE;
  }
  return v;
}

/**
 * A number as Excel's General format shows it inside text: up to 15 significant
 * digits, no thousands separators, scientific notation only for extreme magnitudes.
 */
export function numberText(n: Num): string {
  // Integers of up to 15 digits show as they are.
  if (typeof n === "number" && Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (typeof n === "number" ? n === 0 : n.isZero()) return "0";
  const rounded = new Decimal(n.toPrecision(15));
  const exponent = rounded.e;
  if (exponent >= 21 || exponent <= -10) {
    return rounded.toExponential().replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "E$10$2").replace(/e/, "E");
  }
  return rounded.toFixed();
}

/** A value used as text, as `&` and text functions use it. */
export function toText(v: Value): string | ExcelError {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isNumber(v)) return numberText(v);
  return v;
}

/** Excel orders values of different kinds: numbers < text < booleans. */
function rank(v: Num | string | boolean): number {
  return isNumber(v) ? 0 : typeof v === "string" ? 1 : 2;
}

/**
 * Compares two values as Excel's comparison operators do: a blank takes the kind of
 * the other side (0, "" or FALSE), numbers as the book's arithmetic orders them,
 * text case-insensitively.
 */
export function compare(a: Value, b: Value, arithmetic: Arithmetic): -1 | 0 | 1 | ExcelError {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const blankLike = (other: Value): number | string | boolean => (other === null || isNumber(other) ? 0 : typeof other === "string" ? "" : false);
  const x = a === null ? blankLike(b) : a;
  const y = b === null ? blankLike(a) : b;
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (isNumber(x)) return arithmetic.compare(x, y as Num);
  if (typeof x === "string") {
    const p = x.toLowerCase();
    const q = (y as string).toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return x === y ? 0 : x ? 1 : -1;
}

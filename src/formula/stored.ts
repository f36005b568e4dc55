import { isDecimal } from "../decimal.js";
import { ExcelError, type Value } from "./values.js";

/**
 * A value as a file stores it: numbers are doubles there, errors are their code.
 * Exact decimals (the exact arithmetic's) become doubles only here.
 */
export type StoredValue = number | string | boolean | { error: string } | null;

/** Looks up the value of a cell by sheet name, row and column (1-based). */
export type ComputedValues = (sheet: string, row: number, col: number) => StoredValue;

export function toStored(value: Value): StoredValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  // A zero keeps no sign in a file (0 × −0.5).
  if (typeof value === "number") return value === 0 ? 0 : value;
  if (value instanceof ExcelError) return { error: value.code };
  const n = isDecimal(value) ? value.toNumber() : Number(value);
  return n === 0 ? 0 : n;
}

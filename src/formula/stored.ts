import { Decimal } from "decimal.js";
import { ExcelError, type Value } from "./values.js";

/**
 * A value as a file stores it: numbers are doubles there, errors are their code.
 * Decimals become doubles only here, at the last moment.
 */
export type StoredValue = number | string | boolean | { error: string } | null;

/** Looks up the value of a cell by sheet name, row and column (1-based). */
export type ComputedValues = (sheet: string, row: number, col: number) => StoredValue;

export function toStored(value: Value): StoredValue {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof ExcelError) return { error: value.code };
  const n = (value as Decimal).toNumber();
  // A decimal zero keeps its sign (0 × −0.5); a file's zero has none.
  return n === 0 ? 0 : n;
}

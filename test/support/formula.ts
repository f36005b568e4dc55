import { parseCell } from "../../src/formula/address.js";
import { FormulaBook } from "../../src/formula/book.js";
import { EXACT } from "../../src/formula/exact-decimals.js";
import { toStored, type StoredValue } from "../../src/formula/stored.js";
import { Decimal, type Value } from "../../src/formula/values.js";

/** Cells by A1 address on Sheet1; `{ n }` is a number as exact text, a string starting with = a formula. */
export type Given = Record<string, number | string | boolean | null | { n: string }>;

function toValue(v: Given[string]): Value {
  if (typeof v === "number") return new Decimal(v);
  if (v !== null && typeof v === "object") return new Decimal(v.n);
  return v;
}

/** The value of one formula (in Z1000) on a sheet holding the given cells, as the engine holds it (in Excel's arithmetic unless `exact`). */
function evaluateValue(formula: string, given: Given, exact = false): Value {
  const book = new FormulaBook(exact ? { arithmetic: EXACT } : {});
  book.addSheet("Sheet1");
  for (const [address, v] of Object.entries(given)) {
    const at = parseCell(address)!;
    if (typeof v === "string" && v.startsWith("=")) book.setFormula("Sheet1", at.row, at.col, v);
    else book.setValue("Sheet1", at.row, at.col, toValue(v));
  }
  book.setFormula("Sheet1", 1000, 26, formula);
  book.recalculate();
  return book.value("Sheet1", 1000, 26);
}

/** The result as a file would store it. */
export function evaluate(formula: string, given: Given = {}): StoredValue {
  return toStored(evaluateValue(formula, given));
}

/** The result in exact decimals (the arithmetic the build checks verdicts in a second time), as text. */
export function evaluateExact(formula: string, given: Given = {}): string {
  return String(evaluateValue(formula, given, true));
}

import { TemplateError, type Where } from "../errors.js";
import type { Model, Verdict } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import { FormulaBook } from "./book.js";
import { EXACT } from "./exact-decimals.js";
import { toStored, type StoredValue } from "./stored.js";

/**
 * A verdict (a check or a published figure) must come out the same in every engine
 * that opens the workbook. Excel, LibreOffice and gnumeric each compute in their own
 * binary floating point; the figures themselves are exact decimals. So the build
 * computes each verdict a second time in exact decimals, from the same formulas and
 * figures, and a verdict whose outcome differs between the two is one the noise of
 * floating point decides: a template error, named, rather than a pack whose verdict
 * depends on who recalculates it.
 *
 * Only what the verdicts depend on is computed again (FormulaBook.precedentCells):
 * a report's figures that no check reads cost nothing.
 */

/** The verdict that exact decimals and Excel's doubles decide differently, with both outcomes, or undefined. */
export function noiseDecidedVerdict(book: FormulaBook, verdicts: Verdict[]): { verdict: Verdict; excel: StoredValue; exact: StoredValue } | undefined {
  if (verdicts.length === 0) return undefined;
  const cells = verdicts.map((v) => ({ sheet: v.sheet, row: v.row, col: v.okColumn }));
  const needed = book.precedentCells(cells);
  const exact = new FormulaBook({ arithmetic: EXACT });
  for (const sheet of book.sheetNames()) exact.addSheet(sheet);
  for (const n of needed.names) exact.defineName(n.name, n.reference, n.scope);
  for (const v of needed.values) exact.setValue(v.sheet, v.row, v.col, v.value);
  for (const f of needed.formulas) exact.setFormula(f.sheet, f.row, f.col, f.text, f.where);
  exact.recalculate();
  for (const v of verdicts) {
    const inExcel = toStored(book.value(v.sheet, v.row, v.okColumn));
    const inExact = toStored(exact.value(v.sheet, v.row, v.okColumn));
    if (JSON.stringify(inExcel) !== JSON.stringify(inExact)) return { verdict: v, excel: inExcel, exact: inExact };
  }
  return undefined;
}

const shown = (v: StoredValue): string => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : JSON.stringify(v));

/** Throws the template error for a verdict that floating-point noise decides, naming it and where it is defined. */
export function refuseNoiseDecidedVerdicts(book: FormulaBook, model: Model): void {
  const found = noiseDecidedVerdict(book, model.verdicts);
  if (!found) return;
  const { verdict: v, excel, exact } = found;
  const what = v.kind === "check" ? "check" : "published figure";
  const where: Where | undefined = model.sheets
    .find((s) => s.name === v.sheet)
    ?.rows.find((r) => r.row === v.row)
    ?.cells.find((c) => c.col === v.okColumn)?.where;
  throw new TemplateError(
    `this ${what} is decided by floating-point noise: round it (${what} "${v.id}", ${v.period}, at ${cellAddress(v.row, v.okColumn, v.sheet)}: ${shown(excel)} in Excel's arithmetic, ${shown(exact)} in exact decimals)`,
    { ...where, hint: "round the figures it compares to the precision they are printed or known to (ROUND), or state a tolerance that is not a rounding boundary" },
  );
}

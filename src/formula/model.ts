import { TemplateError } from "../errors.js";
import { walkRow } from "../model/row.js";
import type { Model } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import { LABEL_COLUMN } from "../template/layout.js";
import { FormulaBook } from "./book.js";
import { toStored, type ComputedValues } from "./stored.js";
import { refuseNoiseDecidedVerdicts } from "./verdict-noise.js";

export interface EvaluatedModel {
  value: ComputedValues;
  formulaCells: number;
}

/**
 * Computes every formula of the model with the same engine `tieout check` uses on
 * files, from the formula text exactly as it will be written, in Excel's arithmetic,
 * so that the cached values in the workbook are what Excel computes from the file's
 * own formulas. A verdict that floating-point noise decides is a TemplateError
 * (verdict-noise.ts).
 */
export function evaluateModel(model: Model): EvaluatedModel {
  const book = new FormulaBook();
  for (const sheet of model.sheets) book.addSheet(sheet.name, sheet.rows[sheet.rows.length - 1]?.row ?? 0);
  for (const sheet of model.sheets) {
    for (const row of sheet.rows) {
      // Labels are cells like any other: a whole-row range or COUNTA reads them.
      if (row.label !== undefined) book.setValue(sheet.name, row.row, LABEL_COLUMN, row.label);
      walkRow(
        row,
        (cell) => {
          if (cell.formula !== undefined) book.setFormula(sheet.name, cell.row, cell.col, cell.formula, cell.where);
          else if (cell.value !== undefined) book.setValue(sheet.name, cell.row, cell.col, cell.value);
        },
        (col, value) => book.setValue(sheet.name, row.row, col, value),
      );
    }
  }
  const unsupported = book.unsupported();
  if (unsupported.length > 0) {
    const first = unsupported[0]!;
    const where = model.sheets.flatMap((s) => s.rows.flatMap((r) => r.cells.filter((c) => cellAddress(c.row, c.col, s.name) === first.cell).map((c) => c.where)))[0];
    throw new TemplateError(`function ${first.name} is not supported (at ${first.cell})`, {
      ...where,
      hint: "a function of tieout's library (see the README)",
    });
  }
  book.recalculate();
  refuseNoiseDecidedVerdicts(book, model);
  return {
    value: (sheet, row, col) => toStored(book.value(sheet, row, col)),
    formulaCells: book.formulaCells(),
  };
}

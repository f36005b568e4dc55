import { z } from "zod";
import { cellText, periodId, unit } from "../data/schema.js";

/** Row, column and sheet ids: what template formulas are written in. */
export const id = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, "an id is lower-case letters, digits and _, starting with a letter or _");

/** Column ids are period ids (`1H18`) or words (`yoy_pct`). */
export const columnId = z.string().regex(/^[A-Za-z0-9_]+$/, "a column id is letters, digits and _");

/** Excel's own limits on sheet names. */
export const sheetName = z
  .string()
  .min(1)
  .max(31, "Excel allows at most 31 characters in a sheet name")
  .refine((s) => !/[[\]:*?/\\]/.test(s), "a sheet name cannot contain [ ] : * ? / \\")
  .refine((s) => !s.startsWith("'") && !s.endsWith("'"), "a sheet name cannot start or end with an apostrophe")
  .refine((s) => s.toLowerCase() !== "history", "'History' is reserved by Excel");

/** Excel's limit on formula text. */
export const MAX_FORMULA_LENGTH = 8192;
export const formula = z
  .string()
  .min(1)
  .max(MAX_FORMULA_LENGTH, `Excel allows at most ${MAX_FORMULA_LENGTH} characters in a formula`)
  .describe("Excel formula syntax with row ids for cells: SUM(rev_ns_ent:rev_ns_outsourcing), gm_total / rev_total, is.rev_total@1H17, @1H18 - @1H17.");

export const format = z
  .enum(["amount", "percent", "per_share", "count", "decimal1", "text"])
  .describe("amount: #,##0 with negatives in parentheses; percent: 0.0%; per_share: 0.00; count: #,##0; decimal1: #,##0.0.");

export const periodColumn = z.strictObject({
  period: periodId.describe("Input rows take this period's figure from the sheet's statements."),
  header: cellText.optional(),
  inputs: formula
    .optional()
    .describe("A derived period: input rows get this formula (e.g. @1H18 - @2Q18) instead of a figure; formula rows keep their own formula."),
});

export const comparisonColumn = z.strictObject({
  id: columnId,
  header: cellText,
  formula: formula.describe("Applied to every row (unless the row skips it); @col names the row's basis in column col."),
  format: format.optional().describe("Overrides the row's format (e.g. percent for YoY %)."),
});

export const column = z.union([periodColumn, comparisonColumn]);

export const heading = z.strictObject({
  heading: cellText.describe("A section label on a row of its own."),
});

export const row = z.strictObject({
  id,
  label: cellText,
  formula: formula.optional().describe("Without a formula the row is an input, taken from the sheet's statements (item = id unless `item` says otherwise)."),
  item: z.string().optional().describe("The data item an input row shows, when its id differs: 'is_6m.rev_total' or 'rev_total'."),
  format: format.optional(),
  style: z.enum(["total", "subtotal", "of_which", "memo"]).optional(),
  unit: unit.optional().describe("When the row's unit differs from the sheet's."),
  indent: z.number().int().min(0).max(5).optional(),
  basis: z
    .string()
    .optional()
    .describe("The exact figure comparison columns work from (e.g. a millions row's thousands source), so YoY is computed from thousands, not from rounded millions."),
  name: z
    .string()
    .regex(/^[A-Z][A-Za-z]*$/, "a name is letters, starting with a capital (Revenue, OperatingIncome)")
    .optional()
    .describe("Workbook names for the row's period figures: Revenue gives Revenue_1H18, Revenue_2Q18, …"),
  skip: z.array(columnId).optional().describe("Columns this row leaves blank (e.g. YoY % of a ratio)."),
  column_formulas: z
    .record(columnId, formula)
    .optional()
    .describe("This row's formula in particular columns (column id → formula), instead of its input, its own formula or the column's rule; @col names this row. E.g. a derived first quarter's opening cash is the half-year's: { \"1Q18\": \"@1H18\" }."),
});

export const check = z.strictObject({
  id,
  label: cellText,
  lhs: formula,
  rhs: formula,
  periods: z.array(periodId).min(1).describe("The check is written once per period; references without @col take that period."),
  tolerance: z.number().min(0).default(0).describe("Largest absolute difference that still passes (in the lhs's unit)."),
  reason: cellText.optional().describe("Why the tolerance is not 0."),
});

export const sheet = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: sheetName,
  title: cellText,
  unit,
  statements: z.array(z.string()).default([]).describe("Data statements input rows are taken from, searched in order."),
  columns: z.array(column).min(1),
  rows: z.array(z.union([heading, row])).min(1),
  checks: z.array(check).default([]),
});

export const template = z.strictObject({
  $schema: z.string().optional(),
  title: cellText,
  sheets: z.array(z.string().min(1)).min(1).describe("Sheet files, relative to this one, in workbook order."),
});

export type Format = z.infer<typeof format>;
export type PeriodColumn = z.infer<typeof periodColumn>;
export type ComparisonColumn = z.infer<typeof comparisonColumn>;
export type Column = z.infer<typeof column>;
export type Heading = z.infer<typeof heading>;
export type Row = z.infer<typeof row>;
export type Check = z.infer<typeof check>;
export type Sheet = z.infer<typeof sheet>;
export type TemplateFile = z.infer<typeof template>;

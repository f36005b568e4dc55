import * as z from "zod";
import { role } from "../data/role.js";
import { cellText, periodId, unit } from "../data/schema.js";
import { xmlIllegal } from "../data/xml-text.js";
import { format } from "./number-format.js";

export { format, type Format } from "./number-format.js";

/** Row, column and sheet ids: what template formulas are written in. */
export const id = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, "an id is lower-case letters, digits and _, starting with a letter or _");

/** Column ids are roles (`current`, `prior`), words (`yoy_pct`) or, for fixed columns, period ids (`1H18`, `2023-09-30`). */
export const columnId = z.string().regex(/^[A-Za-z0-9_-]+$/, "a column id is letters, digits, _ and -");

/** Excel's own limits on sheet names. */
export const sheetName = z
  .string()
  .min(1)
  .max(31, "Excel allows at most 31 characters in a sheet name")
  .refine((s) => !/[\u0000-\u001F]/.test(s) && xmlIllegal(s) === undefined, "a sheet name cannot contain control characters, tabs or line breaks")
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

const header = cellText
  .optional()
  .describe("The column's header; {role}, {role:label}, {role:start}, {role:end} and {period…} (this column's own) print the bound period's id, label or dates. Default: the period id.");
const inputs = formula
  .optional()
  .describe("A derived period: input rows get this formula (e.g. @current - @quarter) instead of a figure; formula rows keep their own formula.");

export const roleColumn = z.strictObject({
  role: role.describe("The period this column shows, by its role: report.json's roles bind it to a period id each time (current → 1H18)."),
  header,
  inputs,
});

export const trailingColumns = z.strictObject({
  role: role.describe("The latest of the trailing periods: current, quarter, closing…"),
  trailing: z.number().int().min(2).max(40).describe("How many periods, oldest first, ending with `role`: one column each."),
  step: z
    .enum(["year", "period"])
    .default("year")
    .describe("year: the same period of earlier years (prior2, prior, current); period: the periods just before, of the same length (quarter_lag2, quarter_lag1, quarter)."),
  header,
});

export const periodColumn = z.strictObject({
  period: periodId.describe("A fixed period, for a template that does not roll forward: input rows take this period's figure from the sheet's statements."),
  header: cellText.optional(),
  inputs,
});

export const comparisonColumn = z.strictObject({
  id: columnId,
  header: cellText,
  formula: formula.describe("Applied to every row (unless the row skips it); @col names the row's basis in column col."),
  format: format.optional().describe("Overrides the row's format (e.g. percent for YoY %)."),
  unit: unit.optional().describe("The unit of the column's figures when not the row's (a percent format: percent)."),
});

export const column = z.union([roleColumn, trailingColumns, periodColumn, comparisonColumn]);

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

export const relation = z
  .enum(["=", "<=", ">="])
  .default("=")
  .describe("How lhs must compare with rhs: = (within the tolerance either way), <= (lhs at most rhs + tolerance), >= (lhs at least rhs − tolerance).");

export const check = z
  .strictObject({
    id,
    label: cellText,
    lhs: formula.describe("Template formula; in a check over `rows`, @col names each row of the range in column col."),
    relation,
    rhs: formula,
    periods: z.array(columnId).min(1).describe("Period columns (roles: current, prior…) the check is written for, once each; references without @col take that period."),
    rows: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*$/, "a range of this sheet's rows: first_row:last_row")
      .optional()
      .describe("A check over a range of rows (every row of a table foots): the check is written for each row of first:last (headings skipped), where @col names that row, e.g. lhs @derived_quarter + @quarter, rhs @current."),
    tolerance: z.number().min(0).default(0).describe("Largest absolute difference that still passes, in the check's unit (the lhs's)."),
    relative_tolerance: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Instead of an absolute tolerance: the largest difference as a fraction of |rhs| (0.001 is 0.1 %), shown on the Checks sheet in the check's unit."),
    reason: cellText.optional().describe("Why the tolerance is not 0."),
  })
  .refine((c) => c.relative_tolerance === undefined || c.tolerance === 0, { message: "a check has either an absolute tolerance or a relative_tolerance, not both", path: ["relative_tolerance"] });

/** A row of this sheet (`gm_ns`) or of another (`is.rev_total`), by template ids. */
export const rowRef = z
  .string()
  .regex(/^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/, "a row id, or a sheet id and a row id: gm_ns, is.rev_total");

export const chartAxis = z
  .enum(["primary", "secondary"])
  .describe("combo charts only: primary series are columns on the left axis, secondary series a line on a percent axis on the right.");

export const chartRowSeries = z.strictObject({
  row: rowRef.describe("The row whose figures in the chart's category columns this series plots."),
  name: cellText.optional().describe("Legend text; without it the legend shows the row's label cell (a reference, so it follows edits)."),
  axis: chartAxis.optional(),
});

export const chartColumnSeries = z.strictObject({
  column: columnId.describe("The column whose figures in the chart's category rows this series plots."),
  rows: z
    .array(rowRef)
    .min(1)
    .optional()
    .describe("The rows plotted, one per category, when not the category rows themselves (e.g. the gross margin ratio rows beside the gross margin rows); next to each other, in sheet order."),
  name: cellText.optional().describe("Legend text; without it the legend shows the column's header cell."),
  axis: chartAxis.optional(),
});

export const chartCategories = z.union([
  z.strictObject({
    columns: z
      .array(columnId)
      .min(1)
      .describe("Columns next to each other, in sheet order (e.g. [\"1H17\", \"1H18\"]): the labels are their header cells, and each series is a row."),
  }),
  z.strictObject({
    rows: z
      .array(rowRef)
      .min(1)
      .describe("Rows of one sheet next to each other, in sheet order: the labels are their label cells, and each series is a column."),
  }),
]);

export const chart = z.strictObject({
  id,
  title: cellText,
  kind: z
    .enum(["clustered_column", "stacked_column", "line", "combo"])
    .describe("combo: clustered columns for primary series and a line on a secondary percent axis for secondary ones."),
  anchor: z
    .strictObject({
      cell: z.string().regex(/^[A-Z]{1,3}[1-9][0-9]*$/, "a cell such as F5").describe("The chart's top-left cell: right of the sheet's table or below it."),
      columns: z.number().int().min(2).max(60).describe("Width, in columns."),
      rows: z.number().int().min(5).max(200).describe("Height, in rows."),
    })
    .describe("Where the chart sits on the sheet."),
  categories: chartCategories,
  series: z
    .array(z.union([chartRowSeries, chartColumnSeries]))
    .min(1)
    .max(32)
    .describe("Each series plots cell ranges of the workbook, so the chart follows the figures when they are edited: a row across category columns, or a column down category rows."),
});

export const lines = z.strictObject({
  lines: z.string().min(1).describe("A data statement whose lines become rows here, in the source's order (an XBRL filing's presentation): totals with the source's own arithmetic as their formula, other lines as inputs. The same template then shows each filing's own lines, whatever a year adds or drops."),
  except: z.array(z.string()).optional().describe("Lines of the statement not shown."),
  optional: z.boolean().optional().describe("The statement may be absent from a report's data (a filing that does not present it): then no rows."),
});

export const sheet = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: sheetName,
  title: cellText,
  unit,
  statements: z.array(z.string()).default([]).describe("Data statements input rows are taken from, searched in order."),
  columns: z.array(column).min(1),
  rows: z.array(z.union([heading, lines, row])).min(1),
  checks: z.array(check).default([]),
  charts: z.array(chart).optional().describe("Native Excel charts drawn on this sheet from its figures (or another sheet's)."),
});

/** A unit a template adds to tieout's own (currencies, shares, count, percent, ratio, basis points). */
export const declaredUnit = z.strictObject({
  description: cellText.optional(),
  of: unit.optional().describe("The unit it is a multiple of (ADSs: of shares), so figures in both can be compared; without it, a quantity of its own (Gbps)."),
  factor: z.number().positive().optional().describe("How many of `of` one of it is (one ADS is 0.5 shares)."),
  singular: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/).optional().describe("Its name after per (JPY per ADS)."),
});

export const template = z.strictObject({
  $schema: z.string().optional(),
  title: cellText,
  units: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "a unit name is letters and digits"), declaredUnit)
    .optional()
    .describe("Units the data and sheets use besides tieout's own: { \"Gbps\": {}, \"ADSs\": { \"of\": \"shares\", \"factor\": 0.5, \"singular\": \"ADS\" } }."),
  sheets: z.array(z.string().min(1)).min(1).describe("Sheet files, relative to this one, in workbook order."),
});

export type DeclaredUnit = z.infer<typeof declaredUnit>;
export type RoleColumn = z.infer<typeof roleColumn>;
export type TrailingColumns = z.infer<typeof trailingColumns>;
export type PeriodColumn = z.infer<typeof periodColumn>;
export type ComparisonColumn = z.infer<typeof comparisonColumn>;
export type Column = z.infer<typeof column>;
export type Heading = z.infer<typeof heading>;
export type Row = z.infer<typeof row>;
export type Lines = z.infer<typeof lines>;
export type Check = z.infer<typeof check>;
export type Relation = z.infer<typeof relation>;
export type Sheet = z.infer<typeof sheet>;
export type Chart = z.infer<typeof chart>;
export type ChartRowSeries = z.infer<typeof chartRowSeries>;
export type ChartColumnSeries = z.infer<typeof chartColumnSeries>;
export type TemplateFile = z.infer<typeof template>;

import * as z from "zod";
import { cellText, item, itemId, periodId, unit } from "../schema.js";

/**
 * How a CSV export maps onto one statement of a data file: which column names each
 * line, which columns hold which period, how its numbers are written, and what the
 * statement's title, source and unit are. It lives beside the CSV as
 * `NAME.mapping.json` for `NAME.csv`.
 */
export const csvMapping = z.strictObject({
  $schema: z.string().optional(),
  statement: itemId.describe("The statement's id, as templates name it (is_6m)."),
  title: cellText.describe("The table's title in the source."),
  source: cellText.describe("Where in the source the table is: section and table, page when printed."),
  unit: unit.describe("The unit of the statement's figures, after `scale`."),
  scale: z
    .number()
    .positive()
    .refine((x) => Number.isInteger(Math.log10(x)), "a power of ten: 1, 1000, 0.001…")
    .default(1)
    .describe("What each figure of the file is multiplied by to be in `unit`: 1000 for a file in millions of a statement in thousands."),
  delimiter: z.string().length(1).default(",").describe("The character between fields."),
  header: z.number().int().min(1).default(1).describe("The line that holds the column headers (lines above it are skipped: titles, notes)."),
  columns: z.strictObject({
    id: z.string().min(1).optional().describe("Header of the column holding each line's item id. Without it, `items` maps labels to ids."),
    label: z.string().min(1).describe("Header of the column holding each line's label."),
    periods: z.record(z.string().min(1), periodId).describe('Header of each period\'s column → the period id: { "Six months 2018": "1H18" }.'),
  }),
  items: z.record(z.string().min(1), itemId).optional().describe("Label as in the file → item id, for files without an id column. Every line with figures must be named."),
  lines: z
    .record(itemId, item.pick({ total: true, part_of: true, unit: true, note: true }).partial())
    .optional()
    .describe("What the file cannot say about a line: that it is a printed total, an 'of which' line, its own unit, a note."),
  numbers: z
    .strictObject({
      thousands: z.enum([",", ".", " ", "'", "none"]).default(",").describe("The thousands separator: 1,234,567."),
      decimal: z.enum([".", ","]).default(".").describe("The decimal mark."),
      parentheses: z.boolean().default(true).describe("(1,234) is −1,234."),
      dash: z.enum(["zero", "blank"]).default("zero").describe("What a lone dash (-, –, —) means: 0, as a printed '-' is (the data files' rule), or no figure (null)."),
    })
    .default({ thousands: ",", decimal: ".", parentheses: true, dash: "zero" })
    .describe("How the file writes numbers. An empty cell is always no figure (null)."),
});

export type CsvMapping = z.infer<typeof csvMapping>;
export type NumberFormat = CsvMapping["numbers"];

/** The mapping of a CSV file: `income.csv` → `income.mapping.json`. */
export function mappingFileOf(csvFile: string): string {
  return csvFile.replace(/\.csv$/i, "") + ".mapping.json";
}

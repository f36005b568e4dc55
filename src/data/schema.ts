import * as z from "zod";
import { figure } from "./number.js";
import { role } from "./role.js";
import { unit } from "./unit.js";
import { xmlIllegal } from "./xml-text.js";

export { unit, type Unit } from "./unit.js";

/** Short ids used everywhere a period is named: `1H18`, `2Q17`, `Mar18`, `FY2023`, `2023-09-30`. */
export const periodId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "a period id is letters, digits, _ and - (e.g. 1H18, Mar18, FY2023, 2023-09-30)");

/** Ids of statements, items and published figures: lower-case words joined by _. */
/**
 * Text that goes into a cell: at most Excel's 32,767 characters, and no control
 * characters XML cannot carry (a file holding one needs "repair" when opened).
 */
export const cellText = z
  .string()
  .min(1)
  .max(32767, "Excel allows at most 32,767 characters in a cell")
  .refine((s) => xmlIllegal(s) === undefined, "a control character (U+0000–U+001F other than tab and line breaks), U+FFFE, U+FFFF or an unpaired surrogate cannot be written to a workbook");

export const itemId = z.string().regex(/^[a-z][a-z0-9_]*$/, "an id is lower-case letters, digits and _, starting with a letter");

const isoDate = z.iso.date();

export const period = z
  .strictObject({
    label: cellText.describe("How the release names the period: 'Six months ended September 30, 2018'."),
    kind: z.enum(["duration", "instant"]).describe("A flow over a span (income, cash flow) or a balance at a date."),
    start: isoDate.optional(),
    end: isoDate.describe("Last day of a duration; the date of an instant."),
  })
  .refine((p) => (p.kind === "duration") === (p.start !== undefined), {
    message: "a duration has a start date; an instant has none",
  });

/** A line's figures. The loader checks these in a loop of its own (values.ts), which defers to this schema for anything it is not sure of. */
export const values = z
  .record(periodId, figure.nullable())
  .describe("One figure per period. null: the line is not presented for that period (blank, not zero); a printed '-' is 0.");

export const item = z.strictObject({
  label: cellText.describe("The line's label as printed."),
  values,
  total: z
    .boolean()
    .optional()
    .describe("A total or subtotal printed in the release. It is not an input: a template formula must reproduce it."),
  formula: z
    .string()
    .optional()
    .describe("A total's arithmetic as the source states it (an XBRL filing's calculation linkbase), over items of the same statement: 'a + b - c'. Rows made from the statement's lines write it."),
  depth: z.number().int().min(0).optional().describe("The line's depth in the source's presentation (0: top level)."),
  part_of: itemId
    .optional()
    .describe("An 'of which' line: already included in that item of the same statement, never to be added again."),
  unit: unit.optional().describe("Only when it differs from the statement's unit."),
  note: cellText.optional().describe("Anything a reader should know about this line (reclassification, garbled extraction)."),
});

export const statement = z.strictObject({
  title: cellText.describe("The table's title in the release."),
  source: cellText.describe("Where in the release: section and table, page when printed."),
  unit,
  periods: z.array(periodId).min(1),
  items: z.record(itemId, item),
  note: cellText.optional(),
});

/**
 * How closely our formula must reproduce a printed figure. Every kind but `exact`
 * must say why (DESIGN.md: nothing is loosened to make a test pass).
 */
export const tolerance = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("exact") }),
  z.strictObject({
    kind: z.literal("rounding"),
    reason: cellText,
  }).describe("Our value, unrounded, lies within half a unit of the last printed digit."),
  z.strictObject({
    kind: z.literal("rounded_inputs"),
    reason: cellText,
    low: z.string().min(1).describe("Formula (template language) for the lowest value the inputs' rounding allows."),
    high: z.string().min(1).describe("Formula for the highest value the inputs' rounding allows."),
  }).describe("The release computed it from figures we only have rounded; check the interval their rounding allows."),
  z.strictObject({
    kind: z.literal("footing_plug"),
    reason: cellText,
  }).describe("A rounded table forced to add up: the printed figure may differ by one unit of its last digit."),
]);

export const published = z.strictObject({
  id: itemId,
  label: cellText,
  source: cellText.describe("Section and table (or narrative paragraph) of the release."),
  period: periodId,
  printed: z
    .string()
    .regex(
      /^(?:\(?-?[0-9][0-9,]*(\.[0-9]+)?\)?|[^0-9\s](?:[^0-9]{0,14}[^0-9\s])?)$/,
      "the figure as printed: digits, commas, a decimal point, parentheses for negatives; or a mark printed instead of a figure, without digits ('—', 'n/m')",
    )
    .describe("Exactly as printed: '82,988', '(2.7)', '43.98'; or a mark the release prints instead of a figure ('—', 'n/m'), which our figure must show as the same text."),
  unit,
  measures: z
    .string()
    .min(1)
    .describe("The figure of ours it is compared with, in the template formula language: 'summary.rev_total'."),
  tolerance,
})
  // A mark is text: it is the same or it is not, there is nothing to round.
  .refine((p) => isPrintedFigure(p.printed) || p.tolerance.kind === "exact", { message: "a printed mark ('—', 'n/m') is compared as text: its tolerance is { \"kind\": \"exact\" }", path: ["tolerance"] });

/** Whether a printed figure is a number (`82,988`, `(2.7)`) rather than a mark printed instead of one (`—`, `n/m`). */
export function isPrintedFigure(printed: string): boolean {
  return /[0-9]/.test(printed);
}

export const dataFile = z.strictObject({
  $schema: z.string().optional(),
  statements: z.record(itemId, statement).optional(),
  published: z.array(published).optional(),
});

export const report = z.strictObject({
  $schema: z.string().optional(),
  company: cellText,
  title: cellText,
  released: isoDate.describe("The release date: it is also the workbook's document date."),
  source: z.string().min(1).describe("The document the figures are transcribed from."),
  periods: z.record(periodId, period),
  roles: z
    .record(role, periodId)
    .optional()
    .describe("The period each role a template names stands for this time: { \"current\": \"1H18\", \"prior\": \"1H17\", \"closing\": \"Sep18\" }. Checked against the periods' dates."),
  files: z.array(z.string().min(1)).min(1).describe("Data files, relative to this one: statements and published figures."),
});

export type Period = z.infer<typeof period>;
export type Item = z.infer<typeof item>;
export type Statement = z.infer<typeof statement>;
export type Tolerance = z.infer<typeof tolerance>;
export type Published = z.infer<typeof published>;
export type DataFile = z.infer<typeof dataFile>;
export type ReportFile = z.infer<typeof report>;

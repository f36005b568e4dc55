import * as z from "zod";
import { cellText, itemId } from "../schema.js";
import { SCALES } from "../unit.js";

/**
 * A report's data taken from an XBRL filing: which filing, and which of its statement
 * roles become which statements of the report. It is listed in `report.json` like any
 * data file, as `NAME.xbrl.json`. Figures, labels, order and which lines are totals
 * all come from the filing; the file only says where to look and at what scale.
 */
export const xbrlSource = z.strictObject({
  $schema: z.string().optional(),
  filing: z.string().min(1).describe("The filing's folder (instance, schema and linkbases, as EDGAR serves them), relative to this file."),
  source: cellText.describe("The filing as a reader would cite it: form, period, accession number."),
  scale: z.enum(SCALES).default("millions").describe("The scale amounts in a currency are shown in (XBRL reports them in units)."),
  shares_scale: z.enum(SCALES).default("thousands").describe("The scale share counts are shown in."),
  statements: z
    .record(
      itemId,
      z.strictObject({
        role: z.string().min(1).describe("The statement's role: its URI, or the URI's last segment (CONSOLIDATEDSTATEMENTSOFOPERATIONS)."),
      }),
    )
    .refine((s) => Object.keys(s).length > 0, "at least one statement")
    .describe("Statement id (as templates name it) → the filing's role. Lines in shares or per share go to `<id>_shares` and `<id>_per_share`."),
  breakdowns: z
    .record(
      itemId,
      z.strictObject({
        title: cellText.describe("The statement's title in the workbook."),
        concept: z.string().regex(/^[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*$/, "a concept as prefix:LocalName").describe("The figure broken down: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax."),
        axis: z.string().regex(/^[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*$/, "an axis as prefix:LocalName").describe("The dimension it is broken down by: us-gaap:StatementBusinessSegmentsAxis."),
      }),
    )
    .optional()
    .describe("Statements of dimensional facts: one line per member of the axis the filing reports the concept for (segments, products, regions), taken in contexts with that one dimension only."),
});

export type XbrlSource = z.infer<typeof xbrlSource>;

/** Files named `NAME.xbrl.json` in a report's `files` are XBRL sources. */
export const isXbrlSourceFile = (name: string): boolean => /\.xbrl\.json$/i.test(name);

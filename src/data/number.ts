import { Decimal } from "../decimal.js";
import * as z from "zod";

/**
 * A number as it was written in the JSON file, when a double might not hold it
 * exactly: `2932.5` or `1e3` reaches decimal.js digit for digit. (Integers of up to
 * 15 digits arrive as JS numbers: a double holds every one of them.)
 */
export class NumberText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * A figure as the pipeline holds it: an integer of up to 15 digits as a JS number
 * (exact, and eight bytes where a Decimal takes about a hundred; a report of a million
 * figures holds them all), any other as a Decimal.
 */
export type Figure = number | Decimal;

/** Excel keeps 15 significant digits; a figure with more would silently change when written. */
export const MAX_SIGNIFICANT_DIGITS = 15;
const MAX_SAFE = new Decimal(2).pow(53).minus(1);
const EXACT_INTEGER_LIMIT = 10 ** MAX_SIGNIFICANT_DIGITS;

/** A JS number that is a figure as it stands: an integer of at most 15 digits (exact in a double), and not -0. */
export function isExactInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && Math.abs(v) < EXACT_INTEGER_LIMIT && !Object.is(v, -0);
}

/** The text of such an integer. */
const PLAIN_INTEGER = new RegExp(`^(?:0|-?[1-9]\\d{0,${MAX_SIGNIFICANT_DIGITS - 1}})$`);

/** Why a written number cannot be a figure, or undefined when it can. */
export function numberProblem(text: string): string | undefined {
  // An integer of at most 15 digits cannot break any rule below: no decimal is made to check it.
  if (PLAIN_INTEGER.test(text)) return undefined;
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return `"${text}" is not a JSON number`;
  if (/^-0(\.0+)?([eE][+-]?\d+)?$/.test(text)) return "negative zero is not a figure (write 0)";
  const d = new Decimal(text);
  if (!d.isFinite()) return `${text} is not finite`;
  if (d.abs().gt(MAX_SAFE)) return `${text} is beyond 2^53, where integers stop being exact`;
  if (!d.isZero() && d.precision(true) > MAX_SIGNIFICANT_DIGITS) {
    return `${text} has ${d.precision(true)} significant digits; Excel keeps ${MAX_SIGNIFICANT_DIGITS}`;
  }
  return undefined;
}

/** A number as readJson gives it, once checked, as the pipeline holds it. */
export function toFigure(v: number | NumberText): Figure {
  if (typeof v === "number") return v;
  return PLAIN_INTEGER.test(v.text) ? Number(v.text) : new Decimal(v.text);
}

/**
 * A figure in a data file: a JSON number (not a string such as "1,234"), as readJson
 * gives it, turned into a Figure. In the generated JSON Schema it is a plain number.
 */
export const figure = z
  .custom<number | NumberText>((v) => typeof v === "number" || v instanceof NumberText, { message: "expected a number (not a string, not null)" })
  .superRefine((v, ctx) => {
    const problem =
      typeof v === "number"
        ? isExactInteger(v)
          ? undefined
          : `${v} arrived as a double, which may differ from what was written (read data files with readJson)`
        : numberProblem(v.text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(toFigure)
  .meta({ id: "figure", type: "number", description: "A JSON number, as printed in the source (no thousands separators)." });

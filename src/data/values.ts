import * as z from "zod";
import { isExactInteger, numberProblem, NumberText, toFigure } from "./number.js";
import { dataFile, item, itemId, periodId, statement, values } from "./schema.js";

type Values = z.output<typeof values>;

/** Period ids `periodId` has accepted: a data file of a million figures names the same few over and over. */
const goodPeriods = new Set<string>();
const GOOD_PERIODS_KEPT = 10_000;

function isGoodPeriod(key: string): boolean {
  if (goodPeriods.has(key)) return true;
  const result = periodId.safeParse(key);
  // A key the schema rewrote would need the record rebuilt under the new key: leave that to zod.
  if (!result.success || result.data !== key) return false;
  if (goodPeriods.size >= GOOD_PERIODS_KEPT) goodPeriods.clear();
  goodPeriods.add(key);
  return true;
}

/**
 * What `values` makes of a record, when every key and value is one it surely accepts:
 * null, an integer readJson gave as a number, a NumberText that breaks no rule.
 * Undefined when anything else is in it. The record itself is returned when nothing
 * needs converting, so a million figures are not copied.
 */
function quickValues(input: unknown): Values | undefined {
  if (typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  // zod would look at (and reject) symbol keys, which Object.keys does not list.
  if (Object.getOwnPropertySymbols(input).length > 0) return undefined;
  const record = input as Record<string, unknown>;
  const keys = Object.keys(record);
  let converted: Values | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isGoodPeriod(key)) return undefined;
    const v = record[key];
    if (v === null || isExactInteger(v)) {
      if (converted) converted[key] = v;
    } else if (v instanceof NumberText && numberProblem(v.text) === undefined) {
      if (!converted) {
        converted = {};
        for (let j = 0; j < i; j++) converted[keys[j]!] = record[keys[j]!] as number | null;
      }
      converted[key] = toFigure(v);
    } else {
      return undefined;
    }
  }
  return converted ?? (record as Values);
}

/**
 * A line's `values`, checked in one loop: run value by value through zod, a million
 * figures take seconds. Whatever the loop is not sure of goes to `values` itself, so
 * every problem is reported with the path, message and hint the declared schema gives.
 */
const checkedValues = z.transform((input: unknown, ctx): Values => {
  const quick = quickValues(input);
  if (quick !== undefined) return quick;
  const result = values.safeParse(input);
  if (result.success) return result.data;
  // Already finalized, message and all: zod keeps a message an issue has when it finalizes the whole parse.
  ctx.issues.push(...(result.error.issues as z.core.$ZodRawIssue[]));
  return z.NEVER;
});

const asLoaded = dataFile.extend({
  statements: z.record(itemId, statement.extend({ items: z.record(itemId, item.extend({ values: checkedValues })) })).optional(),
});
let compiled: typeof asLoaded | undefined;

/**
 * `dataFile` as the loader runs it: the same schema but for the values records, and
 * compiled by zod into one function that falls back to zod's own parse for anything it
 * rejects (so errors are zod's). The declared `dataFile` stays the source of the types
 * and of the JSON Schema; a test pins that the two accept, reject and produce the same.
 * Compiled on first use: it takes tens of milliseconds a command that reads no data
 * should not pay.
 */
export function fastDataFile(): typeof asLoaded {
  compiled ??= z.compile(asLoaded);
  return compiled;
}

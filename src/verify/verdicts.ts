import { PASS, passes } from "../model/pass-fail.js";
import type { Model, Verdict } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";

export interface Failure {
  kind: Verdict["kind"];
  id: string;
  label: string;
  period: string;
  /** The pass/fail cell, `'Checks'!G7`. */
  cell: string;
  /** What was compared: ours (or left) and published (or right). */
  values: [StoredValue, StoredValue];
}

export interface Tally {
  checks: { passed: number; total: number };
  published: { passed: number; total: number };
  failures: Failure[];
}

/** Reads every verdict cell: a check or published figure holds only when its cell reads OK. */
export function tally(model: Model, value: ComputedValues): Tally {
  const result: Tally = { checks: { passed: 0, total: 0 }, published: { passed: 0, total: 0 }, failures: [] };
  for (const v of model.verdicts) {
    const bucket = v.kind === "check" ? result.checks : result.published;
    bucket.total++;
    if (passes(value(v.sheet, v.row, v.okColumn))) {
      bucket.passed++;
      continue;
    }
    result.failures.push({
      kind: v.kind,
      id: v.id,
      label: v.label,
      period: v.period,
      cell: cellAddress(v.row, v.okColumn, v.sheet),
      values: [value(v.sheet, v.row, v.compared[0]), value(v.sheet, v.row, v.compared[1])],
    });
  }
  // The master flag is what every sheet shows: it must say what the rows say, or the workbook tells the analyst otherwise.
  const { sheet, row, col } = model.master;
  const master = value(sheet, row, col);
  if (result.failures.length === 0 && model.verdicts.length > 0 && !passes(master)) {
    result.failures.push({ kind: "check", id: "master", label: "the master flag", period: "", cell: cellAddress(row, col, sheet), values: [master, PASS] });
  }
  return result;
}

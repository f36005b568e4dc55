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
  /** Their difference, the tolerance (or allowance) and, for rounded inputs, the interval ours had to meet; all in `unit`. */
  difference?: StoredValue;
  tolerance?: StoredValue;
  interval?: [StoredValue, StoredValue];
  unit?: string;
  /** A check's relation other than `=`; a published mark compared as text. */
  relation?: "<=" | ">=";
  text?: true;
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
    const values: [StoredValue, StoredValue] = [value(v.sheet, v.row, v.compared[0]), value(v.sheet, v.row, v.compared[1])];
    const [a, b] = values;
    const difference = v.difference !== undefined ? value(v.sheet, v.row, v.difference) : typeof a === "number" && typeof b === "number" ? a - b : undefined;
    result.failures.push({
      kind: v.kind,
      id: v.id,
      label: v.label,
      period: v.period,
      cell: cellAddress(v.row, v.okColumn, v.sheet),
      values,
      ...(difference !== undefined && { difference }),
      ...(v.tolerance !== undefined && { tolerance: value(v.sheet, v.row, v.tolerance) }),
      ...(v.interval && { interval: [value(v.sheet, v.row, v.interval[0]), value(v.sheet, v.row, v.interval[1])] as [StoredValue, StoredValue] }),
      ...(v.unit !== undefined && { unit: v.unit }),
      ...(v.relation && { relation: v.relation }),
      ...(v.text && { text: v.text }),
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

/** A figure in a unit, as a person reads it: `9.61 %`, `(1,234.5) JPY millions`, `0.5 USD per share`. */
export function quantityText(v: StoredValue | undefined, unit: string | undefined): string {
  if (typeof v !== "number") return JSON.stringify(v ?? null);
  const percent = unit === "percent";
  const n = percent ? v * 100 : v;
  // Twelve significant digits: enough to tell two figures apart, none of a double's noise.
  const rounded = Number(n.toPrecision(12));
  const abs = String(Math.abs(rounded));
  const [int, frac] = abs.includes("e") ? [abs, undefined] : abs.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `${rounded < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
  return percent ? `${text} %` : unit ? `${text} ${unit}` : text;
}

/** One line for a failed check or published figure: ours, theirs, the difference and the tolerance, in the figure's unit. */
export function describeFailure(f: Failure): string {
  const [ours, theirs] = f.kind === "published" ? ["ours", "printed"] : ["left", "right"];
  const parts = [`${ours} ${quantityText(f.values[0], f.unit)}`, `${theirs} ${quantityText(f.values[1], f.unit)}`];
  if (f.difference !== undefined) parts.push(`difference ${quantityText(f.difference, f.unit)}`);
  if (f.interval) parts.push(`inputs' rounding allows ${quantityText(f.interval[0], f.unit)} to ${quantityText(f.interval[1], f.unit)}`);
  if (f.tolerance !== undefined) parts.push(toleranceText(f));
  if (f.text) parts.push("compared as text");
  return `FAIL ${f.kind} ${f.id} (${f.period}) at ${f.cell}: ${parts.join(", ")} — ${f.label}`;
}

/** The tolerance as the relation applies it: either way for `=`, one way for `<=` and `>=`. */
function toleranceText(f: Failure): string {
  const t = quantityText(f.tolerance, f.unit);
  if (f.relation === "<=") return `left must be ≤ right + tolerance ${t}`;
  if (f.relation === ">=") return `left must be ≥ right − tolerance ${t}`;
  return `tolerance ±${t}`;
}

import type { Decimal } from "../../decimal.js";
import type { CalculationNetwork, SummationItem } from "./calculation.js";
import type { Concept } from "./concept.js";
import { periodKey, type Context } from "./contexts.js";
import { addIntervals, Exact, hasExcessDigits, intersect, intervalOf, scaleInterval, type Interval } from "./decimals.js";
import { agreement } from "./duplicates.js";
import type { FactTable } from "./fact-table.js";
import type { Fact, NumericFact } from "./facts.js";
import type { Instance } from "./instance.js";
import { describeUnit } from "./units.js";

/** A total the filing reports that its items, as reported, cannot add up to. */
export interface CalculationInconsistency {
  role: string;
  total: Concept;
  context: Context;
  /** `USD`, `shares`. */
  unit: string;
  /** The total's fact (the most precise of its duplicates). */
  fact: NumericFact;
  reported: Decimal;
  /** Σ weight × item, from the items' reported values. */
  computed: Decimal;
  /** reported − computed. */
  difference: Decimal;
  /** What the total's decimals allow, and what the items allow their sum to be (in tie-out mode: their sum): they do not meet. */
  reportedInterval: Interval;
  computedInterval: Interval;
  items: { concept: Concept; weight: Decimal; value: Decimal | undefined; fact: NumericFact | undefined }[];
}

/** A summation Calculations 1.1 does not check, and why: it never guesses. */
export interface UncheckedSummation {
  role: string;
  total: Concept;
  context: Context;
  /** The concept whose facts stopped the check. */
  concept: Concept;
  reason: "inconsistent duplicates" | "excess digits" | "no decimals";
}

export interface CalculationCheck {
  /** Summations bound to facts and checked, consistent or not. */
  checked: number;
  inconsistencies: CalculationInconsistency[];
  unchecked: UncheckedSummation[];
}

type SetValue = { kind: "value"; value: Decimal; interval: Interval; fact: NumericFact } | { kind: "nil" } | { kind: "blocked"; reason: UncheckedSummation["reason"] };

/**
 * How a total is compared with its items.
 *
 * `calc11`: XBRL Calculations 1.1, round-to-nearest mode. Each reported value stands
 * for the interval its decimals allow (half a unit of its last reported digit either
 * side); the items' intervals, times their weights, add up to an interval for the
 * total, and the total is consistent when its own interval meets that one. The more
 * items, the wider the sum's interval: a total of two items reported in millions may
 * differ from their sum by up to 1.5 million and be consistent.
 *
 * `tie-out`: what a workbook that recomputes the total from its items shows. The items
 * as reported, times their weights, add up exactly, and the sum must lie within the
 * total's own interval (half a unit of the total's last digit): a total in millions
 * that is 1 million off its items' sum does not tie out. Every summation consistent
 * this way is consistent under `calc11` too.
 */
export type CalculationMode = "calc11" | "tie-out";

/**
 * Checks every summation-item relationship of a filing, in every context and unit in
 * which its total and at least one of its items are reported (items not reported add
 * nothing, nil facts add nothing, a total reported nil is not checked), as
 * Calculations 1.1 binds them. Duplicates stand for the part of their intervals they
 * share; inconsistent duplicates, and values with digits beyond their decimals, stop
 * the check of that summation (reported in `unchecked`), as Calculations 1.1 says.
 * Both the XBRL 2.1 summation-item arcrole and Calculations 1.1's own are checked.
 */
export function checkCalculations(
  filing: { instance: Pick<Instance, "contexts" | "units">; calculation: ReadonlyArray<CalculationNetwork>; facts: FactTable },
  mode: CalculationMode = "tie-out",
): CalculationCheck {
  const result: CalculationCheck = { checked: 0, inconsistencies: [], unchecked: [] };
  const { facts, instance } = filing;
  for (const network of filing.calculation) {
    for (const { total, items } of network.summations) {
      for (const { binding, facts: totalFacts } of facts.groupsOf(total)) {
        const first = totalFacts[0]!;
        if (first.kind !== "numeric") continue;
        const context = instance.contexts.get(first.contextRef)!;
        const contributions = items.map((it) => ({ it, set: valueOf(facts.factsAt(it.item, binding)) }));
        if (!contributions.some((c) => c.set?.kind === "value" || c.set?.kind === "blocked")) continue;
        const totalSet = valueOf(totalFacts)!;
        if (totalSet.kind === "nil") continue;
        const blocked = totalSet.kind === "blocked" ? { concept: total, reason: totalSet.reason } : blockedItem(contributions);
        if (blocked) {
          result.unchecked.push({ role: network.role, total, context, ...blocked });
          continue;
        }
        if (totalSet.kind !== "value") continue;
        result.checked++;
        let interval: Interval = { low: new Exact(0), high: new Exact(0) };
        let computed = new Exact(0);
        for (const { it, set } of contributions) {
          if (set?.kind !== "value") continue;
          interval = addIntervals(interval, scaleInterval(set.interval, it.weight));
          computed = Exact.add(computed, Exact.mul(set.value, it.weight));
        }
        if (mode === "tie-out") interval = { low: computed, high: computed };
        if (intersect(totalSet.interval, interval)) continue;
        result.inconsistencies.push({
          role: network.role,
          total,
          context,
          unit: describeUnit(instance.units.get(totalSet.fact.unitRef)!),
          fact: totalSet.fact,
          reported: totalSet.value,
          computed,
          difference: Exact.sub(totalSet.value, computed),
          reportedInterval: totalSet.interval,
          computedInterval: interval,
          items: contributions.map(({ it, set }) => ({
            concept: it.item,
            weight: it.weight,
            value: set?.kind === "value" ? set.value : undefined,
            fact: set?.kind === "value" ? set.fact : undefined,
          })),
        });
      }
    }
  }
  return result;
}

function blockedItem(contributions: ReadonlyArray<{ it: SummationItem; set: SetValue | undefined }>): { concept: Concept; reason: UncheckedSummation["reason"] } | undefined {
  for (const { it, set } of contributions) if (set?.kind === "blocked") return { concept: it.item, reason: set.reason };
  return undefined;
}

/** What a set of duplicate facts contributes: the interval all of them allow. */
function valueOf(facts: ReadonlyArray<Fact>): SetValue | undefined {
  if (facts.length === 0) return undefined;
  if (facts.every((f) => f.nil)) return { kind: "nil" };
  if (facts.some((f) => f.kind === "numeric" && !f.nil && f.decimals === undefined)) return { kind: "blocked", reason: "no decimals" };
  const { consistent, chosen, interval } = facts.length > 1 ? agreement(facts) : { consistent: true, chosen: facts[0]!, interval: undefined };
  if (!consistent) return { kind: "blocked", reason: "inconsistent duplicates" };
  if (facts.some((f) => f.kind === "numeric" && f.value !== null && hasExcessDigits(f.value, f.decimals!))) return { kind: "blocked", reason: "excess digits" };
  if (chosen.kind !== "numeric" || chosen.value === null) return undefined;
  return { kind: "value", value: chosen.value, interval: interval ?? intervalOf(chosen.value, chosen.decimals!), fact: chosen };
}

/** One line for a person: `us-gaap:GrossProfit, 2022-09-25--2023-09-30, USD: reported 169,148,000,000; its items add up to 170,148,000,000 (difference −1,000,000,000)`. */
export function describeInconsistency(i: CalculationInconsistency): string {
  const dims = Object.entries(i.context.dimensions).map(([axis, member]) => `${axis}=${member}`);
  const where = [periodKey(i.context.period), ...dims, i.unit].join(", ");
  return `${i.total}, ${where}: reported ${group(i.reported)}; its items add up to ${group(i.computed)} (difference ${group(i.difference)}, more than its decimals allow)`;
}

function group(d: Decimal): string {
  const [int, frac] = d.abs().toFixed().split(".");
  const digits = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${d.isNegative() ? "−" : ""}${digits}${frac ? `.${frac}` : ""}`;
}

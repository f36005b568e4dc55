import { finer, intersect, intervalOf, type Interval } from "./decimals.js";
import type { Fact } from "./facts.js";
import type { Instance } from "./instance.js";

/**
 * Facts that report the same thing: the same concept, in c-equal contexts, with
 * u-equal units (numeric) or the same language (text). Inline XBRL documents tag a
 * figure each time it is printed, so a 10-K carries net income three times or more.
 */
export interface DuplicateSet {
  /** `concept|context key|unit key or lang`. */
  key: string;
  facts: Fact[];
  /**
   * Whether they agree, as the Handling Duplicate Facts note (XBRL International, 2025)
   * and the EDGAR Filer Manual (6.5.12) define it: all nil, or none nil and —
   * numeric — equal where their decimals are equal, and the intervals their decimals
   * allow all overlapping (500 at −2 and 550 at −1 agree: both are 545 to 550
   * rounded); text: equal.
   */
  consistent: boolean;
  /** Why not, for the message. */
  reason: string | undefined;
  /** The fact that stands for the set: of consistent duplicates, the most precise (the first among equals). */
  chosen: Fact;
  interval?: Interval | undefined;
}

/** The key duplicates share. */
export function duplicateKey(instance: Pick<Instance, "contexts" | "units">, f: Fact): string {
  const context = instance.contexts.get(f.contextRef)!;
  const rest = f.kind === "numeric" ? instance.units.get(f.unitRef)!.key : `lang=${f.lang ?? ""}`;
  return `${f.concept}|${context.key}|${rest}`;
}

export interface Agreement {
  consistent: boolean;
  reason: string | undefined;
  chosen: Fact;
  /** Of consistent numeric duplicates (not nil): the interval all of them allow. */
  interval?: Interval | undefined;
}

/** Whether a set of duplicates agrees, and which fact stands for it. */
export function agreement(facts: ReadonlyArray<Fact>): Agreement {
  const first = facts[0]!;
  const nils = facts.filter((f) => f.nil).length;
  if (nils === facts.length) return { consistent: true, reason: undefined, chosen: first };
  if (nils > 0) return { consistent: false, reason: "some are nil and some have a value", chosen: first };
  if (first.kind === "text") {
    const differs = facts.find((f) => f.value !== first.value);
    return { consistent: !differs, reason: differs ? "their texts differ" : undefined, chosen: first };
  }
  let chosen = first;
  let common: Interval | undefined;
  const byDecimals = new Map<string, Fact>();
  for (const f of facts) {
    if (f.kind !== "numeric" || f.value === null) continue;
    if (f.decimals === undefined) return { consistent: false, reason: "one has no decimals to compare by", chosen: first };
    const same = byDecimals.get(String(f.decimals));
    if (same && same.kind === "numeric" && !same.value!.eq(f.value)) {
      return { consistent: false, reason: `${same.value!.toFixed()} and ${f.value.toFixed()} at the same decimals (${f.decimals})`, chosen: first };
    }
    byDecimals.set(String(f.decimals), f);
    const interval = intervalOf(f.value, f.decimals);
    const met: Interval | undefined = common === undefined ? interval : intersect(common, interval);
    if (!met) return { consistent: false, reason: `${f.value.toFixed()} (decimals ${f.decimals}) is not within what the others allow`, chosen: first };
    common = met;
    if (chosen.kind === "numeric" && chosen.decimals !== undefined && finer(f.decimals, chosen.decimals)) chosen = f;
  }
  return { consistent: true, reason: undefined, chosen, interval: common };
}

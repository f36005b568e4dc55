import { finer, intersect, intervalOf, type Interval } from "./decimals.js";
import type { Fact } from "./facts.js";
import type { Instance } from "./instance.js";

/**
 * Facts that report the same thing: the same concept, in c-equal contexts, with
 * u-equal units (numeric) or the same language (text). Inline XBRL documents tag a
 * figure each time it is printed, so a 10-K carries net income three times or more.
 */
export interface DuplicateSet {
  /** `concept|context|unit` (DuplicateKeys). */
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

/**
 * The key duplicates share: the concept, the id of the first context c-equal to the
 * fact's, and the id of the first unit u-equal to its unit (or its language). Ids
 * keep the keys short; every context and unit is looked at once.
 */
export class DuplicateKeys {
  private readonly contextIds = new Map<string, string>();
  private readonly unitIds = new Map<string, string>();

  constructor(instance: Pick<Instance, "contexts" | "units">) {
    const first = new Map<string, string>();
    for (const c of instance.contexts.values()) {
      if (!first.has(c.key)) first.set(c.key, c.id);
      this.contextIds.set(c.id, first.get(c.key)!);
    }
    first.clear();
    for (const u of instance.units.values()) {
      if (!first.has(u.key)) first.set(u.key, u.id);
      this.unitIds.set(u.id, first.get(u.key)!);
    }
  }

  /** `context|unit` (or `context|lang=en-US`): what a total and its items must share to be bound. */
  binding(f: Fact): string {
    const context = this.contextIds.get(f.contextRef)!;
    return f.kind === "numeric" ? `${context}|${this.unitIds.get(f.unitRef)!}` : `${context}|lang=${f.lang ?? ""}`;
  }

  of(f: Fact): string {
    return `${f.concept}|${this.binding(f)}`;
  }
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
  // Complete duplicates (the same value at the same decimals: what inline documents repeat) agree without arithmetic.
  if (first.kind === "numeric" && first.value !== null && first.decimals !== undefined) {
    const complete = facts.every((f) => f.kind === "numeric" && f.decimals === first.decimals && f.value !== null && f.value.eq(first.value!));
    if (complete) return { consistent: true, reason: undefined, chosen: first, interval: intervalOf(first.value, first.decimals) };
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

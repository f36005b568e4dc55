import type { Concept } from "./concept.js";
import type { Context } from "./contexts.js";
import { agreement, DuplicateKeys, type DuplicateSet } from "./duplicates.js";
import type { Fact, NumericFact } from "./facts.js";
import type { Instance } from "./instance.js";

/** A reported figure or text as a statement uses it: the fact standing for its duplicates, with its context. */
export interface Reported<F extends Fact = Fact> {
  fact: F;
  context: Context;
  /** Every fact reporting it (one, unless the filing repeats it). */
  facts: F[];
  consistent: boolean;
}

/** The facts of an instance grouped as duplicates, and found by concept. */
export class FactTable {
  private readonly groups = new Map<string, Fact[]>();
  private readonly byConcept = new Map<Concept, string[]>();

  constructor(private readonly instance: Pick<Instance, "contexts" | "units" | "facts">) {
    const duplicateKeys = new DuplicateKeys(instance);
    for (const f of instance.facts) {
      const key = duplicateKeys.of(f);
      const group = this.groups.get(key);
      if (group) {
        group.push(f);
        continue;
      }
      this.groups.set(key, [f]);
      const keys = this.byConcept.get(f.concept);
      if (keys) keys.push(key);
      else this.byConcept.set(f.concept, [key]);
    }
  }

  /** Every set of two or more facts reporting the same thing, consistent or not, in the order their first fact appears. */
  duplicates(): DuplicateSet[] {
    const sets: DuplicateSet[] = [];
    for (const [key, facts] of this.groups) {
      if (facts.length < 2) continue;
      const { consistent, reason, chosen, interval } = agreement(facts);
      sets.push({ key, facts, consistent, reason, chosen, interval });
    }
    return sets;
  }

  /** What the filing reports for a concept, once per context and unit, in document order. */
  reported(concept: Concept): Reported[] {
    return (this.byConcept.get(concept) ?? []).map((key) => {
      const facts = this.groups.get(key)!;
      const { consistent, chosen } = facts.length > 1 ? agreement(facts) : { consistent: true, chosen: facts[0]! };
      return { fact: chosen, context: this.instance.contexts.get(chosen.contextRef)!, facts, consistent };
    });
  }

  /** The figures of a concept (facts with a unit), as `reported` gives them. */
  figures(concept: Concept): Reported<NumericFact>[] {
    return this.reported(concept).filter((r): r is Reported<NumericFact> => r.fact.kind === "numeric");
  }

  /**
   * The facts of a concept grouped as duplicates, each group with what its key says
   * besides the concept (`context|unit`): calculations bind a total to the items that
   * share it.
   */
  groupsOf(concept: Concept): { binding: string; facts: Fact[] }[] {
    return (this.byConcept.get(concept) ?? []).map((key) => ({ binding: key.slice(concept.length + 1), facts: this.groups.get(key)! }));
  }

  /** The facts of a concept with the given binding (empty when there are none). */
  factsAt(concept: Concept, binding: string): Fact[] {
    return this.groups.get(`${concept}|${binding}`) ?? [];
  }

  /** The concepts that have facts. */
  concepts(): IterableIterator<Concept> {
    return this.byConcept.keys();
  }
}

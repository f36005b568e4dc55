import type { Concept } from "./concept.js";
import type { Relationship, Resource } from "./linkbase.js";

/** The label roles statements use (XBRL 2.1 §5.2.2.2.2; the negated ones from the Link Role Registry, 2009). */
export const LABEL_ROLES = {
  standard: "http://www.xbrl.org/2003/role/label",
  terse: "http://www.xbrl.org/2003/role/terseLabel",
  verbose: "http://www.xbrl.org/2003/role/verboseLabel",
  total: "http://www.xbrl.org/2003/role/totalLabel",
  periodStart: "http://www.xbrl.org/2003/role/periodStartLabel",
  periodEnd: "http://www.xbrl.org/2003/role/periodEndLabel",
  documentation: "http://www.xbrl.org/2003/role/documentation",
  negated: "http://www.xbrl.org/2009/role/negatedLabel",
  negatedTerse: "http://www.xbrl.org/2009/role/negatedTerseLabel",
  negatedTotal: "http://www.xbrl.org/2009/role/negatedTotalLabel",
  negatedPeriodStart: "http://www.xbrl.org/2009/role/negatedPeriodStartLabel",
  negatedPeriodEnd: "http://www.xbrl.org/2009/role/negatedPeriodEndLabel",
  negatedNet: "http://www.xbrl.org/2009/role/negatedNetLabel",
  net: "http://www.xbrl.org/2009/role/netLabel",
} as const;

export const CONCEPT_LABEL = "http://www.xbrl.org/2003/arcrole/concept-label";

/**
 * A negated label role says the line shows the fact's value with its sign changed
 * ("Payments for repurchase of common stock" shows 77,550 for a fact of −77,550): a
 * row built from such a line carries the negated figure.
 */
export function isNegatedRole(role: string | undefined): boolean {
  return role !== undefined && /\/role\/negated[A-Za-z]*Label$/.test(role);
}

/** Each concept's labels, by role and language. */
export class Labels {
  private readonly byConcept = new Map<Concept, Resource[]>();

  constructor(relationships: ReadonlyArray<Relationship<Resource>>) {
    for (const r of relationships) {
      if (r.arcrole !== CONCEPT_LABEL) continue;
      const list = this.byConcept.get(r.from);
      if (list) list.push(r.to);
      else this.byConcept.set(r.from, [r.to]);
    }
  }

  /**
   * The concept's label in a role, falling back to the standard label (as XBRL
   * processors show a line whose preferred label is missing); the language that
   * matches best: exactly, then by its first part (`en` for `en-US`), then any.
   */
  label(concept: Concept, role: string = LABEL_ROLES.standard, lang = "en-US"): string | undefined {
    const all = this.byConcept.get(concept);
    if (!all) return undefined;
    return pick(all, role, lang) ?? (role === LABEL_ROLES.standard ? undefined : pick(all, LABEL_ROLES.standard, lang));
  }

  /** Every label of the concept, as the linkbase gives them. */
  all(concept: Concept): ReadonlyArray<Resource> {
    return this.byConcept.get(concept) ?? [];
  }

  get size(): number {
    return this.byConcept.size;
  }
}

function pick(all: ReadonlyArray<Resource>, role: string, lang: string): string | undefined {
  const inRole = all.filter((r) => r.role === role);
  const base = lang.split("-")[0]!.toLowerCase();
  return (
    inRole.find((r) => r.lang.toLowerCase() === lang.toLowerCase()) ??
    inRole.find((r) => r.lang.split("-")[0]!.toLowerCase() === base) ??
    inRole[0]
  )?.text;
}

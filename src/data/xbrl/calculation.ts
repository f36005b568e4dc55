import { Decimal } from "../../decimal.js";
import type { Concept } from "./concept.js";
import type { Linkbase } from "./linkbase.js";
import { failAt } from "./xml.js";

/** XBRL 2.1's summation-item arcrole, and the one of Calculations 1.1 (2023), which checks the same arithmetic with rounding taken into account. */
export const SUMMATION_ITEM = {
  xbrl21: "http://www.xbrl.org/2003/arcrole/summation-item",
  calc11: "https://xbrl.org/2023/arcrole/summation-item",
} as const;

/** One contribution to a total: `total = Σ weight × item`. */
export interface SummationItem {
  item: Concept;
  /** Usually 1 or −1; any non-zero decimal is allowed. */
  weight: Decimal;
  order: number;
}

/** A total and its items, in order, within one role. */
export interface Summation {
  total: Concept;
  items: SummationItem[];
}

/** The summations of one extended link role (one statement's arithmetic) under one arcrole. */
export interface CalculationNetwork {
  role: string;
  arcrole: string;
  /** In the order their totals first appear in the linkbase. */
  summations: Summation[];
}

/** Groups the summation-item relationships of a calculation linkbase by role and total. */
export function calculationNetworks(linkbase: Linkbase<Concept>): CalculationNetwork[] {
  const networks = new Map<string, CalculationNetwork & { byTotal: Map<Concept, Summation> }>();
  for (const r of linkbase.relationships) {
    if (r.arcrole !== SUMMATION_ITEM.xbrl21 && r.arcrole !== SUMMATION_ITEM.calc11) continue;
    const text = r.attributes.weight;
    if (text === undefined) throw failAt(linkbase.file, "a summation-item arc has no weight", 'weight="1.0" or weight="-1.0"', r.at, `${r.from} → ${r.to}`);
    let weight: Decimal;
    try {
      weight = new Decimal(text.trim());
    } catch {
      throw failAt(linkbase.file, `weight="${text}" is not a number`, 'weight="1.0" or weight="-1.0"', r.at, `${r.from} → ${r.to}`);
    }
    if (weight.isZero() || !weight.isFinite()) throw failAt(linkbase.file, `weight="${text}" is zero or not finite`, "a non-zero weight (XBRL 2.1 §5.2.5.2.1)", r.at, `${r.from} → ${r.to}`);
    const key = `${r.role}\u0000${r.arcrole}`;
    let network = networks.get(key);
    if (!network) networks.set(key, (network = { role: r.role, arcrole: r.arcrole, summations: [], byTotal: new Map() }));
    let summation = network.byTotal.get(r.from);
    if (!summation) {
      summation = { total: r.from, items: [] };
      network.byTotal.set(r.from, summation);
      network.summations.push(summation);
    }
    summation.items.push({ item: r.to, weight, order: r.order });
  }
  return [...networks.values()].map(({ role, arcrole, summations }) => {
    for (const s of summations) s.items.sort((a, b) => a.order - b.order);
    return { role, arcrole, summations };
  });
}

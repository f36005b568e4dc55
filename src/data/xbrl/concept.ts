/**
 * Concepts are named as filings name them, `prefix:LocalName` (`us-gaap:Revenues`,
 * `aapl:MacMember`), with the prefix the instance declares for the namespace.
 *
 * The linkbases point at concepts through schema locations: `…/us-gaap-2023.xsd#us-gaap_Revenues`.
 * The company's own schema is read, so its ids map to names exactly; the standard
 * taxonomies are not part of a filing, and their ids follow the convention their
 * publishers (FASB, SEC) and the EDGAR Filer Manual require: `prefix_LocalName`,
 * with the same prefix the instance uses. That is what ties a locator to a fact here.
 */
export type Concept = string;

/** `us-gaap_Revenues` → `us-gaap:Revenues`: a standard taxonomy's element id by its convention. */
export function conceptOfId(id: string): Concept | undefined {
  const cut = id.indexOf("_");
  if (cut <= 0 || cut === id.length - 1) return undefined;
  return `${id.slice(0, cut)}:${id.slice(cut + 1)}`;
}

/** The local name of a concept: `us-gaap:Revenues` → `Revenues`. */
export function localName(concept: Concept): string {
  return concept.slice(concept.indexOf(":") + 1);
}

/** Splits `prefix:local` (a QName as text, in an attribute or element content). */
export function splitQName(text: string): { prefix: string; local: string } {
  const t = text.trim();
  const cut = t.indexOf(":");
  return cut < 0 ? { prefix: "", local: t } : { prefix: t.slice(0, cut), local: t.slice(cut + 1) };
}

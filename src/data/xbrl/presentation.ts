import type { Concept } from "./concept.js";
import type { Relationship } from "./linkbase.js";

export const PARENT_CHILD = "http://www.xbrl.org/2003/arcrole/parent-child";

/** A line of a statement as the presentation linkbase lays it out. */
export interface PresentationNode {
  concept: Concept;
  /** The label role the line is shown with (`…/role/totalLabel`, `…/2009/role/negatedLabel`), when the arc names one. */
  preferredLabel: string | undefined;
  order: number;
  /** 0 for a root. */
  depth: number;
  children: PresentationNode[];
}

/** One extended link role's tree: a statement or a disclosure, in presentation order. */
export interface PresentationNetwork {
  role: string;
  roots: PresentationNode[];
}

/**
 * Builds each role's tree from its parent-child relationships: children in `order`
 * (XBRL 2.1 §3.5.3.9.5), ties in document order; roots are the concepts that are no
 * one's child in that role. A concept met again on its own path (a cycle, which XBRL
 * forbids for parent-child) is not followed twice.
 */
export function presentationNetworks(relationships: ReadonlyArray<Relationship>): PresentationNetwork[] {
  const byRole = new Map<string, Relationship[]>();
  for (const r of relationships) {
    if (r.arcrole !== PARENT_CHILD) continue;
    const list = byRole.get(r.role);
    if (list) list.push(r);
    else byRole.set(r.role, [r]);
  }
  const networks: PresentationNetwork[] = [];
  for (const [role, rels] of byRole) {
    const children = new Map<Concept, Relationship[]>();
    const isChild = new Set<Concept>();
    const parents: Concept[] = [];
    for (const r of rels) {
      const list = children.get(r.from);
      if (list) list.push(r);
      else {
        children.set(r.from, [r]);
        parents.push(r.from);
      }
      isChild.add(r.to);
    }
    for (const list of children.values()) list.sort((a, b) => a.order - b.order);
    const grow = (concept: Concept, preferredLabel: string | undefined, order: number, depth: number, path: Set<Concept>): PresentationNode => {
      const node: PresentationNode = { concept, preferredLabel, order, depth, children: [] };
      if (path.has(concept)) return node;
      path.add(concept);
      for (const r of children.get(concept) ?? []) node.children.push(grow(r.to, r.attributes.preferredLabel, r.order, depth + 1, path));
      path.delete(concept);
      return node;
    };
    const roots = parents.filter((c) => !isChild.has(c)).map((c) => grow(c, undefined, 1, 0, new Set()));
    networks.push({ role, roots });
  }
  return networks;
}

/** Every line of a tree, depth first, in presentation order: the rows of the statement. */
export function* walkPresentation(nodes: ReadonlyArray<PresentationNode>): Generator<PresentationNode> {
  for (const n of nodes) {
    yield n;
    yield* walkPresentation(n.children);
  }
}

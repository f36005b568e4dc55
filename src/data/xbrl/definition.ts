import type { Concept } from "./concept.js";
import type { Relationship } from "./linkbase.js";

/** The arcroles of XBRL Dimensions 1.0 (2006). */
export const DIMENSION_ARCROLES = {
  all: "http://xbrl.org/int/dim/arcrole/all",
  notAll: "http://xbrl.org/int/dim/arcrole/notAll",
  hypercubeDimension: "http://xbrl.org/int/dim/arcrole/hypercube-dimension",
  dimensionDomain: "http://xbrl.org/int/dim/arcrole/dimension-domain",
  domainMember: "http://xbrl.org/int/dim/arcrole/domain-member",
  dimensionDefault: "http://xbrl.org/int/dim/arcrole/dimension-default",
} as const;

/** A member of a dimension's domain and the members under it, in order. */
export interface MemberNode {
  concept: Concept;
  /** `xbrldt:usable="false"`: a heading of the domain, not a member facts may use. */
  usable: boolean;
  children: MemberNode[];
}

/** An axis of a table: `srt:ProductOrServiceAxis`, its domain's members, and the member facts without the axis belong to. */
export interface Dimension {
  axis: Concept;
  /** The domain and its members (usually one root, the domain: `srt:ProductsAndServicesDomain`). */
  members: MemberNode[];
  default: Concept | undefined;
}

/** A table (hypercube) and the line items it applies to. */
export interface Hypercube {
  table: Concept;
  /** The primary item the `all` arc starts at (`us-gaap:StatementLineItems`). */
  lineItems: Concept;
  /** `notAll`: facts must not use these dimensions. */
  excluded: boolean;
  closed: boolean;
  contextElement: "segment" | "scenario" | undefined;
  dimensions: Dimension[];
}

/** One role's dimensional structure: its tables, and the tree of primary items under its line items. */
export interface DefinitionNetwork {
  role: string;
  hypercubes: Hypercube[];
  /** Domain-member trees of the primary items, from each table's line items. */
  primaryItems: MemberNode[];
}

export interface Dimensions {
  networks: DefinitionNetwork[];
  /** Axis → default member, over all roles (XBRL Dimensions 1.0 §2.6.1: a dimension has one default in the whole DTS). */
  defaults: Map<Concept, Concept>;
}

/**
 * Reads the dimension-domain-member structure of a definition linkbase. Consecutive
 * relationships follow `xbrldt:targetRole` into another role when an arc names one.
 */
export function dimensions(relationships: ReadonlyArray<Relationship>): Dimensions {
  const from = new Map<string, Relationship[]>();
  const roles: string[] = [];
  const seenRoles = new Set<string>();
  const defaults = new Map<Concept, Concept>();
  for (const r of relationships) {
    if (!seenRoles.has(r.role)) {
      seenRoles.add(r.role);
      roles.push(r.role);
    }
    if (r.arcrole === DIMENSION_ARCROLES.dimensionDefault) defaults.set(r.from, r.to);
    const key = `${r.role}\u0000${r.arcrole}\u0000${r.from}`;
    const list = from.get(key);
    if (list) list.push(r);
    else from.set(key, [r]);
  }
  for (const list of from.values()) list.sort((a, b) => a.order - b.order);
  const out = (role: string, arcrole: string, concept: Concept): Relationship[] => from.get(`${role}\u0000${arcrole}\u0000${concept}`) ?? [];
  const next = (r: Relationship): string => r.attributes.targetRole ?? r.role;

  const members = (role: string, concept: Concept, path: Set<Concept>): MemberNode[] =>
    out(role, DIMENSION_ARCROLES.domainMember, concept).map((r) => {
      const node: MemberNode = { concept: r.to, usable: r.attributes.usable !== "false", children: [] };
      if (!path.has(r.to)) {
        path.add(r.to);
        node.children = members(next(r), r.to, path);
        path.delete(r.to);
      }
      return node;
    });

  const networks: DefinitionNetwork[] = roles.map((role) => {
    const hypercubes: Hypercube[] = [];
    const primaryItems: MemberNode[] = [];
    const tableArcs = relationships.filter((r) => r.role === role && (r.arcrole === DIMENSION_ARCROLES.all || r.arcrole === DIMENSION_ARCROLES.notAll));
    for (const a of tableArcs) {
      const dims: Dimension[] = out(next(a), DIMENSION_ARCROLES.hypercubeDimension, a.to).map((hd) => ({
        axis: hd.to,
        members: out(next(hd), DIMENSION_ARCROLES.dimensionDomain, hd.to).map((dd) => ({
          concept: dd.to,
          usable: dd.attributes.usable !== "false",
          children: members(next(dd), dd.to, new Set([dd.to])),
        })),
        default: defaults.get(hd.to),
      }));
      const contextElement = a.attributes.contextElement;
      hypercubes.push({
        table: a.to,
        lineItems: a.from,
        excluded: a.arcrole === DIMENSION_ARCROLES.notAll,
        closed: a.attributes.closed === "true",
        contextElement: contextElement === "segment" || contextElement === "scenario" ? contextElement : undefined,
        dimensions: dims,
      });
      if (!primaryItems.some((p) => p.concept === a.from)) primaryItems.push({ concept: a.from, usable: true, children: members(role, a.from, new Set([a.from])) });
    }
    return { role, hypercubes, primaryItems };
  });
  return { networks, defaults };
}

/** Every member of a dimension's domain, depth first, the domain itself first. */
export function* walkMembers(nodes: ReadonlyArray<MemberNode>): Generator<MemberNode> {
  for (const n of nodes) {
    yield n;
    yield* walkMembers(n.children);
  }
}

import type { Concept } from "./concept.js";
import { NS, XMLNS, XmlStream, attr, attributeName, type Place, type Tag } from "./xml.js";

/** A label (or other resource) of a label linkbase. */
export interface Resource {
  role: string;
  lang: string;
  text: string;
}

/**
 * One relationship of an extended link, its ends resolved: a locator's label stands
 * for every concept its locators with that label point at (XLink allows several).
 */
export interface Relationship<To = Concept> {
  /** The extended link's role: which statement or disclosure the network belongs to. */
  role: string;
  arcrole: string;
  from: Concept;
  to: To;
  /** XBRL 2.1 §3.5.3.9.5: arcs without an order come first among equals, at 1. */
  order: number;
  /** Attributes of the arc other than XLink's, `order`, `use` and `priority`: `weight`, `preferredLabel`, `xbrldt:closed`… by local name. */
  attributes: Record<string, string>;
  at: Place;
}

export type LinkKind = "presentationLink" | "calculationLink" | "definitionLink" | "labelLink";

interface Arc {
  arcrole: string;
  from: string;
  to: string;
  order: number;
  use: "optional" | "prohibited";
  priority: number;
  attributes: Record<string, string>;
  element: string;
  at: Place;
}

interface Link {
  role: string;
  locators: Map<string, Concept[]>;
  resources: Map<string, Resource[]>;
  arcs: Arc[];
}

export interface Linkbase<To> {
  file: string;
  relationships: Relationship<To>[];
}

/**
 * Reads the extended links of one kind from a linkbase file and resolves their arcs
 * into relationships between concepts (or, in a label linkbase, from concepts to
 * labels), after XBRL 2.1's prohibition and overriding (§3.5.3.9.7): of equivalent
 * relationships, those of the highest priority stand, and none if one of those is
 * prohibited.
 */
export function readLinkbase<K extends LinkKind>(
  file: string,
  kind: K,
  conceptOfHref: (href: string, xml: XmlStream, at: Place) => Concept,
): Linkbase<K extends "labelLink" ? Resource : Concept> {
  const xml = new XmlStream(file, `an XBRL linkbase with ${kind} elements`);
  const links: Link[] = [];
  let depth = 0;
  let link: Link | undefined;
  let resource: { label: string; res: Resource; tag: Tag } | undefined;

  xml.read({
    open(tag: Tag, at: Place) {
      depth++;
      if (depth === 1) {
        if (tag.uri !== NS.link || tag.local !== "linkbase") throw xml.fail(`the root element is <${tag.name}>`, "an XBRL linkbase (<link:linkbase>)", at);
        return;
      }
      if (!link) {
        if (tag.uri === NS.link && tag.local === kind) {
          const role = attr(tag, NS.xlink, "role");
          if (!role) throw xml.fail(`a ${kind} has no xlink:role`, 'xlink:role="http://…/role/…"', at);
          link = { role, locators: new Map(), resources: new Map(), arcs: [] };
        }
        return;
      }
      const type = attr(tag, NS.xlink, "type");
      const label = attr(tag, NS.xlink, "label");
      if (type === "locator") {
        const href = attr(tag, NS.xlink, "href");
        if (!href || !label) throw xml.fail(`a locator has no ${href ? "xlink:label" : "xlink:href"}`, "xlink:href and xlink:label on every locator", at);
        push(link.locators, label, conceptOfHref(href, xml, at));
      } else if (type === "resource") {
        if (!label) throw xml.fail("a resource has no xlink:label", "xlink:label on every resource", at);
        resource = { label, tag, res: { role: attr(tag, NS.xlink, "role") ?? "http://www.xbrl.org/2003/role/label", lang: attr(tag, NS.xml, "lang") ?? "", text: "" } };
      } else if (type === "arc") {
        link.arcs.push(arcOf(xml, tag, at));
      }
    },
    text(text) {
      if (resource) resource.res.text += text;
    },
    close(tag: Tag) {
      depth--;
      if (!link) return;
      if (resource && tag === resource.tag) {
        resource.res.text = resource.res.text.trim();
        push(link.resources, resource.label, resource.res);
        resource = undefined;
      } else if (tag.uri === NS.link && tag.local === kind) {
        links.push(link);
        link = undefined;
      }
    },
  });

  const relationships: Relationship<Concept | Resource>[] = [];
  // Without prohibitions or priorities (as in the filings EDGAR publishes), every relationship stands as written.
  const overriding = links.some((l) => l.arcs.some((a) => a.use === "prohibited" || a.priority !== 0));
  const groups = new Map<string, { arc: Arc; role: string; from: Concept; to: Concept | Resource }[]>();
  for (const l of links) {
    for (const arc of l.arcs) {
      const froms = l.locators.get(arc.from);
      const tos = kind === "labelLink" ? l.resources.get(arc.to) : l.locators.get(arc.to);
      if (!froms) throw xml.fail(`the arc's xlink:from "${arc.from}" names no locator of its link`, "the xlink:label of a locator in the same extended link", arc.at);
      if (!tos) throw xml.fail(`the arc's xlink:to "${arc.to}" names no ${kind === "labelLink" ? "label" : "locator"} of its link`, "the xlink:label of a locator or resource in the same extended link", arc.at);
      for (const from of froms) {
        for (const to of tos) {
          if (!overriding) {
            relationships.push({ role: l.role, arcrole: arc.arcrole, from, to, order: arc.order, attributes: arc.attributes, at: arc.at });
            continue;
          }
          const key = [l.role, arc.element, arc.arcrole, from, typeof to === "string" ? to : `${to.role}|${to.lang}|${to.text}`, arc.order, JSON.stringify(arc.attributes)].join("\u0000");
          const group = groups.get(key);
          const entry = { arc, role: l.role, from, to };
          if (group) group.push(entry);
          else groups.set(key, [entry]);
        }
      }
    }
  }
  for (const group of groups.values()) {
    const top = Math.max(...group.map((g) => g.arc.priority));
    const standing = group.filter((g) => g.arc.priority === top);
    if (standing.some((g) => g.arc.use === "prohibited")) continue;
    const g = standing[0]!;
    relationships.push({ role: g.role, arcrole: g.arc.arcrole, from: g.from, to: g.to, order: g.arc.order, attributes: g.arc.attributes, at: g.arc.at });
  }
  // Sorting by place keeps document order among equal `order`s, whichever way they were gathered.
  if (overriding) relationships.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  return { file, relationships } as Linkbase<K extends "labelLink" ? Resource : Concept>;
}

function arcOf(xml: XmlStream, tag: Tag, at: Place): Arc {
  const arcrole = attr(tag, NS.xlink, "arcrole");
  const from = attr(tag, NS.xlink, "from");
  const to = attr(tag, NS.xlink, "to");
  if (!arcrole || !from || !to) throw xml.fail(`an arc has no ${!arcrole ? "xlink:arcrole" : !from ? "xlink:from" : "xlink:to"}`, "xlink:arcrole, xlink:from and xlink:to on every arc", at);
  const orderText = attr(tag, "", "order");
  const order = orderText === undefined ? 1 : Number(orderText);
  if (!Number.isFinite(order)) throw xml.fail(`order="${orderText}" is not a number`, 'order="1", "2.5"…', at);
  const priorityText = attr(tag, "", "priority");
  const priority = priorityText === undefined ? 0 : Number(priorityText);
  if (!Number.isInteger(priority)) throw xml.fail(`priority="${priorityText}" is not an integer`, 'priority="0"', at);
  const use = attr(tag, "", "use") ?? "optional";
  if (use !== "optional" && use !== "prohibited") throw xml.fail(`use="${use}" is neither optional nor prohibited`, 'use="optional" or use="prohibited"', at);
  const attributes: Record<string, string> = {};
  for (const name in tag.attributes) {
    if (name.includes(":") || name === "xmlns") {
      const { uri, local } = attributeName(tag, name);
      if (uri !== NS.xlink && uri !== NS.xsi && uri !== XMLNS) attributes[local] = tag.attributes[name]!;
    } else if (name !== "order" && name !== "use" && name !== "priority") {
      attributes[name] = tag.attributes[name]!;
    }
  }
  return { arcrole, from, to, order, use, priority, attributes, element: tag.local, at };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

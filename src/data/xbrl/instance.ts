import type { Concept } from "./concept.js";
import { ContextReader, type Context } from "./contexts.js";
import { factOf, factStart, type Fact, type FactStart } from "./facts.js";
import { UnitReader, type Unit } from "./units.js";
import { NS, XmlStream, attr, type Place, type Tag } from "./xml.js";

/** An XBRL 2.1 instance as read: what its contexts, units and facts say, each with its place in the file. */
export interface Instance {
  file: string;
  /** The schema the instance names (`link:schemaRef`), relative to the instance. */
  schemaRef: string | undefined;
  /** Prefix → namespace, as the root element declares them. */
  namespaces: Record<string, string>;
  contexts: Map<string, Context>;
  units: Map<string, Unit>;
  /** In document order. */
  facts: Fact[];
}

const EXPECTED = "an XBRL 2.1 instance (<xbrl> in the http://www.xbrl.org/2003/instance namespace)";

/** Elements of the instance that hold no facts and are not read here. */
const SKIPPED = new Set(["footnoteLink", "roleRef", "arcroleRef", "linkbaseRef"]);

/**
 * Reads an instance as a stream (the file is never whole in memory): a sub-reader
 * takes each context and unit, and every element with a contextRef is a fact,
 * inside tuples too.
 */
export function readInstance(file: string): Instance {
  const xml = new XmlStream(file, EXPECTED);
  const contexts = new Map<string, Context>();
  const units = new Map<string, Unit>();
  const facts: Fact[] = [];
  const namespaces: Record<string, string> = {};
  /** Namespace → the prefix the root declares for it: how concepts are named. */
  const prefixOf = new Map<string, string>();
  let schemaRef: string | undefined;
  let lang: string | undefined;
  let depth = 0;
  let sub: ContextReader | UnitReader | undefined;
  let skipTo = 0;
  let fact: { start: FactStart; depth: number; text: string } | undefined;

  const nameOf = (uri: string, prefix: string, local: string): Concept => `${prefixOf.get(uri) ?? prefix}:${local}`;
  const conceptOfQName = (qname: string, at: Place): Concept => {
    const t = qname.trim();
    const cut = t.indexOf(":");
    const prefix = cut < 0 ? "" : t.slice(0, cut);
    const uri = xml.resolve(prefix);
    if (cut <= 0 || uri === undefined) throw xml.fail(`"${t}" is not a QName this document declares`, "prefix:LocalName with a declared prefix", at);
    return nameOf(uri, prefix, t.slice(cut + 1));
  };

  xml.read({
    open(tag: Tag, at: Place) {
      depth++;
      if (skipTo) return;
      if (sub) return sub.open(tag, at);
      if (fact) {
        if (fact.start.unitRef !== undefined) throw xml.fail(`a numeric fact holds an element (${tag.name})`, "a number as the fact's only content", at, `${fact.start.concept}, context ${fact.start.contextRef}`);
        return;
      }
      if (depth === 1) {
        if (tag.uri !== NS.xbrli || tag.local !== "xbrl") throw xml.fail(`the root element is <${tag.name}>`, EXPECTED, at);
        for (const prefix of Object.keys(tag.ns)) {
          const uri = tag.ns[prefix]!;
          namespaces[prefix] = uri;
          if (prefix && !prefixOf.has(uri)) prefixOf.set(uri, prefix);
        }
        lang = attr(tag, NS.xml, "lang");
        return;
      }
      if (tag.uri === NS.xbrli && (tag.local === "context" || tag.local === "unit")) {
        const id = attr(tag, "", "id");
        if (!id) throw xml.fail(`a ${tag.local} has no id`, `<${tag.local} id="…">`, at);
        if ((tag.local === "context" ? contexts : units).has(id)) throw xml.fail(`${tag.local} id "${id}" is used twice`, `one ${tag.local} per id`, at);
        sub = tag.local === "context" ? new ContextReader(xml, id, at, conceptOfQName) : new UnitReader(xml, id, at, (p) => xml.resolve(p));
        return;
      }
      if (tag.uri === NS.link) {
        if (tag.local === "schemaRef") schemaRef ??= attr(tag, NS.xlink, "href");
        else if (SKIPPED.has(tag.local)) skipTo = depth;
        return;
      }
      if (attr(tag, "", "contextRef") !== undefined) {
        const concept = nameOf(tag.uri, tag.prefix, tag.local);
        fact = { start: factStart(xml, tag, concept, at, lang), depth, text: "" };
      }
      // Anything else is a tuple (its children are facts) or markup outside XBRL: read on.
    },
    text(text: string) {
      if (skipTo) return;
      if (sub) sub.onText(text);
      else if (fact) fact.text += text;
    },
    close(tag: Tag) {
      const closing = depth--;
      if (skipTo) {
        if (closing === skipTo) skipTo = 0;
        return;
      }
      if (sub) {
        const done = sub.close(tag);
        if (done) {
          if (sub instanceof ContextReader) contexts.set(done.id, done as Context);
          else units.set(done.id, done as Unit);
          sub = undefined;
        }
        return;
      }
      if (fact && closing === fact.depth) {
        facts.push(factOf(xml, fact.start, fact.text));
        fact = undefined;
      }
    },
  });

  for (const f of facts) {
    const where = `${f.concept}, context ${f.contextRef}`;
    if (!contexts.has(f.contextRef)) throw xml.fail(`contextRef "${f.contextRef}" names no context of the instance`, "the id of a context", f.at, where);
    if (f.kind === "numeric" && !units.has(f.unitRef)) throw xml.fail(`unitRef "${f.unitRef}" names no unit of the instance`, "the id of a unit (usd, shares, usdPerShare…)", f.at, where);
  }
  return { file, schemaRef, namespaces, contexts, units, facts };
}

import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DataError } from "../../errors.js";
import { calculationNetworks, type CalculationNetwork } from "./calculation.js";
import { conceptOfId, type Concept } from "./concept.js";
import { dimensions, type Dimensions } from "./definition.js";
import type { DuplicateSet } from "./duplicates.js";
import { FactTable } from "./fact-table.js";
import { readInstance, type Instance } from "./instance.js";
import { Labels } from "./labels.js";
import { readLinkbase, type Linkbase, type LinkKind, type Resource } from "./linkbase.js";
import { presentationNetworks, type PresentationNetwork } from "./presentation.js";
import { readTaxonomy, type Taxonomy } from "./taxonomy.js";
import type { Place, XmlStream } from "./xml.js";

/** A filing as tieout reads it: the instance and what the company's schema and linkbases say about its facts. */
export interface Filing {
  folder: string;
  instance: Instance;
  taxonomy: Taxonomy;
  facts: FactTable;
  presentation: PresentationNetwork[];
  calculation: CalculationNetwork[];
  dimensions: Dimensions;
  labels: Labels;
  /** Sets of facts reporting the same thing; those not `consistent` are the filing's own contradictions. */
  duplicates: DuplicateSet[];
  /** Every file read, the instance first: what a build's fingerprint hashes. */
  files: string[];
}

/** Which linkbase each linkbaseRef role names, and the file suffix EDGAR gives it when a schema names none. */
const LINKBASES: ReadonlyArray<{ kind: LinkKind; role: string; suffix: string }> = [
  { kind: "presentationLink", role: "http://www.xbrl.org/2003/role/presentationLinkbaseRef", suffix: "_pre.xml" },
  { kind: "labelLink", role: "http://www.xbrl.org/2003/role/labelLinkbaseRef", suffix: "_lab.xml" },
  { kind: "calculationLink", role: "http://www.xbrl.org/2003/role/calculationLinkbaseRef", suffix: "_cal.xml" },
  { kind: "definitionLink", role: "http://www.xbrl.org/2003/role/definitionLinkbaseRef", suffix: "_def.xml" },
];

const LINKBASE_SUFFIX = /_(pre|lab|cal|def|ref)\.xml$/;

/**
 * Reads a filing from its folder, as EDGAR serves one: the instance (`*_htm.xml`, the
 * XBRL that EDGAR extracts from the inline document), the schema it names (saved as
 * `.xsd` or `.xsd.xml`) and the linkbases the schema names. The standard taxonomies
 * are not read: concepts are named by the convention their ids follow (concept.ts).
 */
export function loadFiling(folder: string): Filing {
  const dir = resolve(folder);
  const names = listFolder(dir, folder);
  const instanceFile = findInstance(dir, names, folder);
  const instance = readInstance(instanceFile);
  const prefixOf = (uri: string): string | undefined => Object.keys(instance.namespaces).find((p) => p && instance.namespaces[p] === uri);
  const schemaFile = findSchema(dir, names, instance, folder);
  const taxonomy = readTaxonomy(schemaFile, prefixOf);
  const files = [instanceFile, schemaFile];

  const ownSchemas = new Set([basename(schemaFile), basename(schemaFile).replace(/\.xml$/, ""), instance.schemaRef && basename(instance.schemaRef)]);
  // Linkbases point at the same few hundred concepts thousands of times.
  const known = new Map<string, Concept>();
  const conceptOfHref = (href: string, xml: XmlStream, at: Place): Concept => {
    let concept = known.get(href);
    if (concept === undefined) known.set(href, (concept = resolveHref(href, xml, at)));
    return concept;
  };
  const resolveHref = (href: string, xml: XmlStream, at: Place): Concept => {
    const cut = href.indexOf("#");
    const fragment = cut < 0 ? "" : href.slice(cut + 1);
    if (!fragment || fragment.startsWith("element(")) throw xml.fail(`the locator's href "${href}" names no element id`, "an href ending in #prefix_LocalName", at);
    const doc = href.slice(href.lastIndexOf("/", cut) + 1, cut);
    if (ownSchemas.has(doc)) {
      const declared = taxonomy.elements.get(fragment);
      if (!declared) throw xml.fail(`the locator's href "${href}" names no element of ${basename(schemaFile)}`, "the id of an element the company's schema declares", at);
      return declared.concept;
    }
    const concept = conceptOfId(fragment);
    if (!concept) throw xml.fail(`the locator's href "${href}" does not end in prefix_LocalName`, "a standard taxonomy element id such as us-gaap_Revenues", at);
    return concept;
  };

  const linkbaseFile = (role: string, suffix: string): string | undefined => {
    const ref = taxonomy.linkbaseRefs.find((r) => r.role === role && !/^[a-z]+:/i.test(r.href));
    if (ref) {
      const file = join(dir, ref.href);
      if (!existsSync(file)) throw new DataError(`the schema names linkbase ${ref.href}, which is not in the folder`, { file: schemaFile, hint: `${ref.href} beside the schema` });
      return file;
    }
    const found = names.filter((n) => n.endsWith(suffix));
    return found.length === 1 ? join(dir, found[0]!) : undefined;
  };

  /** A linkbase the filing does not have reads as one without relationships. */
  const read = <K extends LinkKind>(kind: K): Linkbase<K extends "labelLink" ? Resource : Concept> => {
    const { role, suffix } = LINKBASES.find((l) => l.kind === kind)!;
    const file = linkbaseFile(role, suffix);
    if (!file) return { file: "", relationships: [] };
    files.push(file);
    return readLinkbase(file, kind, conceptOfHref);
  };
  const pre = read("presentationLink");
  const lab = read("labelLink");
  const cal = read("calculationLink");
  const def = read("definitionLink");
  const facts = new FactTable(instance);
  return {
    folder: dir,
    instance,
    taxonomy,
    facts,
    presentation: presentationNetworks(pre.relationships),
    labels: new Labels(lab.relationships),
    calculation: calculationNetworks(cal),
    dimensions: dimensions(def.relationships),
    duplicates: facts.duplicates(),
    files,
  };
}

function listFolder(dir: string, folder: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    return readdirSync(dir).sort();
  } catch (e) {
    throw new DataError(`cannot read the filing's folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: folder,
      hint: "a folder holding an XBRL instance (*_htm.xml), its schema (.xsd) and linkbases (_pre, _lab, _cal, _def.xml)",
    });
  }
}

function findInstance(dir: string, names: string[], folder: string): string {
  const extracted = names.filter((n) => n.endsWith("_htm.xml"));
  const candidates = extracted.length ? extracted : names.filter((n) => n.endsWith(".xml") && !LINKBASE_SUFFIX.test(n) && !n.endsWith(".xsd.xml"));
  if (candidates.length !== 1) {
    throw new DataError(candidates.length ? `the folder holds ${candidates.length} files that may be the instance (${candidates.join(", ")})` : "the folder holds no XBRL instance", {
      file: folder,
      hint: "one instance: the *_htm.xml EDGAR extracts from the inline XBRL document, or a single .xml beside the linkbases",
    });
  }
  return join(dir, candidates[0]!);
}

/** The schema the instance names, or the same name with `.xml` added (how EDGAR's archive saves some). */
function findSchema(dir: string, names: string[], instance: Instance, folder: string): string {
  const ref = instance.schemaRef;
  if (ref && !/^[a-z]+:/i.test(ref)) {
    for (const name of [ref, `${ref}.xml`]) if (existsSync(join(dir, name))) return join(dir, name);
    throw new DataError(`the instance names schema ${ref}, which is not in the folder`, { file: instance.file, hint: `${ref} (or ${ref}.xml) beside the instance` });
  }
  const schemas = names.filter((n) => n.endsWith(".xsd") || n.endsWith(".xsd.xml"));
  if (schemas.length === 1) return join(dir, schemas[0]!);
  throw new DataError(`the instance names no schema in the folder${ref ? ` (it names ${ref})` : ""}`, { file: folder, hint: "the company's extension schema (.xsd) beside the instance" });
}

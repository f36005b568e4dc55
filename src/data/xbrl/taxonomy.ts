import type { Concept } from "./concept.js";
import { NS, XmlStream, attr, type Place } from "./xml.js";

/** What kind of network a role holds, as SEC filings say in the role's definition: `0000003 - Statement - CONSOLIDATED STATEMENTS OF OPERATIONS`. */
export type RoleKind = "Document" | "Statement" | "Disclosure" | "Schedule" | "Other";

export interface RoleType {
  uri: string;
  id: string | undefined;
  /** The definition as written. */
  definition: string;
   /** `0000003`: the code SEC filings sort their roles by. */
  sortCode: string;
  kind: RoleKind;
  /** `CONSOLIDATED STATEMENTS OF OPERATIONS`. */
  title: string;
}

/** A concept the company's schema declares (the standard taxonomies' are not part of a filing). */
export interface ElementDeclaration {
  concept: Concept;
  id: string | undefined;
  type: string | undefined;
  periodType: "instant" | "duration" | undefined;
  balance: "debit" | "credit" | undefined;
  abstract: boolean;
  substitutionGroup: string | undefined;
}

export interface LinkbaseRef {
  href: string;
  /** `http://www.xbrl.org/2003/role/calculationLinkbaseRef`, or undefined. */
  role: string | undefined;
}

/** The company's extension schema: its roles (the statements), its own concepts, and the linkbases it names. */
export interface Taxonomy {
  file: string;
  targetNamespace: string | undefined;
  roles: Map<string, RoleType>;
  /** By element id (`aapl_MacMember`), how linkbase locators name them. */
  elements: Map<string, ElementDeclaration>;
  linkbaseRefs: LinkbaseRef[];
  /** Namespaces the schema imports, by URI, with their schema locations. */
  imports: Map<string, string | undefined>;
}

const DEFINITION = /^\s*(\d+)\s*-\s*(Document|Statement|Disclosure|Schedule)\s*-\s*(.*?)\s*$/;

/** Reads the roles, element declarations and linkbase references of a filing's schema. */
export function readTaxonomy(file: string, prefixOfNamespace: (uri: string) => string | undefined): Taxonomy {
  const xml = new XmlStream(file, "an XBRL taxonomy schema (<xs:schema>)");
  const roles = new Map<string, RoleType>();
  const elements = new Map<string, ElementDeclaration>();
  const linkbaseRefs: LinkbaseRef[] = [];
  const imports = new Map<string, string | undefined>();
  let targetNamespace: string | undefined;
  let prefix = "";
  let depth = 0;
  let role: { uri: string; id: string | undefined; at: Place } | undefined;
  let definition = "";
  let inDefinition = false;

  xml.read({
    open(tag, at) {
      depth++;
      if (depth === 1) {
        if (tag.uri !== NS.xsd || tag.local !== "schema") throw xml.fail(`the root element is <${tag.name}>`, "an XBRL taxonomy schema (<xs:schema>)", at);
        targetNamespace = attr(tag, "", "targetNamespace");
        prefix = (targetNamespace && prefixOfNamespace(targetNamespace)) ?? Object.keys(tag.ns).find((p) => p && tag.ns[p] === targetNamespace) ?? "";
        return;
      }
      if (tag.uri === NS.xsd && tag.local === "import") {
        const ns = attr(tag, "", "namespace");
        if (ns) imports.set(ns, attr(tag, "", "schemaLocation"));
      } else if (tag.uri === NS.xsd && tag.local === "element" && depth === 2) {
        const name = attr(tag, "", "name");
        if (!name) return;
        const id = attr(tag, "", "id");
        const periodType = attr(tag, NS.xbrli, "periodType");
        const balance = attr(tag, NS.xbrli, "balance");
        const declaration: ElementDeclaration = {
          concept: `${prefix}:${name}`,
          id,
          type: attr(tag, "", "type"),
          periodType: periodType === "instant" || periodType === "duration" ? periodType : undefined,
          balance: balance === "debit" || balance === "credit" ? balance : undefined,
          abstract: attr(tag, "", "abstract") === "true",
          substitutionGroup: attr(tag, "", "substitutionGroup"),
        };
        elements.set(id ?? `${prefix}_${name}`, declaration);
      } else if (tag.uri === NS.link && tag.local === "linkbaseRef") {
        const href = attr(tag, NS.xlink, "href");
        if (href) linkbaseRefs.push({ href, role: attr(tag, NS.xlink, "role") });
      } else if (tag.uri === NS.link && tag.local === "roleType") {
        const uri = attr(tag, "", "roleURI");
        if (!uri) throw xml.fail("a roleType has no roleURI", 'roleURI="http://…/role/…"', at);
        role = { uri, id: attr(tag, "", "id"), at };
        definition = "";
      } else if (role && tag.uri === NS.link && tag.local === "definition") {
        inDefinition = true;
      }
    },
    text(text) {
      if (inDefinition) definition += text;
    },
    close(tag) {
      depth--;
      if (tag.uri !== NS.link) return;
      if (tag.local === "definition") inDefinition = false;
      else if (tag.local === "roleType" && role) {
        const m = DEFINITION.exec(definition);
        roles.set(role.uri, {
          uri: role.uri,
          id: role.id,
          definition: definition.trim(),
          sortCode: m?.[1] ?? "",
          kind: (m?.[2] as RoleKind | undefined) ?? "Other",
          title: m?.[3] ?? definition.trim(),
        });
        role = undefined;
      }
    },
  });
  return { file, targetNamespace, roles, elements, linkbaseRefs, imports };
}

import { attributes, escapeXml } from "./xml.js";

/** Relationship types of the parts tieout adds to what exceljs writes. */
export const RELATIONSHIP = {
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** Relative to the source part's folder. */
  target: string;
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** The relationships a `.rels` part declares. */
export function readRelationships(xml: string): Relationship[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" };
  });
}

/**
 * Adds a relationship to a `.rels` part (a new one when `xml` is undefined), leaving
 * every relationship already there as it was: exceljs's comments and VML drawings
 * keep their ids. The new id is the first `rIdN` after the highest in use.
 */
export function withRelationship(xml: string | undefined, type: string, target: string): { xml: string; id: string } {
  const source = xml ?? EMPTY;
  const used = readRelationships(source).map((r) => /^rId(\d+)$/.exec(r.id)?.[1]).filter((n): n is string => n !== undefined);
  const id = `rId${Math.max(0, ...used.map(Number)) + 1}`;
  const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  if (!source.includes("</Relationships>")) throw new Error("a relationships part without </Relationships>");
  return { xml: source.replace("</Relationships>", `${element}</Relationships>`), id };
}

import { posix } from "node:path";
import { escapeXml } from "./xml.js";

const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Relationship types of the parts a workbook package has. */
export const RELATIONSHIP = {
  officeDocument: `${OFFICE}/officeDocument`,
  coreProperties: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  extendedProperties: `${OFFICE}/extended-properties`,
  worksheet: `${OFFICE}/worksheet`,
  styles: `${OFFICE}/styles`,
  sharedStrings: `${OFFICE}/sharedStrings`,
  comments: `${OFFICE}/comments`,
  vmlDrawing: `${OFFICE}/vmlDrawing`,
  drawing: `${OFFICE}/drawing`,
  chart: `${OFFICE}/chart`,
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** Relative to the source part's folder. */
  target: string;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export const relsOf = (part: string): string => posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);

/**
 * A part's relationships, numbered `rId1`, `rId2`… in the order given, each target
 * written relative to the part's folder.
 */
export function relationships(from: string, to: { type: string; part: string }[]): Relationship[] {
  const base = from === "" ? "" : posix.dirname(from);
  return to.map((r, i) => ({ id: `rId${i + 1}`, type: r.type, target: posix.relative(base, r.part) }));
}

/** A `.rels` part. */
export function relationshipsXml(rels: Relationship[]): string {
  const list = rels.map((r) => `<Relationship Id="${r.id}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.join("")}</Relationships>`;
}

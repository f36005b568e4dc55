import { addCharts, type SheetCharts } from "./chart/parts.js";
import { addNotes, type SheetNotes } from "./notes.js";
import type { Parts } from "./parts.js";
import { openZip } from "./unzip.js";
import { escapeXml } from "./xml.js";
import { zip } from "./zip.js";

export interface PackageAdditions {
  /** Native charts, which exceljs cannot write. */
  charts?: SheetCharts[];
  /** Cell notes, which exceljs writes slowly. */
  notes?: SheetNotes[];
  /** The company, for the document properties: exceljs's streaming writer leaves it out. */
  company?: string;
}

/**
 * Re-packs the package exceljs wrote (uncompressed, so reading it back is cheap) so
 * the same workbook always has the same bytes: every entry dated to the report's
 * release (exceljs stamps the time of writing), `[Content_Types].xml` first as Office
 * writes it, then the parts in name order, deflated by the platform's zlib. What the
 * streaming writer cannot write, or writes slowly, is added here before the package
 * is sealed: cell notes, charts (drawings, chart parts, relationships, content
 * types), the request that Excel recalculate on load, and the company.
 */
export async function deterministicPackage(bytes: Uint8Array, date: Date, additions: PackageAdditions = {}): Promise<Uint8Array> {
  const source = openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "the workbook exceljs wrote");
  const parts: Parts = new Map(source.names().filter((n) => !n.endsWith("/")).map((name) => [name.replace(/^\/+/, ""), source.read(name)]));
  recalculateOnLoad(parts);
  if (additions.company !== undefined) withCompany(parts, additions.company);
  // Notes first: a chart's <drawing> goes before their <legacyDrawing>.
  addNotes(parts, additions.notes ?? []);
  addCharts(parts, additions.charts ?? []);
  const names = [...parts.keys()].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return zip(names.map((name) => ({ name, data: parts.get(name)! })), date);
}

const text = (parts: Parts, name: string): string => {
  const bytes = parts.get(name);
  if (bytes === undefined) throw new Error(`the package has no part ${name}`);
  return Buffer.from(bytes).toString("utf8");
};

/** Cached values are ours; Excel is asked to recompute every formula when it opens the file all the same. */
function recalculateOnLoad(parts: Parts): void {
  const xml = text(parts, "xl/workbook.xml");
  const calcPr = /<calcPr\b[^>]*?\/>/.exec(xml);
  const patched = calcPr
    ? xml.replace(calcPr[0], calcPr[0].includes("fullCalcOnLoad") ? calcPr[0] : calcPr[0].replace(/\s*\/>$/, ' fullCalcOnLoad="1"/>'))
    : xml.replace("</workbook>", '<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>');
  parts.set("xl/workbook.xml", Buffer.from(patched, "utf8"));
}

function withCompany(parts: Parts, company: string): void {
  const xml = text(parts, "docProps/app.xml");
  const escaped = escapeXml(company);
  const patched = /<Company\s*\/>|<Company>[^<]*<\/Company>/.test(xml)
    ? xml.replace(/<Company\s*\/>|<Company>[^<]*<\/Company>/, `<Company>${escaped}</Company>`)
    : xml.replace("</Properties>", `<Company>${escaped}</Company></Properties>`);
  parts.set("docProps/app.xml", Buffer.from(patched, "utf8"));
}

import { addCharts, type Parts, type SheetCharts } from "./chart/parts.js";
import { openZip } from "./unzip.js";
import { zip } from "./zip.js";

/**
 * Re-packs the package exceljs wrote (uncompressed, so reading it back is cheap) so
 * the same workbook always has the same bytes: every entry dated to the report's
 * release (exceljs stamps the time of writing), `[Content_Types].xml` first as Office
 * writes it, then the parts in name order, deflated by the platform's zlib. Charts,
 * which exceljs cannot write, are added here (drawings, chart parts, relationships,
 * content types) before the package is sealed.
 */
export async function deterministicPackage(bytes: Uint8Array, date: Date, charts: SheetCharts[] = []): Promise<Uint8Array> {
  const source = openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "the workbook exceljs wrote");
  const parts: Parts = new Map(source.names().filter((n) => !n.endsWith("/")).map((name) => [name, source.read(name)]));
  addCharts(parts, charts);
  const names = [...parts.keys()].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return zip(names.map((name) => ({ name, data: parts.get(name)! })), date);
}

import { openZip } from "./unzip.js";
import { zip } from "./zip.js";

/**
 * Re-packs the package exceljs wrote (uncompressed, so reading it back is cheap) so
 * the same workbook always has the same bytes: every entry dated to the report's
 * release (exceljs stamps the time of writing), `[Content_Types].xml` first as Office
 * writes it, then the parts in name order, deflated by the platform's zlib.
 */
export async function deterministicPackage(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "the workbook exceljs wrote");
  const names = source
    .names()
    .filter((n) => !n.endsWith("/"))
    .sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const entries = names.map((name) => ({ name, data: source.read(name) }));
  return zip(entries, date);
}

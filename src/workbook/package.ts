import JSZip from "jszip";

/**
 * Re-packs the zip exceljs wrote so the same workbook always has the same bytes:
 * every entry dated to the report's release (exceljs stamps the time of writing),
 * entries in a fixed order with `[Content_Types].xml` first as Office writes it,
 * one compression level. JSZip stores the UTC fields of the date, so the time zone
 * of the machine does not matter.
 */
export async function deterministicPackage(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n]!.dir)
    .sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const target = new JSZip();
  for (const name of names) {
    target.file(name, await source.files[name]!.async("uint8array"), { date, createFolders: false });
  }
  return target.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "UNIX" });
}

import { escapeXml } from "./xml.js";

const SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/** The content type of each kind of part a workbook package has. */
export const CONTENT_TYPE = {
  workbook: `${SPREADSHEET}.sheet.main+xml`,
  worksheet: `${SPREADSHEET}.worksheet+xml`,
  styles: `${SPREADSHEET}.styles+xml`,
  sharedStrings: `${SPREADSHEET}.sharedStrings+xml`,
  comments: `${SPREADSHEET}.comments+xml`,
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  extendedProperties: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
} as const;

const DEFAULTS = [
  ["rels", "application/vnd.openxmlformats-package.relationships+xml"],
  ["xml", "application/xml"],
  ["vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"],
] as const;

/** `[Content_Types].xml`: the types of `.rels`, `.xml` and `.vml` parts by extension, every other part by name. */
export function contentTypesXml(parts: { part: string; type: string }[]): string {
  const defaults = DEFAULTS.map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`);
  const overrides = parts.map((p) => `<Override PartName="/${escapeXml(p.part)}" ContentType="${escapeXml(p.type)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults.join("")}${overrides.join("")}</Types>`;
}

import { posix } from "node:path";
import { cellAddress } from "../template/a1.js";
import { withOverrides } from "./content-types.js";
import { put, relsOf, sheetParts, text, withSheetElement, type Parts } from "./parts.js";
import { withRelationship } from "./relationships.js";
import { escapeXml } from "./xml.js";

/** The notes (cell comments) of a sheet, cells 1-based. */
export interface SheetNotes {
  sheet: string;
  notes: { row: number; col: number; text: string }[];
}

const COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";

/** Elements that follow `<legacyDrawing>` in a worksheet (CT_Worksheet's sequence). */
const AFTER_LEGACY_DRAWING = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/**
 * VML shape ids come in blocks of 1,024 that no two drawings of a workbook share; a
 * drawing's shapes are numbered from the first id after its first block's start.
 */
const BLOCK = 1024;
const blocksFor = (shapes: number): number => Math.floor(shapes / BLOCK) + 1;

/** A run of text rather than bare text: some readers (exceljs among them) read notes only from runs. */
function commentsXml(notes: SheetNotes["notes"]): string {
  const list = notes.map((n) => `<comment ref="${cellAddress(n.row, n.col)}" authorId="0"><text><r><t xml:space="preserve">${escapeXml(n.text)}</t></r></text></comment>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>tieout</author></authors><commentList>${list.join("")}</commentList></comments>`;
}

/** The hidden yellow box Excel shows on hovering a cell with a note; its anchor is in cells, 0-based. */
function vmlXml(notes: SheetNotes["notes"], firstBlock: number): string {
  const blocks = Array.from({ length: blocksFor(notes.length) }, (_, i) => firstBlock + i).join(",");
  const shapes = notes.map((n, i) => {
    const r = n.row - 1;
    const c = n.col - 1;
    return (
      `<v:shape id="_x0000_s${firstBlock * BLOCK + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
      `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${Math.max(r - 1, 0)}, 10, ${c + 3}, 15, ${r + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join("")}</xml>`
  );
}

/**
 * Adds cell notes to the package: per sheet with notes, a comments part and the VML
 * drawing Excel draws them with, the sheet's relationships to both, its
 * `<legacyDrawing>` element and their content types. Written here rather than by
 * exceljs, which takes several times as long and as much memory for a sheet of many
 * notes. Parts are numbered by their sheet's part (`sheet3.xml` → `comments3.xml`).
 */
export function addNotes(parts: Parts, sheets: SheetNotes[]): void {
  const withNotes = sheets.filter((s) => s.notes.length > 0);
  if (withNotes.length === 0) return;
  const located = sheetParts(parts);
  const overrides: { part: string; type: string }[] = [];
  let block = 1;
  for (const { sheet, notes } of withNotes) {
    const sheetPart = located.get(sheet);
    if (sheetPart === undefined || !parts.has(sheetPart)) throw new Error(`the package has no worksheet part for sheet "${sheet}"`);
    const n = /(\d+)\.xml$/.exec(sheetPart)?.[1] ?? String(block);
    const comments = `xl/comments${n}.xml`;
    const vml = `xl/drawings/vmlDrawing${n}.vml`;
    if (parts.has(comments) || parts.has(vml)) throw new Error(`the package already has ${comments} or ${vml}`);
    const ordered = [...notes].sort((a, b) => a.row - b.row || a.col - b.col);
    put(parts, comments, commentsXml(ordered));
    put(parts, vml, vmlXml(ordered, block));
    block += blocksFor(ordered.length);
    const toComments = withRelationship(text(parts, relsOf(sheetPart)), REL_COMMENTS, posix.relative(posix.dirname(sheetPart), comments));
    const toVml = withRelationship(toComments.xml, REL_VML, posix.relative(posix.dirname(sheetPart), vml));
    put(parts, relsOf(sheetPart), toVml.xml);
    parts.set(sheetPart, withSheetElement(parts.get(sheetPart)!, `<legacyDrawing r:id="${toVml.id}"/>`, AFTER_LEGACY_DRAWING, sheetPart));
    overrides.push({ part: `/${comments}`, type: COMMENTS });
  }
  let types = text(parts, "[Content_Types].xml") ?? "";
  if (!/<Default Extension="vml"/.test(types)) types = types.replace("</Types>", `<Default Extension="vml" ContentType="${VML}"/></Types>`);
  put(parts, "[Content_Types].xml", withOverrides(types, overrides));
}

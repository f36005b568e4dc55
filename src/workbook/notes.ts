import type { ModelSheet } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import { LABEL_COLUMN } from "../template/layout.js";
import { escapeXstring } from "./xml.js";

/** A cell note (comment), cell 1-based. */
export interface Note {
  row: number;
  col: number;
  text: string;
}

/** A sheet's notes in row and column order: each row's sources, on its label, and any other cell's. Walked, not kept: a large report has one per row. */
export function* sheetNotes(sheet: ModelSheet): Generator<Note> {
  for (const row of sheet.rows) {
    if (row.source !== undefined) yield { row: row.row, col: LABEL_COLUMN, text: row.source };
    for (const cell of row.cells) if (cell.source) yield { row: cell.row, col: cell.col, text: cell.source };
  }
}

/**
 * VML shape ids come in blocks of 1,024 that no two drawings of a workbook share; a
 * drawing's shapes are numbered from the first id after its first block's start.
 */
const BLOCK = 1024;
export const blocksFor = (shapes: number): number => Math.floor(shapes / BLOCK) + 1;

/** A sheet's comments part (`xl/commentsN.xml`). A run of text rather than bare text: some readers (exceljs among them) read notes only from runs. */
export function* commentsXml(notes: Iterable<Note>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>tieout</author></authors><commentList>';
  for (const n of notes) yield `<comment ref="${cellAddress(n.row, n.col)}" authorId="0"><text><r><t xml:space="preserve">${escapeXstring(n.text)}</t></r></text></comment>`;
  yield "</commentList></comments>";
}

/**
 * The VML drawing Excel draws a sheet's notes with (`xl/drawings/vmlDrawingN.vml`):
 * the hidden yellow box shown on hovering a cell with a note, anchored in cells
 * (0-based). `firstBlock` is the first of the blocks of shape ids that are its own,
 * enough for `count` notes.
 */
export function* vmlXml(notes: Iterable<Note>, count: number, firstBlock: number): Generator<string> {
  const blocks = Array.from({ length: blocksFor(count) }, (_, i) => firstBlock + i).join(",");
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
  );
  let i = 0;
  for (const n of notes) {
    const r = n.row - 1;
    const c = n.col - 1;
    yield (
      `<v:shape id="_x0000_s${firstBlock * BLOCK + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
      `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${Math.max(r - 1, 0)}, 10, ${c + 3}, 15, ${r + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
    );
    i++;
  }
  yield "</xml>";
}

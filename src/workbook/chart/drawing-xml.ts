import type { ModelChart } from "../../model/types.js";
import { escapeXml } from "../xml.js";

/** A chart as its drawing places it: where, what it is called, and the relationship to its chart part. */
export interface PlacedChart {
  anchor: ModelChart["anchor"];
  title: string;
  /** The id of the drawing's relationship to the chart part. */
  relationship: string;
}

const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** One corner of an anchor: zero-based column and row, no offset into the cell. */
function marker(tag: "from" | "to", col: number, row: number): string {
  return `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
}

/**
 * A drawing part (`xl/drawings/drawingN.xml`): one two-cell anchor per chart, from
 * its top-left cell to the cell `columns` across and `rows` down, holding a graphic
 * frame that points at the chart part. The title doubles as the frame's alternative
 * text, for screen readers.
 */
export function drawingXml(charts: PlacedChart[]): string {
  const anchors = charts.map((chart, i) => {
    const { row, col, rows, columns } = chart.anchor;
    const name = escapeXml(chart.title);
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      marker("from", col - 1, row - 1) +
      marker("to", col - 1 + columns, row - 1 + rows) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${name}" title="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${chart.relationship}"/></a:graphicData></a:graphic>` +
      "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${anchors.join("")}</xdr:wsDr>`;
}

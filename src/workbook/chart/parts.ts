import { posix } from "node:path";
import type { ModelChart } from "../../model/types.js";
import { CONTENT_TYPE, withOverrides } from "../content-types.js";
import { relsOf, put, sheetParts, text, withSheetElement, type Parts } from "../parts.js";
import { RELATIONSHIP, withRelationship } from "../relationships.js";
import { drawingXml, type PlacedChart } from "./drawing-xml.js";

/** A sheet's charts, each with its chart part already written. */
export interface SheetCharts {
  sheet: string;
  charts: { chart: ModelChart; xml: string }[];
}

/** The first N from `from` on with no part `${stem}N.xml`: exceljs's own parts are never replaced. */
function freeNumber(parts: Parts, stem: string, from: number): number {
  let n = from;
  while (parts.has(`${stem}${n}.xml`)) n++;
  return n;
}

/**
 * Elements that follow `<drawing>` in a worksheet (CT_Worksheet's sequence): the
 * drawing goes before the first of them that the sheet has, so exceljs's
 * `<legacyDrawing>` for cell notes stays where it is, after it.
 */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/**
 * Adds native charts to the package exceljs wrote: per sheet with charts, a drawing
 * part with its relationships to one chart part per chart, the sheet's relationship
 * to the drawing (merged into the relationships exceljs wrote for notes), the
 * `<drawing>` element in the sheet, and content types for the new parts. Parts are
 * numbered in sheet and chart order, so the package is the same every time.
 */
export function addCharts(parts: Parts, sheets: SheetCharts[]): void {
  const withCharts = sheets.filter((s) => s.charts.length > 0);
  if (withCharts.length === 0) return;
  const located = sheetParts(parts);
  const overrides: { part: string; type: string }[] = [];
  let chartNumber = 1;
  let drawingNumber = 1;
  for (const { sheet, charts } of withCharts) {
    const sheetPart = located.get(sheet);
    if (sheetPart === undefined || !parts.has(sheetPart)) throw new Error(`the package has no worksheet part for sheet "${sheet}"`);
    drawingNumber = freeNumber(parts, "xl/drawings/drawing", drawingNumber);
    const drawing = `xl/drawings/drawing${drawingNumber++}.xml`;
    let drawingRels: string | undefined;
    const placed: PlacedChart[] = charts.map(({ chart, xml }) => {
      chartNumber = freeNumber(parts, "xl/charts/chart", chartNumber);
      const part = `xl/charts/chart${chartNumber++}.xml`;
      put(parts, part, xml);
      overrides.push({ part: `/${part}`, type: CONTENT_TYPE.chart });
      const rel = withRelationship(drawingRels, RELATIONSHIP.chart, posix.relative(posix.dirname(drawing), part));
      drawingRels = rel.xml;
      return { anchor: chart.anchor, title: chart.title, relationship: rel.id };
    });
    put(parts, drawing, drawingXml(placed));
    put(parts, relsOf(drawing), drawingRels!);
    overrides.push({ part: `/${drawing}`, type: CONTENT_TYPE.drawing });
    const sheetRels = withRelationship(text(parts, relsOf(sheetPart)), RELATIONSHIP.drawing, posix.relative(posix.dirname(sheetPart), drawing));
    put(parts, relsOf(sheetPart), sheetRels.xml);
    parts.set(sheetPart, withSheetElement(parts.get(sheetPart)!, `<drawing r:id="${sheetRels.id}"/>`, AFTER_DRAWING, sheetPart));
  }
  put(parts, "[Content_Types].xml", withOverrides(text(parts, "[Content_Types].xml") ?? "", overrides));
}

import type { ComputedValues } from "../../formula/stored.js";
import type { ModelChart } from "../../model/types.js";
import { RELATIONSHIP, relationships, relationshipsXml } from "../relationships.js";
import { chartXml } from "./chart-xml.js";
import { drawingXml } from "./drawing-xml.js";

/** The parts that draw one sheet's charts: its drawing, the drawing's relationships, a chart part per chart. */
export interface ChartParts {
  drawing: { part: string; xml: string };
  drawingRels: { part: string; xml: string };
  charts: { part: string; xml: string }[];
}

/**
 * The drawing part `xl/drawings/drawing{drawing}.xml` of a sheet, with one two-cell
 * anchor per chart pointing at its chart part, numbered on from `firstChart` in the
 * sheet's order, so the package is the same every time.
 */
export function chartParts(charts: ModelChart[], drawing: number, firstChart: number, computed: ComputedValues): ChartParts {
  const part = `xl/drawings/drawing${drawing}.xml`;
  const parts = charts.map((chart, i) => ({ part: `xl/charts/chart${firstChart + i}.xml`, xml: chartXml(chart, computed) }));
  const rels = relationships(part, parts.map((p) => ({ type: RELATIONSHIP.chart, part: p.part })));
  return {
    drawing: { part, xml: drawingXml(charts.map((chart, i) => ({ anchor: chart.anchor, title: chart.title, relationship: rels[i]!.id }))) },
    drawingRels: { part: `xl/drawings/_rels/drawing${drawing}.xml.rels`, xml: relationshipsXml(rels) },
    charts: parts,
  };
}

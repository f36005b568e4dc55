import type { ReportData } from "../data/load.js";
import { TemplateError } from "../errors.js";
import { layOut } from "../template/layout.js";
import type { Template } from "../template/load.js";
import { checkCoverage } from "./coverage.js";
import { resolveCharts } from "./chart.js";
import { buildSheet } from "./sheet.js";
import type { Model } from "./types.js";
import { checksSheet, compilePublished, MASTER, publishedSheet, STATUS_FORMULA } from "./verdicts.js";

/** Template × data → the workbook as cells: every figure placed, every formula compiled to A1. */
export function buildModel(template: Template, data: ReportData): Model {
  const layout = layOut(template);
  checkCoverage(layout, data);
  const built = layout.sheets.map((s) => buildSheet(layout, s, data, STATUS_FORMULA));
  built.forEach((b, i) => {
    const charts = resolveCharts(layout, layout.sheets[i]!);
    if (charts.length > 0) b.sheet.charts = charts;
  });
  const figures = [...built.flatMap((b) => b.printedTotals), ...compilePublished(data, layout)];
  const published = publishedSheet(figures);
  const checks = checksSheet(layout, published.verdicts);
  const seen = new Map<string, string>();
  for (const sheet of built) {
    for (const n of sheet.sheet.names ?? []) {
      const other = seen.get(n.name.toLowerCase());
      if (other) throw new TemplateError(`the name ${n.name} is given twice (${other} and ${n.ref})`, { path: `sheet ${sheet.sheet.name}`, hint: "one row per name" });
      seen.set(n.name.toLowerCase(), n.ref);
    }
  }
  return {
    title: data.meta.title,
    subject: template.title,
    company: data.meta.company,
    released: data.meta.released,
    sheets: [...built.map((b) => b.sheet), checks.sheet, published.sheet],
    verdicts: [...checks.verdicts, ...published.verdicts],
    master: MASTER,
  };
}

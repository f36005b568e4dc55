import type { ReportData } from "../data/load.js";
import { TemplateError } from "../errors.js";
import { layOut } from "../template/layout.js";
import { withStatementLines } from "../template/lines.js";
import type { Template } from "../template/load.js";
import { fillText } from "../template/placeholders.js";
import { checkCoverage } from "./coverage.js";
import { resolveCharts } from "./chart.js";
import { UnitRegistry } from "./quantity.js";
import { buildSheet, type ModelContext } from "./sheet.js";
import type { Model } from "./types.js";
import { Usage } from "./usage.js";
import { checksSheet, compilePublished, MASTER, publishedSheet, STATUS_FORMULA } from "./verdicts.js";

export interface ModelOptions {
  /** An input row that nothing uses is an error, not a warning. */
  strict?: boolean;
}

/** Template × data → the workbook as cells: every figure placed, every formula compiled to A1 and checked for its units. */
export function buildModel(source: Template, data: ReportData, options: ModelOptions = {}): Model {
  const template = withStatementLines(source, data.statements);
  const layout = layOut(template, data);
  checkCoverage(layout, data);
  const ctx: ModelContext = { layout, data, registry: new UnitRegistry(template.units), usage: new Usage() };
  const built = layout.sheets.map((s) => buildSheet(ctx, s, STATUS_FORMULA));
  built.forEach((b, i) => {
    const charts = resolveCharts(ctx, layout.sheets[i]!);
    if (charts.length > 0) b.sheet.charts = charts;
  });
  const figures = [...built.flatMap((b) => b.printedTotals), ...compilePublished(ctx)];
  const published = publishedSheet(ctx, figures);
  const checks = checksSheet(ctx, published.verdicts);
  const seen = new Map<string, string>();
  for (const sheet of built) {
    for (const n of sheet.sheet.names ?? []) {
      const other = seen.get(n.name.toLowerCase());
      if (other) throw new TemplateError(`the name ${n.name} is given twice (${other} and ${n.ref})`, { path: `sheet ${sheet.sheet.name}`, hint: "one row per name" });
      seen.set(n.name.toLowerCase(), n.ref);
    }
  }
  const unused = ctx.usage.unused(layout);
  if (options.strict && unused.length > 0) throw unused[0]!;
  return {
    title: data.meta.title,
    subject: fillText(template.title, layout.binding, { file: template.file, path: "$.title" }),
    company: data.meta.company,
    released: data.meta.released,
    sheets: [...built.map((b) => b.sheet), checks.sheet, published.sheet],
    verdicts: [...checks.verdicts, ...published.verdicts],
    master: MASTER,
    warnings: unused.map((w) => w.describe()),
  };
}

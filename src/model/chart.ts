import { TemplateError, type Where } from "../errors.js";
import { columnLetters, parseA1 } from "../template/a1.js";
import { columnNamed, FIRST_ROW, FIRST_VALUE_COLUMN, HEADER_ROW, LABEL_COLUMN, type LaidColumn, type Layout, type SheetLayout } from "../template/layout.js";
import type { Chart, ChartColumnSeries, ChartRowSeries, Format, Row } from "../template/schema.js";
import { didYouMean } from "../template/suggest.js";
import type { ModelContext } from "./sheet.js";
import { cellFormat, defaultFormat, unitOf } from "./units.js";
import type { CellRange, ModelChart, ModelChartSeries } from "./types.js";

/** A template row found by its reference (`gm_ns`, `is.rev_total`). */
interface FoundRow {
  sheet: SheetLayout;
  row: number;
  spec: Row;
}

/**
 * Resolves a sheet's chart specs to cell ranges: each series becomes one block of
 * cells (a row across neighbouring columns, or a column down neighbouring rows), its
 * legend text the row's label cell or the column's header, and the categories the
 * header or label cells, so the chart follows the figures when an analyst edits them.
 */
export function resolveCharts(ctx: ModelContext, home: SheetLayout): ModelChart[] {
  const file = home.sheet.file;
  const charts = (home.sheet.charts ?? []).map((spec, i) => resolveChart(ctx.layout, home, spec, `$.charts[${i}]`));
  // The rows a chart plots are used: a row drawn only in a chart is not a forgotten one.
  for (const chart of charts) {
    for (const s of chart.series) {
      const sheet = ctx.layout.sheets.find((l) => l.sheet.name === s.values.sheet)!;
      for (let row = s.values.top; row <= s.values.bottom; row++) ctx.usage.noteRow(sheet, row);
    }
  }
  charts.forEach((chart, i) => {
    for (const other of charts.slice(0, i)) {
      const where = { file, path: `$.charts[${i}]` };
      if (other.id === chart.id) throw new TemplateError(`the chart id "${chart.id}" is used twice on this sheet`, { ...where, hint: "one id per chart" });
      if (overlaps(other.anchor, chart.anchor)) {
        throw new TemplateError(`chart "${chart.id}" overlaps chart "${other.id}"`, { ...where, path: `${where.path}.anchor`, hint: "an anchor cell and size that leave the other chart clear" });
      }
    }
  });
  return charts;
}

function overlaps(a: ModelChart["anchor"], b: ModelChart["anchor"]): boolean {
  return a.col < b.col + b.columns && b.col < a.col + a.columns && a.row < b.row + b.rows && b.row < a.row + a.rows;
}

function resolveChart(layout: Layout, home: SheetLayout, spec: Chart, path: string): ModelChart {
  const where = (p: string): Where => ({ file: home.sheet.file, path: `${path}${p}` });
  const anchor = placeAnchor(home, spec.anchor, where(".anchor"));
  const { categories, series } =
    "columns" in spec.categories
      ? byColumns(layout, home, spec.categories.columns, spec.series, where)
      : byRows(layout, home, spec.categories.rows, spec.series, where);
  const secondary = series.filter((s) => s.secondary).length;
  if (spec.kind === "combo" && (secondary === 0 || secondary === series.length)) {
    throw new TemplateError("a combo chart needs columns and a line: some series on the primary axis and some on the secondary", {
      ...where(".series"),
      hint: `"axis": "secondary" on the percentage series, and at least one series without it`,
    });
  }
  if (spec.kind !== "combo" && secondary > 0) {
    throw new TemplateError(`only combo charts have a secondary axis (this one is ${spec.kind})`, { ...where(".series"), hint: `kind "combo", or no "axis": "secondary"` });
  }
  return { id: spec.id, title: spec.title, kind: spec.kind, anchor, categories, series, where: where("") };
}

/** The anchor cell, checked to leave the table (and the frozen header and label column) clear. */
function placeAnchor(home: SheetLayout, anchor: Chart["anchor"], where: Where): ModelChart["anchor"] {
  const cell = parseA1(anchor.cell);
  if (!cell) throw new TemplateError(`"${anchor.cell}" is not a cell of the sheet`, { ...where, hint: "a cell such as F5" });
  const lastRow = FIRST_ROW + home.rows.length - 1;
  const lastColumn = FIRST_VALUE_COLUMN + home.columns.length - 1;
  const clear = (cell.col > lastColumn || cell.row > lastRow) && cell.row > HEADER_ROW && cell.col > LABEL_COLUMN;
  if (!clear) {
    throw new TemplateError(`a chart at ${anchor.cell} would cover the table (rows ${HEADER_ROW}–${lastRow}, columns A–${columnLetters(lastColumn)}) or its frozen panes`, {
      ...where,
      hint: `a top-left cell right of column ${columnLetters(lastColumn)} or below row ${lastRow}, not in row 1–${HEADER_ROW} or column A`,
    });
  }
  return { row: cell.row, col: cell.col, rows: anchor.rows, columns: anchor.columns };
}

/** Categories are columns: each series is a row, across those columns of the row's own sheet. */
function byColumns(layout: Layout, home: SheetLayout, columns: string[], specs: Chart["series"], where: (p: string) => Where): { categories: CellRange; series: ModelChartSeries[] } {
  let categories: CellRange | undefined;
  const series = specs.map((s, i): ModelChartSeries => {
    const at = where(`.series[${i}]`);
    if (!("row" in s)) throw new TemplateError("a chart whose categories are columns plots rows", { ...at, hint: `"row": a row id, instead of "column"` });
    const found = findRow(layout, home, s.row, at);
    const laid = columns.map((id) => findColumn(layout, found.sheet, id, { ...at, path: `${where(".categories.columns").path} (for row "${s.row}")` }));
    const [left, right] = neighbours(laid.map((c) => c.col), columns, "columns", where(".categories.columns"));
    blanks(found, laid, at);
    // The labels are the header cells of the first series' sheet.
    categories ??= range(found.sheet, HEADER_ROW, left, HEADER_ROW, right);
    return { ...plotted(s, found, laid[0]!), values: range(found.sheet, found.row, left, found.row, right), name: s.name ?? range(found.sheet, found.row, LABEL_COLUMN, found.row, LABEL_COLUMN) };
  });
  return { categories: categories!, series };
}

/** Categories are rows: each series is a column, down those rows (or the series' own rows, as many). */
function byRows(layout: Layout, home: SheetLayout, rows: string[], specs: Chart["series"], where: (p: string) => Where): { categories: CellRange; series: ModelChartSeries[] } {
  const categoryRows = rowBlock(layout, home, rows, where(".categories.rows"));
  const series = specs.map((s, i): ModelChartSeries => {
    const at = where(`.series[${i}]`);
    if (!("column" in s)) throw new TemplateError("a chart whose categories are rows plots columns", { ...at, hint: `"column": a column id, instead of "row"` });
    const own = s.rows ? rowBlock(layout, home, s.rows, where(`.series[${i}].rows`)) : categoryRows;
    if (own.found.length !== categoryRows.found.length) {
      throw new TemplateError(`the series plots ${own.found.length} rows for ${categoryRows.found.length} categories`, { ...where(`.series[${i}].rows`), hint: "one row per category" });
    }
    const column = findColumn(layout, own.sheet, s.column, { ...at, path: `${at.path}.column` });
    for (const f of own.found) blanks(f, [column], at);
    const { top, bottom } = own;
    return { ...plotted(s, own.found[0]!, column), values: range(own.sheet, top, column.col, bottom, column.col), name: s.name ?? range(own.sheet, HEADER_ROW, column.col, HEADER_ROW, column.col) };
  });
  const { sheet, top, bottom } = categoryRows;
  return { categories: range(sheet, top, LABEL_COLUMN, bottom, LABEL_COLUMN), series };
}

/** What a series draws on: its axis, number format and unit (of its first cell). */
function plotted(s: ChartRowSeries | ChartColumnSeries, found: FoundRow, column: LaidColumn): Pick<ModelChartSeries, "secondary" | "format" | "unit"> {
  const unit = unitOf(found.sheet, { sheet: found.sheet, row: found.row, col: column.col });
  const columnFormat = column.kind === "comparison" && "format" in column.spec ? column.spec.format : undefined;
  const format: Format = cellFormat(columnFormat ?? (unit === "percent" ? undefined : found.spec.format) ?? defaultFormat(unit), unit, { file: found.sheet.sheet.file, path: `row "${found.spec.id}"` });
  return { secondary: s.axis === "secondary", format, unit };
}

function range(sheet: SheetLayout, top: number, left: number, bottom: number, right: number): CellRange {
  return { sheet: sheet.sheet.name, top, left, bottom, right };
}

/** Rows of one sheet, next to each other in sheet order. */
function rowBlock(layout: Layout, home: SheetLayout, refs: string[], where: Where): { sheet: SheetLayout; found: FoundRow[]; top: number; bottom: number } {
  const found = refs.map((r) => findRow(layout, home, r, where));
  const sheet = found[0]!.sheet;
  const stray = found.findIndex((f) => f.sheet !== sheet);
  if (stray >= 0) throw new TemplateError(`"${refs[stray]}" is on another sheet than "${refs[0]}"`, { ...where, hint: "rows of one sheet" });
  const [top, bottom] = neighbours(found.map((f) => f.row), refs, "rows", where);
  return { sheet, found, top, bottom };
}

/** The first and last of positions that must follow one another: a chart series is one block of cells. */
function neighbours(positions: number[], ids: string[], what: "rows" | "columns", where: Where): [number, number] {
  for (let i = 1; i < positions.length; i++) {
    if (positions[i] !== positions[i - 1]! + 1) {
      throw new TemplateError(`"${ids[i - 1]}" and "${ids[i]}" are not neighbouring ${what} in sheet order`, {
        ...where,
        hint: `${what} next to each other, in the order the sheet shows them (a series is one block of cells)`,
      });
    }
  }
  return [positions[0]!, positions[positions.length - 1]!];
}

/** A series cell the row leaves blank (`skip`) would be a hole in the chart: say so. */
function blanks(found: FoundRow, columns: LaidColumn[], where: Where): void {
  const skipped = columns.find((c) => found.spec.skip?.includes(c.id));
  if (skipped) throw new TemplateError(`row "${found.spec.id}" leaves column "${skipped.id}" blank, so the chart would plot nothing there`, { ...where, hint: "columns the row fills" });
}

function findRow(layout: Layout, home: SheetLayout, ref: string, where: Where): FoundRow {
  const [a, b] = ref.split(".") as [string, string | undefined];
  const sheet = b === undefined ? home : layout.byId.get(a);
  if (!sheet) throw new TemplateError(`unknown sheet "${a}"${didYouMean(a, layout.byId.keys())}`, { ...where, hint: "a sheet id of the template" });
  const id = b ?? a;
  const row = sheet.rowOf.get(id);
  if (row === undefined) {
    throw new TemplateError(`unknown row "${id}" of sheet "${sheet.sheet.id}"${didYouMean(id, sheet.rowOf.keys())}`, { ...where, hint: `a row id of sheet "${sheet.sheet.id}"` });
  }
  return { sheet, row, spec: sheet.rows.find((r) => r.row === row)!.spec as Row };
}

function findColumn(layout: Layout, sheet: SheetLayout, id: string, where: Where): LaidColumn {
  const column = columnNamed(sheet, id, layout.binding);
  if (!column) {
    throw new TemplateError(`unknown column "${id}" of sheet "${sheet.sheet.id}"${didYouMean(id, sheet.columnOf.keys())}`, { ...where, hint: `a column id of sheet "${sheet.sheet.id}"` });
  }
  return column;
}

import { describe, expect, it } from "vitest";
import { loadReportData } from "../../src/data/load.js";
import { TemplateError } from "../../src/errors.js";
import { buildModel } from "../../src/model/build.js";
import type { Model } from "../../src/model/types.js";
import { loadTemplate } from "../../src/template/load.js";
import { smallReport, writeFixture, type Fixture } from "../support/fixture.js";

/** The small report's Income sheet (rows 5–7, columns A–D) with one chart beside it. */
function withChart(chart: Record<string, unknown>): Fixture {
  const f = smallReport();
  f.sheet.charts = [{ id: "revenues", title: "Revenues", kind: "clustered_column", anchor: { cell: "F5", columns: 6, rows: 12 }, ...chart }];
  return f;
}

function build(f: Fixture): Model {
  const w = writeFixture(f);
  return buildModel(loadTemplate(w.template), loadReportData(w.report));
}

function error(f: Fixture): TemplateError {
  try {
    build(f);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error("the template was accepted");
}

const byColumns = { categories: { columns: ["1H17", "1H18"] } };

describe("chart specs resolve to cell ranges", () => {
  it("a row series spans the category columns; its name is the row's label cell; the labels are the header cells", () => {
    const chart = build(withChart({ ...byColumns, series: [{ row: "rev_a" }, { row: "rev_b", name: "Equipment sales" }] })).sheets[0]!.charts![0]!;
    expect(chart.anchor).toEqual({ row: 5, col: 6, rows: 12, columns: 6 });
    expect(chart.categories).toEqual({ sheet: "Income", top: 4, left: 2, bottom: 4, right: 3 });
    expect(chart.series.map((s) => s.values)).toEqual([
      { sheet: "Income", top: 5, left: 2, bottom: 5, right: 3 },
      { sheet: "Income", top: 6, left: 2, bottom: 6, right: 3 },
    ]);
    expect(chart.series[0]!.name).toEqual({ sheet: "Income", top: 5, left: 1, bottom: 5, right: 1 });
    expect(chart.series[1]!.name).toBe("Equipment sales");
    expect(chart.series[0]).toMatchObject({ format: "amount", unit: "JPY thousands", secondary: false });
  });

  it("a column series runs down the category rows; the labels are the rows' label cells, the name the column's header", () => {
    const chart = build(withChart({ categories: { rows: ["rev_a", "rev_b"] }, series: [{ column: "1H18" }] })).sheets[0]!.charts![0]!;
    expect(chart.categories).toEqual({ sheet: "Income", top: 5, left: 1, bottom: 6, right: 1 });
    expect(chart.series[0]!.values).toEqual({ sheet: "Income", top: 5, left: 3, bottom: 6, right: 3 });
    expect(chart.series[0]!.name).toEqual({ sheet: "Income", top: 4, left: 3, bottom: 4, right: 3 });
  });

  it("a combo chart's percentage series goes on the secondary axis", () => {
    const chart = build(
      withChart({ kind: "combo", categories: { rows: ["rev_a", "rev_b"] }, series: [{ column: "1H18" }, { column: "yoy_pct", axis: "secondary", name: "YoY %" }] }),
    ).sheets[0]!.charts![0]!;
    expect(chart.series.map((s) => [s.secondary, s.format, s.unit])).toEqual([
      [false, "amount", "JPY thousands"],
      [true, "percent", "percent"],
    ]);
  });
});

describe("a chart spec that names what is not there gets a clear TemplateError", () => {
  const cases: [string, Record<string, unknown>, RegExp, RegExp][] = [
    ["an unknown row, with a suggestion", { ...byColumns, series: [{ row: "rev_aa" }] }, /\$\.charts\[0\]\.series\[0\]/, /unknown row "rev_aa" of sheet "is" \(did you mean "rev_a"\?\)/],
    ["an unknown sheet", { ...byColumns, series: [{ row: "iss.rev_a" }] }, /series\[0\]/, /unknown sheet "iss" \(did you mean "is"\?\)/],
    ["an unknown column, with a suggestion", { categories: { columns: ["1H17", "1H8"] }, series: [{ row: "rev_a" }] }, /categories\.columns/, /unknown column "1H8" of sheet "is" \(did you mean "1H1[78]"\?\)/],
    ["columns that are not neighbours", { categories: { columns: ["1H17", "yoy_pct"] }, series: [{ row: "rev_a" }] }, /categories\.columns/, /"1H17" and "yoy_pct" are not neighbouring columns/],
    ["rows out of sheet order", { categories: { rows: ["rev_b", "rev_a"] }, series: [{ column: "1H18" }] }, /categories\.rows/, /"rev_b" and "rev_a" are not neighbouring rows/],
    ["a column series where the categories are columns", { ...byColumns, series: [{ column: "1H18" }] }, /series\[0\]/, /categories are columns plots rows/],
    ["a series with fewer rows than categories", { categories: { rows: ["rev_a", "rev_b"] }, series: [{ column: "1H18", rows: ["rev_a"] }] }, /series\[0\]\.rows/, /plots 1 rows for 2 categories/],
    ["a secondary axis on a column chart", { ...byColumns, series: [{ row: "rev_a", axis: "secondary" }] }, /series/, /only combo charts have a secondary axis/],
    ["a combo chart without a line", { ...byColumns, kind: "combo", series: [{ row: "rev_a" }] }, /series/, /combo chart needs columns and a line/],
    ["an anchor on the table", { ...byColumns, anchor: { cell: "C6", columns: 6, rows: 12 }, series: [{ row: "rev_a" }] }, /anchor/, /would cover the table/],
    ["an anchor in the frozen header rows", { ...byColumns, anchor: { cell: "F2", columns: 6, rows: 12 }, series: [{ row: "rev_a" }] }, /anchor/, /frozen/],
  ];
  it.each(cases)("%s", (_, chart, path, says) => {
    const e = error(withChart(chart));
    expect(e.file).toMatch(/sheet\.json$/);
    expect(e.path).toMatch(path);
    expect(e.message).toMatch(says);
    expect(e.hint).toBeTruthy();
  });

  it("two charts on one sheet that overlap", () => {
    const f = withChart({ ...byColumns, series: [{ row: "rev_a" }] });
    f.sheet.charts = [...(f.sheet.charts as object[]), { ...(f.sheet.charts as object[])[0]!, id: "again", anchor: { cell: "H10", columns: 6, rows: 12 } }];
    expect(error(f).message).toMatch(/chart "again" overlaps chart "revenues"/);
  });

  it("a row that leaves a category column blank", () => {
    const f = withChart({ categories: { columns: ["1H18", "yoy_pct"] }, series: [{ row: "rev_a" }] });
    f.sheet.rows[0].skip = ["yoy_pct"];
    expect(error(f).message).toMatch(/row "rev_a" leaves column "yoy_pct" blank/);
  });
});

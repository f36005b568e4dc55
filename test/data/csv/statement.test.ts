import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readCsvData } from "../../../src/data/csv/statement.js";
import { loadReportData } from "../../../src/data/load.js";
import { DataError } from "../../../src/errors.js";
import { tieout } from "../../support/cli.js";
import { ROOT } from "../../support/root.js";

const IIJ = join(ROOT, "data/iij-fy2018-1h");
/** test/fixtures/csv/iij-is-6m.csv: the six-month statement of income of data/iij-fy2018-1h/income-statement.json written as a CSV export would be (separators, parentheses, dashes, a heading line). */
const FIXTURE = join(ROOT, "test/fixtures/csv");
const iijReport = JSON.parse(readFileSync(join(IIJ, "report.json"), "utf8")) as Record<string, unknown>;
const iijIncome = JSON.parse(readFileSync(join(IIJ, "income-statement.json"), "utf8")) as { statements: Record<string, unknown> };

/**
 * A folder with IIJ's report file, the six-month statement as `is-6m.json` or as
 * `is-6m.csv` with its mapping, the three-month one as `is-3m.json`, and a template of
 * the interim pack's income statement sheet alone.
 */
function folder(as: "json" | "csv"): { report: string; template: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `tieout-csv-${as}-`));
  const files = [as === "json" ? "is-6m.json" : "is-6m.csv", "is-3m.json"];
  writeFileSync(join(dir, "report.json"), JSON.stringify({ ...iijReport, $schema: undefined, files }));
  if (as === "json") writeFileSync(join(dir, "is-6m.json"), JSON.stringify({ statements: { is_6m: iijIncome.statements.is_6m } }));
  else {
    copyFileSync(join(FIXTURE, "iij-is-6m.csv"), join(dir, "is-6m.csv"));
    copyFileSync(join(FIXTURE, "iij-is-6m.mapping.json"), join(dir, "is-6m.mapping.json"));
  }
  writeFileSync(join(dir, "is-3m.json"), JSON.stringify({ statements: { is_3m: iijIncome.statements.is_3m } }));
  copyFileSync(join(ROOT, "templates/interim-pack/income-statement.json"), join(dir, "income-statement.json"));
  writeFileSync(join(dir, "template.json"), JSON.stringify({ title: "Income statement", sheets: ["income-statement.json"] }));
  return { report: join(dir, "report.json"), template: join(dir, "template.json"), dir };
}

/** A CSV and its mapping in a fresh folder. */
function csvWith(csv: string, mapping: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "tieout-csv-"));
  writeFileSync(join(dir, "s.csv"), csv);
  writeFileSync(join(dir, "s.mapping.json"), JSON.stringify(mapping));
  return join(dir, "s.csv");
}

const MAPPING = {
  statement: "is",
  title: "Income",
  source: "Statement of income",
  unit: "JPY thousands",
  columns: { id: "Item", label: "Line", periods: { "2017": "1H17", "2018": "1H18" } },
};

function refusal(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error("expected a refusal");
}

describe("CSV statements", () => {
  it("a statement read from the CSV export is the statement read from the equivalent JSON", () => {
    const fromJson = loadReportData(folder("json").report).statements.get("is_6m")!;
    const fromCsv = loadReportData(folder("csv").report).statements.get("is_6m")!;
    const { file: _a, listed: _b, ...json } = fromJson;
    const { file: _c, listed: listed, ...csv } = fromCsv;
    expect(csv).toEqual(json);
    expect(listed).toBe("is-6m.csv");
  });

  it("a workbook built from the CSV has the same bytes as one built from the JSON, but for the data file each figure's note names", async () => {
    const parts = async (as: "json" | "csv"): Promise<Map<string, string>> => {
      const f = folder(as);
      const out = join(f.dir, "out.xlsx");
      const run = tieout(["build", "--template", f.template, "--data", f.report, "--out", out]);
      expect(run.status, run.stderr).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(out));
      const texts = new Map<string, string>();
      for (const name of Object.keys(zip.files).sort()) texts.set(name, await zip.file(name)!.async("string"));
      return texts;
    };
    const json = await parts("json");
    const csv = await parts("csv");
    expect([...csv.keys()]).toEqual([...json.keys()]);
    let named = 0;
    for (const [name, text] of json) {
      const other = csv.get(name)!;
      // The one difference: a note on a six-month row says "(JPY thousands; is-6m.csv)" where the other says "is-6m.json".
      named += text.split("is-6m.json").length - 1;
      expect(other, name).toBe(text.split("is-6m.json").join("is-6m.csv"));
    }
    expect(named).toBeGreaterThan(20);
  });

  it("lines are found by label when the file has no id column", () => {
    const file = csvWith("Line,2017,2018\nRevenue,\"1,000\",\"1,200\"\nCosts,(400),(500)\n,,\nTotal,600,700\n", {
      ...MAPPING,
      columns: { label: "Line", periods: { "2017": "1H17", "2018": "1H18" } },
      items: { Revenue: "rev", Costs: "cost", Total: "total" },
      lines: { total: { total: true } },
    });
    const { data } = readCsvData(file);
    expect(data.statements.is).toEqual({
      title: "Income",
      source: "Statement of income",
      unit: "JPY thousands",
      periods: ["1H17", "1H18"],
      items: {
        rev: { label: "Revenue", values: { "1H17": 1000, "1H18": 1200 } },
        cost: { label: "Costs", values: { "1H17": -400, "1H18": -500 } },
        total: { label: "Total", total: true, values: { "1H17": 600, "1H18": 700 } },
      },
    });
  });

  it("a cell that is not a number is named by line, column and header", () => {
    const file = csvWith("Item,Line,2017,2018\nrev,Revenue,1000,1200\ncost,Costs,(400),4O0\n", MAPPING);
    expect(refusal(() => readCsvData(file)).describe()).toMatch(/s\.csv: line 3, column 4 \(2018\): "4O0" is not a number in this file's format/);
  });

  it.each([
    ["an unclosed quote", 'Item,Line,2017,2018\nrev,Revenue,"1,000,1200\n', /s\.csv: line 2, column 3: malformed CSV: Quote Not Closed/],
    ["a line with a field too many", "Item,Line,2017,2018\nrev,Revenue,1000,1200,9\n", /s\.csv: line 2, column 5: malformed CSV: Invalid Record Length: expect 4, got 5/],
    ["a line with a field too few", "Item,Line,2017,2018\nrev,Revenue,1000\n", /s\.csv: line 2, column 4: malformed CSV: Invalid Record Length: expect 4, got 3/],
    ["a quote inside an unquoted field", 'Item,Line,2017,2018\nrev,Rev"enue,1000,1200\n', /s\.csv: line 2, column 2: malformed CSV: Invalid Opening Quote/],
  ])("%s is malformed CSV, named by line and column", (_what, text, message) => {
    expect(refusal(() => readCsvData(csvWith(text, MAPPING))).describe()).toMatch(message);
  });

  it("a line with figures the mapping gives no id is named", () => {
    const file = csvWith("Line,2017,2018\nRevenue,1000,1200\nOther,5,6\n", { ...MAPPING, columns: { label: "Line", periods: { "2017": "1H17", "2018": "1H18" } }, items: { Revenue: "rev" } });
    expect(refusal(() => readCsvData(file)).describe()).toMatch(/line 3, column 1 \(Line\): the line "Other" has figures but the mapping gives it no item id/);
  });

  it("a header the mapping names but the file lacks is named with the headers it has", () => {
    const file = csvWith("Item,Line,FY2017,2018\nrev,Revenue,1000,1200\n", MAPPING);
    expect(refusal(() => readCsvData(file)).describe()).toMatch(/line 1: no column is headed "2017" \(period 1H17\) — expected: one of the headers "Item", "Line", "FY2017", "2018"/);
  });

  it("an item given twice is named at its second line", () => {
    const file = csvWith("Item,Line,2017,2018\nrev,Revenue,1000,1200\nrev,Revenue again,1,2\n", MAPPING);
    expect(refusal(() => readCsvData(file)).describe()).toMatch(/line 3, column 1 \(Item\): item "rev" is given twice \(first on line 2\)/);
  });

  it("a CSV without its mapping says where the mapping should be", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-csv-"));
    writeFileSync(join(dir, "s.csv"), "Item,Line\n");
    expect(refusal(() => readCsvData(join(dir, "s.csv"))).describe()).toMatch(/s\.csv: no mapping for this CSV file — expected: s\.mapping\.json beside it/);
  });

  it("malformed CSV in a report's data files: the build exits 2 with the file, the line and the column", () => {
    const f = folder("csv");
    writeFileSync(join(f.dir, "is-6m.csv"), readFileSync(join(FIXTURE, "iij-is-6m.csv"), "utf8").replace("rev_ns_wan,WAN services,", 'rev_ns_wan,WAN services,"'));
    const run = tieout(["build", "--template", f.template, "--data", f.report, "--out", join(f.dir, "out.xlsx")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is-6m\.csv: line \d+, column 3: malformed CSV/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a period the mapping names that the report does not define is the mapping's error", () => {
    const f = folder("csv");
    const mapping = JSON.parse(readFileSync(join(f.dir, "is-6m.mapping.json"), "utf8")) as { columns: { periods: Record<string, string> } };
    mapping.columns.periods["Six months ended September 30, 2018"] = "1H19";
    writeFileSync(join(f.dir, "is-6m.mapping.json"), JSON.stringify(mapping));
    expect(refusal(() => loadReportData(f.report)).describe()).toMatch(/is-6m\.mapping\.json: \$\.statements\.is_6m\.periods\[1\]: unknown period "1H19"/);
  });
});

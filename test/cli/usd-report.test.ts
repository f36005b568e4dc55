import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { figureOf, manifestFigures, type Manifest } from "../../src/workbook/manifest.js";
import { readCharts } from "../support/chart.js";
import { tieout } from "../support/cli.js";
import { writeUsdReport } from "../support/usd.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

/** The value axis titles of a chart part (`c:valAx` → `c:title`): what the columns are counted in. */
function axisTitles(xml: string): string[] {
  return [...xml.matchAll(/<c:valAx>([\s\S]*?)<\/c:valAx>/g)].flatMap((m) => [...(/<c:title>([\s\S]*?)<\/c:title>/.exec(m[1]!)?.[1] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]!));
}

describe("a second report, in US dollars (Apple's 10-K for fiscal 2023), made from the README and the schemas alone", () => {
  let files: ReturnType<typeof writeUsdReport>;
  let run: ReturnType<typeof tieout>;
  let book: OpenedWorkbook;
  let manifest: Manifest;
  let zip: JSZip;
  beforeAll(async () => {
    files = writeUsdReport();
    run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    book = await openWorkbook(files.out);
    manifest = JSON.parse(readFileSync(files.out.replace(/\.xlsx$/, ".manifest.json"), "utf8")) as Manifest;
    zip = await JSZip.loadAsync(readFileSync(files.out));
  });

  it("builds and ties out: every printed total and earnings per share reproduced, the balance sheet balances", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ties out/);
    expect(run.stdout).toMatch(/checks 2\/2 passed/);
    // Form 10-K 2023, Consolidated Statements of Operations: total net sales 383,285 and net income 96,995 (USD millions).
    expect(book.cached(figureOf(manifest, "is", "rev_total", "FY2023")!.cell)).toBe(383285);
    expect(book.cached(figureOf(manifest, "is", "net_income", "FY2023")!.cell)).toBe(96995);
    expect(book.cached("Checks!B2")).toBe("OK");
  });

  it("every sheet's unit cell says USD millions, and rows in another unit say theirs", () => {
    for (const name of ["Summary", "Income Statement", "Balance Sheet"]) expect(book.cached(`'${name}'!A4`), name).toBe("USD millions");
    const labels = book.read.sheets.find((s) => s.name === "Income Statement")!.cells.filter((c) => c.col === 1).map((c) => String(c.value));
    expect(labels).toContain("Basic (USD per share)");
    expect(labels).toContain("Shares used in computing earnings per share: basic (shares thousands)");
  });

  it("the chart's value axis is titled in USD millions", async () => {
    const charts = await readCharts(zip);
    expect(charts).toHaveLength(1);
    expect(axisTitles(await zip.file(charts[0]!.part)!.async("string"))).toEqual(["USD millions"]);
  });

  it("the manifest gives each figure's unit: USD millions, USD per share, thousands of shares, percent; and its period's role", () => {
    const is = (row: string, column: string) => figureOf(manifest, "is", row, column);
    expect(is("rev_total", "FY2023")).toMatchObject({ unit: "USD millions", role: "current" });
    expect(is("rev_total", "FY2021")).toMatchObject({ unit: "USD millions", role: "prior2" });
    expect(is("rev_total", "yoy_pct")).toMatchObject({ unit: "percent" });
    expect(is("eps_basic", "FY2023")).toMatchObject({ unit: "USD per share" });
    expect(is("shares_basic", "FY2023")).toMatchObject({ unit: "shares thousands" });
    expect(figureOf(manifest, "bs", "total_assets", "2023-09-30")).toMatchObject({ unit: "USD millions", role: "closing" });
    const units = new Set([...manifestFigures(manifest)].map((f) => f.figure.unit));
    expect([...units].filter((u) => u?.includes("JPY"))).toEqual([]);
  });

  it("no unit anywhere in the file is a yen unit: the workbook's own text never says JPY", async () => {
    const parts = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith(".xml")).map((f) => f.async("string")));
    expect(parts.filter((xml) => xml.includes("JPY"))).toEqual([]);
  });

  it("EPS is shown with the dollar sign, negatives in parentheses", async () => {
    const styles = await zip.file("xl/styles.xml")!.async("string");
    expect(styles).toContain('formatCode="&quot;$&quot;#,##0.00;(&quot;$&quot;#,##0.00);&quot;-&quot;"');
  });

  it("YoY % of net sales is computed from the statement: 383,285 / 394,328 − 1 = −2.8 % (Form 10-K 2023, Item 7: net sales decreased 3 %)", () => {
    const yoy = book.cached(figureOf(manifest, "summary", "net_sales", "yoy_pct")!.cell) as number;
    expect(Math.round(yoy * 1000) / 10).toBe(-2.8);
  });
});

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/root.js";
import { tieout } from "../../support/cli.js";
import { openWorkbook } from "../../support/xlsx.js";

const filing = (folder: string): string => join(ROOT, "data", "sec", folder);

/** init --from-xbrl into an empty folder, then build there. */
function initAndBuild(filingFolder: string, name: string): { dir: string; build: ReturnType<typeof tieout> } {
  const dir = mkdtempSync(join(tmpdir(), "tieout-init-xbrl-"));
  const init = tieout(["init", "--from-xbrl", filingFolder, "--name", name, "--company", "Apple Inc."], dir);
  expect(init.stderr).toBe("");
  expect(init.status).toBe(0);
  return { dir, build: tieout(["build"], dir) };
}

describe("tieout init --from-xbrl writes a report from a filing that builds and ties out", () => {
  it("the 10-Q: one sheet per primary statement, every calculation total a formula, exit 0", async () => {
    const { dir, build } = initAndBuild(filing("aapl-10q-fy2023q3"), "apple-10q");
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/apple-10q: ties out/);
    const book = await openWorkbook(join(dir, "out", "apple-10q.xlsx"));
    expect(book.read.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Summary", "Income Statement", "Comprehensive Income", "Balance Sheet", "Cash Flows"]));
    const template = (sheet: string): { rows: Array<{ id?: string; formula?: string }> } => JSON.parse(readFileSync(join(dir, "templates", "apple-10q", `${sheet}.json`), "utf8"));
    // Totals of the filing's calculation linkbase (aapl-20230701_cal.xml) are formulas of their parts.
    expect(template("is").rows.find((r) => r.id === "gross_profit")?.formula).toBe("revenue_from_contract_with_customer_excluding_assessed_tax - cost_of_goods_and_services_sold");
    expect(template("bs").rows.find((r) => r.id === "assets")?.formula).toBe("assets_current + assets_noncurrent");
    expect(template("cf").rows.find((r) => r.id === "net_cash_provided_by_used_in_operating_activities")?.formula).toBeDefined();
    const formulas = book.formulaAddresses().filter((a) => a.startsWith("'Income Statement'!"));
    expect(formulas.length).toBeGreaterThan(10);
    // The template names no period of the filing: it rolls forward.
    for (const sheet of ["is", "bs", "cf", "ci", "summary"]) expect(JSON.stringify(template(sheet))).not.toMatch(/20\d\d-\d\d-\d\d|FY20\d\d|\dM20/);
  });

  it("the FY2023 10-K: net sales 383,285 and net income 96,995 (USD millions, the filing's facts) come out of formula cells", async () => {
    const { dir, build } = initAndBuild(filing("aapl-10k-fy2023"), "apple-10k");
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/checks (\d+)\/\1 passed, published figures (\d+)\/\2 reproduced/);
    const book = await openWorkbook(join(dir, "out", "apple-10k.xlsx"));
    const summary = book.read.sheets.find((s) => s.name === "Summary")!;
    const row = (label: string): number => summary.cells.find((c) => c.col === 1 && c.value === label)!.row;
    // Columns: prior2, prior, current, YoY %: the current year is the third (D).
    const at = (label: string): string => `Summary!D${row(label)}`;
    expect(book.formula(at("Net sales"))).toBeDefined();
    expect(book.cached(at("Net sales"))).toBe(383285);
    expect(book.formula(at("Net income"))).toBeDefined();
    expect(book.cached(at("Net income"))).toBe(96995);
  });

  it("a filing whose figures do not add up (gross margin changed by 1 million) fails the build with exit 1, naming the line and the period", () => {
    const copy = mkdtempSync(join(tmpdir(), "tieout-filing-"));
    cpSync(filing("aapl-10k-fy2023"), copy, { recursive: true });
    const instance = join(copy, "aapl-20230930_htm.xml");
    const text = readFileSync(instance, "utf8");
    const planted = text.replace(/(<us-gaap:GrossProfit\b[^>]*contextRef="c-1"[^>]*>)169148000000</, "$1169149000000<");
    expect(planted).not.toBe(text);
    const dir = mkdtempSync(join(tmpdir(), "tieout-init-xbrl-"));
    expect(tieout(["init", "--from-xbrl", join(ROOT, "data", "sec", "aapl-10k-fy2023"), "--name", "apple-10k", "--company", "Apple Inc."], dir).status).toBe(0);
    // The same report, reading the planted copy.
    const source = join(dir, "data", "apple-10k", "apple-10k.xbrl.json");
    const json = JSON.parse(readFileSync(source, "utf8"));
    writeFileSync(source, JSON.stringify({ ...json, filing: copy }));
    writeFileSync(instance, planted);
    const build = tieout(["build"], dir);
    expect(build.status).toBe(1);
    expect(build.stdout + build.stderr).toMatch(/gross_profit/);
    expect(build.stdout + build.stderr).toMatch(/FY2023/);
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { itemIdOf } from "../../src/data/xbrl/source.js";
import { figureOf, type Manifest } from "../../src/workbook/manifest.js";
import { ROOT } from "../support/root.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

const config = JSON.parse(readFileSync(join(ROOT, "tieout.config.json"), "utf8")) as { reports: Array<{ name: string; template: string; data: string; output: string }> };

/** The filings, read here with regular expressions rather than tieout's reader: the expected figures are the filing's own facts. */
const FILINGS = {
  "apple-fy2023-10k": { folder: "aapl-10k-fy2023", stem: "aapl-20230930", year: "FY2023", start: "2022-09-25", end: "2023-09-30" },
  "apple-fy2022-10k": { folder: "aapl-10k-fy2022", stem: "aapl-20220924", year: "FY2022", start: "2021-09-26", end: "2022-09-24" },
} as const;
type PackName = keyof typeof FILINGS;

const STATEMENTS = [
  { sheet: "is", role: "CONSOLIDATEDSTATEMENTSOFOPERATIONS", kind: "duration" },
  { sheet: "bs", role: "CONSOLIDATEDBALANCESHEETS", kind: "instant" },
  { sheet: "cf", role: "CONSOLIDATEDSTATEMENTSOFCASHFLOWS", kind: "duration" },
] as const;

interface Filing {
  /** Non-dimensional facts by concept (`us-gaap:GrossProfit`) and period (`2022-09-25--2023-09-30`, `2023-09-30`), in USD. */
  fact(concept: string, period: string): number | undefined;
  /** The totals of a role's calculation network (the `from` side of its summation-item arcs). */
  totals(role: string): string[];
}

function readFiling(name: PackName): Filing {
  const f = FILINGS[name];
  const dir = join(ROOT, "data", "sec", f.folder);
  const instance = readFileSync(join(dir, `${f.stem}_htm.xml`), "utf8");
  const periods = new Map<string, string>();
  for (const m of instance.matchAll(/<(?:xbrli:)?context id="([^"]+)">([\s\S]*?)<\/(?:xbrli:)?context>/g)) {
    const body = m[2]!;
    if (/segment>|scenario>/.test(body)) continue;
    const instant = /<(?:xbrli:)?instant>([^<]+)</.exec(body)?.[1];
    const start = /<(?:xbrli:)?startDate>([^<]+)</.exec(body)?.[1];
    const end = /<(?:xbrli:)?endDate>([^<]+)</.exec(body)?.[1];
    periods.set(m[1]!, instant ?? `${start}--${end}`);
  }
  const facts = new Map<string, number>();
  for (const m of instance.matchAll(/<((?:us-gaap|aapl):[A-Za-z]+)\b[^>]*contextRef="([^"]+)"[^>]*>(-?[0-9.]+)</g)) {
    const period = periods.get(m[2]!);
    if (period) facts.set(`${m[1]}|${period}`, Number(m[3]));
  }
  const cal = readFileSync(join(dir, `${f.stem}_cal.xml`), "utf8");
  const networks = new Map<string, string[]>();
  for (const m of cal.matchAll(/<link:calculationLink[^>]*xlink:role="[^"]*\/([A-Z]+)"[^>]*>([\s\S]*?)<\/link:calculationLink>/g)) {
    const concepts = new Map<string, string>();
    for (const l of m[2]!.matchAll(/<link:loc[^>]*xlink:label="([^"]+)"[^>]*xlink:href="[^"#]*#([a-z-]+)_([A-Za-z]+)"/g)) concepts.set(l[1]!, `${l[2]}:${l[3]}`);
    const totals = new Set<string>();
    for (const a of m[2]!.matchAll(/<link:calculationArc[^>]*xlink:from="([^"]+)"/g)) totals.add(concepts.get(a[1]!)!);
    networks.set(m[1]!, [...totals]);
  }
  return { fact: (concept, period) => facts.get(`${concept}|${period}`), totals: (role) => networks.get(role) ?? [] };
}

const built = new Map<PackName, { book: OpenedWorkbook; manifest: Manifest; status: string }>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tieout-apple-"));
  for (const name of Object.keys(FILINGS) as PackName[]) {
    const entry = config.reports.find((r) => r.name === name)!;
    const result = await buildReport({ name, template: join(ROOT, entry.template), data: join(ROOT, entry.data), output: join(dir, `${name}.xlsx`) });
    built.set(name, { book: await openWorkbook(result.workbook), manifest: JSON.parse(readFileSync(result.manifest, "utf8")) as Manifest, status: result.status });
  }
}, 120_000);

describe("Apple's 10-K packs, built from the filings as the default config names them", () => {
  it("the default set builds the IIJ pack and both 10-Ks, and both 10-Ks come from the same template files", () => {
    const names = config.reports.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["iij-fy2018-1h", "apple-fy2023-10k", "apple-fy2022-10k"]));
    const template = (n: string): string => config.reports.find((r) => r.name === n)!.template;
    expect(template("apple-fy2023-10k")).toBe(template("apple-fy2022-10k"));
    for (const name of Object.keys(FILINGS) as PackName[]) expect(built.get(name)!.status).toBe("built");
  });

  it("FY2023: net sales 383,285 and net income 96,995 (USD millions, the FY2023 10-K's facts) come out of formula cells", () => {
    const { book, manifest } = built.get("apple-fy2023-10k")!;
    for (const [row, expected] of [["net_sales", 383285], ["net_income", 96995]] as const) {
      const cell = figureOf(manifest, "summary", row, "FY2023")!.cell;
      expect(book.formula(cell)).toBeDefined();
      expect(book.cached(cell)).toBe(expected);
    }
  });

  it("FY2022: net sales 394,328 and net income 99,803 (the FY2022 10-K's facts) come out of formula cells", () => {
    const { book, manifest } = built.get("apple-fy2022-10k")!;
    for (const [row, expected] of [["net_sales", 394328], ["net_income", 99803]] as const) {
      const cell = figureOf(manifest, "summary", row, "FY2022")!.cell;
      expect(book.formula(cell)).toBeDefined();
      expect(book.cached(cell)).toBe(expected);
    }
  });

  for (const name of Object.keys(FILINGS) as PackName[]) {
    it(`${name}: every calculation-linkbase total of the income statement, balance sheet and cash-flow statement is a formula cell holding the filing's figure`, () => {
      const f = FILINGS[name];
      const filing = readFiling(name);
      const { book, manifest } = built.get(name)!;
      let checked = 0;
      for (const s of STATEMENTS) {
        const period = s.kind === "instant" ? f.end : `${f.start}--${f.end}`;
        const column = s.kind === "instant" ? f.end : f.year;
        const totals = filing.totals(s.role);
        expect(totals.length).toBeGreaterThan(2);
        for (const concept of totals) {
          const reported = filing.fact(concept, period);
          if (reported === undefined) continue;
          const figure = figureOf(manifest, s.sheet, itemIdOf(concept), column);
          expect(figure, `${concept} on sheet ${s.sheet}`).toBeDefined();
          expect(book.formula(figure!.cell), `${concept} at ${figure!.cell}`).toBeDefined();
          // A line with a negated label shows the fact with its sign changed.
          expect(Math.abs(book.cached(figure!.cell) as number)).toBe(Math.abs(reported) / 1e6);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(12);
    });
  }

  it("the 10-Q (quarter ended 2023-07-01) from its own template: the quarter's net sales 81,797 and net income 19,881 (facts f-65 and f-113 of aapl-20230701_htm.xml) out of formula cells; it ties out", async () => {
    const entry = config.reports.find((r) => r.name === "apple-fy2023-q3-10q")!;
    const dir = mkdtempSync(join(tmpdir(), "tieout-apple-10q-"));
    const result = await buildReport({ name: entry.name, template: join(ROOT, entry.template), data: join(ROOT, entry.data), output: join(dir, "q.xlsx") });
    expect(result.status).toBe("built");
    const book = await openWorkbook(result.workbook);
    const manifest = JSON.parse(readFileSync(result.manifest, "utf8")) as Manifest;
    for (const [row, expected] of [["net_sales", 81797], ["net_income", 19881]] as const) {
      const cell = figureOf(manifest, "summary", row, "3M2023-07-01")!.cell;
      expect(book.formula(cell)).toBeDefined();
      expect(book.cached(cell)).toBe(expected);
    }
  });

  it("segment and category net sales are the filing's dimensional facts and add up to net sales in formula cells", () => {
    const { book, manifest } = built.get("apple-fy2023-10k")!;
    // FY2023 10-K, Note 13 (segment information): Americas 162,560; Greater China 72,559. Note 2 (revenue): iPhone 200,583; Services 85,200.
    for (const [row, expected] of [["americas_segment", 162560], ["greater_china_segment", 72559], ["i_phone", 200583], ["service", 85200]] as const) {
      expect(book.cached(figureOf(manifest, "segments", row, "FY2023")!.cell)).toBe(expected);
    }
    for (const row of ["segments_total", "categories_total"]) {
      const cell = figureOf(manifest, "segments", row, "FY2023")!.cell;
      expect(book.formula(cell)).toBeDefined();
      expect(book.cached(cell)).toBe(383285);
    }
  });

  it("the two years' workbooks differ where the filings do: the FY2022 10-K presents deferred income tax on the cash-flow statement, the FY2023 10-K does not", () => {
    expect(figureOf(built.get("apple-fy2022-10k")!.manifest, "cf", "deferred_income_tax_expense_benefit", "FY2022")).toBeDefined();
    expect(figureOf(built.get("apple-fy2023-10k")!.manifest, "cf", "deferred_income_tax_expense_benefit", "FY2023")).toBeUndefined();
  });
});

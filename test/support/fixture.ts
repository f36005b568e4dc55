import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A small report: one statement of three lines and a total, one sheet showing it. Made fresh per test. */
export interface Fixture {
  report: Record<string, unknown>;
  data: { statements: Record<string, any>; published?: unknown[] };
  template: Record<string, unknown>;
  sheet: { rows: any[]; columns: any[]; checks?: any[]; [key: string]: unknown };
}

export function smallReport(): Fixture {
  return {
    report: {
      company: "Example Co.",
      title: "Example interim report",
      released: "2018-11-06",
      source: "Example earnings release",
      periods: {
        "1H17": { label: "Six months ended September 30, 2017", kind: "duration", start: "2017-04-01", end: "2017-09-30" },
        "1H18": { label: "Six months ended September 30, 2018", kind: "duration", start: "2018-04-01", end: "2018-09-30" },
      },
      files: ["data.json"],
    },
    data: {
      statements: {
        is: {
          title: "Statement of income",
          source: "Statement of income (page 9)",
          unit: "JPY thousands",
          periods: ["1H17", "1H18"],
          items: {
            rev_a: { label: "Services", values: { "1H17": 1000, "1H18": 1200 } },
            rev_b: { label: "Equipment", values: { "1H17": 250, "1H18": 300 } },
            rev_total: { label: "Total revenues", total: true, values: { "1H17": 1250, "1H18": 1500 } },
          },
        },
      },
    },
    template: { title: "Example pack", sheets: ["sheet.json"] },
    sheet: {
      id: "is",
      name: "Income",
      title: "Statement of income",
      unit: "JPY thousands",
      statements: ["is"],
      columns: [{ period: "1H17" }, { period: "1H18" }, { id: "yoy_pct", header: "YoY %", formula: "@1H18/@1H17-1", format: "percent" }],
      rows: [
        { id: "rev_a", label: "Services" },
        { id: "rev_b", label: "Equipment" },
        { id: "rev_total", label: "Total revenues", formula: "SUM(rev_a:rev_b)", style: "total" },
      ],
      checks: [],
    },
  };
}

export interface WrittenFixture {
  dir: string;
  report: string;
  data: string;
  template: string;
  sheet: string;
  out: string;
}

/** Writes the fixture's files; `raw` replaces a file's text (for malformed JSON). */
export function writeFixture(f: Fixture, raw: Partial<Record<"report" | "data" | "template" | "sheet", string>> = {}, dir = mkdtempSync(join(tmpdir(), "tieout-fixture-"))): WrittenFixture {
  const files = { report: "report.json", data: "data.json", template: "template.json", sheet: "sheet.json" } as const;
  const written = { dir, out: join(dir, "out", "report.xlsx") } as WrittenFixture;
  for (const [key, name] of Object.entries(files) as [keyof typeof files, string][]) {
    const path = join(dir, name);
    writeFileSync(path, raw[key] ?? JSON.stringify(f[key], null, 2));
    written[key] = path;
  }
  return written;
}

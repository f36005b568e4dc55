import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture, type Fixture } from "../support/fixture.js";

/**
 * The unit guards of the build, each on a template broken on purpose: the build stops
 * with exit 2 and one line naming the template file, the row and both units, and
 * leaves the previous workbook as it was. The fixture: a statement of income in JPY
 * thousands (services, equipment, their total), one sheet showing it.
 */
const row = (f: Fixture, id: string): any => f.sheet.rows.find((r: any) => r.id === id);
const items = (f: Fixture): Record<string, any> => f.data.statements.is.items;

/** A second statement in JPY millions, and a row on the sheet showing its line. */
function withMillions(f: Fixture): void {
  f.data.statements.is_m = { title: "Narrative", source: "p. 3", unit: "JPY millions", periods: ["1H17", "1H18"], items: { other_m: { label: "Other", values: { "1H17": 1, "1H18": 2 } } } };
  (f.sheet.statements as string[]).push("is_m");
  f.sheet.rows.push({ id: "other_m", label: "Other (millions)", unit: "JPY millions" });
}

interface Guard {
  name: string;
  mutate: (f: Fixture) => void;
  /** The row the message names, and what it must say (both units). */
  row: RegExp;
  says: RegExp[];
}

const guards: Guard[] = [
  {
    name: "adding figures of different scales (thousands + millions)",
    mutate: (f) => {
      withMillions(f);
      f.sheet.rows.push({ id: "bad", label: "Bad", formula: "rev_total + other_m" });
    },
    row: /row "bad"/,
    says: [/adding figures of different units/, /JPY thousands \(rev_total\)/, /JPY millions \(other_m\)/],
  },
  {
    name: "comparing figures of different units in a check (yen against shares)",
    mutate: (f) => {
      f.data.statements.sh = { title: "Shares", source: "p. 9", unit: "shares", periods: ["1H17", "1H18"], items: { shares: { label: "Shares", values: { "1H17": 10, "1H18": 12 } } } };
      (f.sheet.statements as string[]).push("sh");
      f.sheet.rows.push({ id: "shares", label: "Shares", unit: "shares" });
      f.sheet.checks = [{ id: "nonsense", label: "Revenue = shares", lhs: "rev_total", rhs: "shares", periods: ["1H18"] }];
    },
    row: /check "nonsense"/,
    says: [/comparing figures of different units/, /JPY thousands/, /shares/],
  },
  {
    name: "a SUM range that crosses a percent row",
    mutate: (f) => {
      f.sheet.rows.splice(1, 0, { id: "share_a", label: "Services, % of total", formula: "rev_a / rev_total", format: "percent" });
    },
    row: /row "rev_total"/,
    says: [/the range rev_a:rev_b .* mixes units/, /"share_a" is in percent/, /JPY thousands/],
  },
  {
    name: "a ratio row inside a SUM range",
    mutate: (f) => {
      f.sheet.rows.splice(1, 0, { id: "cover", label: "Cover (×)", formula: "rev_a / rev_b", unit: "ratio" });
    },
    row: /row "rev_total"/,
    says: [/mixes units/, /"cover" is in ratio/, /JPY thousands/],
  },
  {
    name: "a SUM range that crosses a memo row",
    mutate: (f) => {
      f.sheet.rows.splice(1, 0, { id: "memo_a", label: "Memo: services, first quarter", formula: "rev_a / 2", style: "memo" });
    },
    row: /row "rev_total"/,
    says: [/crosses memo row "memo_a"/],
  },
  {
    name: "a formula whose result is not in its row's unit (thousands shown as millions without /1000)",
    mutate: (f) => {
      withMillions(f);
      f.sheet.rows.push({ id: "total_m", label: "Total (millions)", formula: "ROUND(rev_total, 0)", unit: "JPY millions" });
    },
    row: /row "total_m"/,
    says: [/is in JPY millions, but its formula "ROUND\(rev_total, 0\)" gives JPY thousands/],
  },
];

describe("unit algebra at build time: each guard stops a broken template with exit 2, naming the row and both units", () => {
  it.each(guards)("$name", (g) => {
    const good = writeFixture(smallReport());
    mkdirSync(dirname(good.out), { recursive: true });
    const previous = Buffer.from("the previous workbook");
    writeFileSync(good.out, previous);
    const f = smallReport();
    g.mutate(f);
    const files = writeFixture(f, {}, good.dir);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr + run.stdout).toBe(2);
    expect(run.stderr).toContain(basename(files.sheet));
    expect(run.stderr).toMatch(g.row);
    for (const s of g.says) expect(run.stderr).toMatch(s);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(files.out)).toEqual(previous);
  });

  it("conversions that make the units agree pass: millions × 1000 against thousands, per share from thousands × 1000 / shares, ADSs of half a share", () => {
    const f = smallReport();
    withMillions(f);
    f.data.statements.sh = { title: "Shares", source: "p. 9", unit: "shares", periods: ["1H17", "1H18"], items: { shares: { label: "Shares", values: { "1H17": 10, "1H18": 12 } }, ads: { label: "ADSs", unit: "ADSs", values: { "1H17": 20, "1H18": 24 } } } };
    (f.sheet.statements as string[]).push("sh");
    f.template.units = { ADSs: { of: "shares", factor: 0.5, singular: "ADS" } };
    f.sheet.rows.push(
      { id: "shares", label: "Shares", unit: "shares" },
      { id: "ads", label: "ADSs", unit: "ADSs" },
      { id: "per_share", label: "Revenue per share", formula: "rev_total * 1000 / shares", unit: "JPY per share" },
      { id: "per_ads", label: "Revenue per ADS", formula: "rev_total * 1000 / ads", unit: "JPY per ADS" },
      { id: "both_k", label: "Revenue and other, thousands", formula: "rev_total + other_m * 1000" },
    );
    f.sheet.checks = [
      { id: "ads_twice_shares", label: "ADSs = 2 × shares", lhs: "ads", rhs: "2 * shares", periods: ["1H17", "1H18"] },
      { id: "per_ads_half", label: "Per ADS = half per share", lhs: "per_ads", rhs: "per_share / 2", periods: ["1H18"] },
    ];
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/checks 3\/3 passed/);
  });
});

describe("an input row nothing uses: a warning naming the row, an error with --strict", () => {
  /** A line added just after the last row of the total's range: SUM(rev_a:rev_b) silently leaves it out. */
  function leftOut(): ReturnType<typeof writeFixture> {
    const f = smallReport();
    items(f).rev_c = { label: "Other", values: { "1H17": 5, "1H18": 6 } };
    f.sheet.rows.splice(2, 0, { id: "rev_c", label: "Other" });
    return writeFixture(f);
  }

  it("the build ties out and says which row no formula, check, chart or published figure uses", () => {
    const files = leftOut();
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/warning: .*sheet\.json: \$\.rows\[2\]: input row "rev_c" is used by no formula, check, chart or published figure/);
    const json = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out, "--json", "--force"]);
    expect(JSON.parse(json.stdout.trim()).warnings).toEqual([expect.stringMatching(/input row "rev_c"/)]);
  });

  it("with --strict it is an error (exit 2) naming the row, also when the last build is up to date", () => {
    const files = leftOut();
    expect(tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]).status).toBe(0);
    const strict = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out, "--strict"]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/sheet\.json: \$\.rows\[2\]: input row "rev_c" is used by no formula/);
  });

  it("a row the total covers and a memo line are not reported", () => {
    const f = smallReport();
    items(f).rev_c = { label: "Other", values: { "1H17": 5, "1H18": 6 } };
    items(f).rev_memo = { label: "Memo", values: { "1H17": 1, "1H18": 1 } };
    f.sheet.rows.splice(2, 0, { id: "rev_c", label: "Other" });
    f.sheet.rows.push({ id: "rev_memo", label: "Memo", style: "memo" });
    row(f, "rev_total").formula = "SUM(rev_a:rev_c)";
    items(f).rev_total.values = { "1H17": 1255, "1H18": 1506 };
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out, "--strict"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/warning/);
  });
});

import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findSsconvert, recalculateWithGnumeric } from "../../src/verify/gnumeric.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture, type Fixture } from "../support/fixture.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

const referees = Boolean(findSoffice() && findSsconvert());
const required = process.env.CI === "true";
if (!referees && !required) process.stderr.write("LibreOffice or gnumeric not found: skipping the check relations' referee tests (CI=true makes this a failure)\n");

/**
 * The small report's statement (Services 1,000 / 1,200, Equipment 250 / 300, total
 * 1,250 / 1,500, thousands of JPY) with a line that is new in 1H18 (0 / 50), so its
 * YoY % is not meaningful: the YoY column prints "n/m" there, as a release would.
 */
function report(): Fixture {
  const f = smallReport();
  f.data.statements.is.items.rev_new = { label: "New services", values: { "1H17": 0, "1H18": 50 } };
  f.sheet.rows.push({ id: "rev_new", label: "New services (not in revenues)", style: "memo" });
  f.sheet.columns[2] = { id: "yoy_pct", header: "YoY %", formula: 'IF(@1H17=0,"n/m",(@1H18-@1H17)/@1H17)', format: "percent" };
  return f;
}

const mark = (id: string, printed: string, measures: string): unknown => ({ id, label: `Mark ${id}`, source: "p. 2", period: "1H18", printed, unit: "percent", measures, tolerance: { kind: "exact" } });

/** Each relation, an absolute and a relative tolerance, a check over every line of the statement and a printed mark, all holding. */
function passing(): Fixture {
  const f = report();
  f.sheet.checks = [
    { id: "eq_abs", label: "Total = services + equipment", lhs: "rev_total", rhs: "rev_a + rev_b", periods: ["1H17", "1H18"] },
    { id: "le_abs", label: "Equipment ≤ services", lhs: "rev_b", relation: "<=", rhs: "rev_a", periods: ["1H18"] },
    // 300 ≥ 1,200 / 4 − 0: exactly at the boundary, which must hold in every engine.
    { id: "ge_abs", label: "Equipment ≥ a quarter of services", lhs: "rev_b", relation: ">=", rhs: "rev_a / 4", periods: ["1H18"] },
    // 300 against 1,250 / 4 = 312.5: a difference of 12.5, exactly 4 % of it.
    { id: "eq_rel", label: "Equipment ≈ a quarter of the prior year's total", lhs: "rev_b", rhs: "rev_total@1H17 / 4", periods: ["1H18"], relative_tolerance: 0.04, reason: "a test of a relative tolerance at its boundary" },
    { id: "grows", label: "Every line grows", rows: "rev_a:rev_total", lhs: "@1H18", relation: ">=", rhs: "@1H17", periods: ["1H18"] },
  ];
  f.data.published = [mark("new_yoy", "n/m", "is.rev_new@yoy_pct")];
  return f;
}

/** The same report with each kind of check failing: one row per relation, per tolerance, every line of the range, each mark. */
function failing(): Fixture {
  const f = report();
  f.sheet.checks = [
    { id: "eq_abs", label: "Services = equipment", lhs: "rev_a", rhs: "rev_b", periods: ["1H18"], tolerance: 10, reason: "a test" },
    { id: "le_abs", label: "Services ≤ equipment", lhs: "rev_a", relation: "<=", rhs: "rev_b", periods: ["1H18"], tolerance: 10, reason: "a test" },
    { id: "ge_abs", label: "Equipment ≥ services", lhs: "rev_b", relation: ">=", rhs: "rev_a", periods: ["1H18"] },
    { id: "eq_rel", label: "Equipment ≈ a quarter of services, within 1 %", lhs: "rev_b@1H17", rhs: "rev_a / 4", periods: ["1H18"], relative_tolerance: 0.01, reason: "a test" },
    { id: "shrinks", label: "Every line shrinks", rows: "rev_a:rev_total", lhs: "@1H18", relation: "<=", rhs: "@1H17", periods: ["1H18"] },
  ];
  f.data.published = [mark("total_yoy", "n/m", "is.rev_total@yoy_pct"), mark("new_yoy", "—", "is.rev_new@yoy_pct")];
  return f;
}

function build(f: Fixture): { status: number | null; stdout: string; out: string } {
  const files = writeFixture(f);
  const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
  // A report that does not tie out is written beside the good one (which it leaves alone); the build names it.
  const out = /→ (\S+\.xlsx)/.exec(run.stdout)?.[1] ?? files.out;
  return { status: run.status, stdout: run.stdout + run.stderr, out };
}

/** Each Checks row of a workbook by its label and period, as the file holds it: the OK cell, the rule, the tolerance and the relative tolerance. */
function checkRows(book: OpenedWorkbook): Map<string, { ok: unknown; rule: unknown; tolerance: unknown; relative: unknown; toleranceFormula: string | undefined }> {
  const out = new Map<string, { ok: unknown; rule: unknown; tolerance: unknown; relative: unknown; toleranceFormula: string | undefined }>();
  for (let r = 5; typeof book.cached(`Checks!A${r}`) === "string"; r++) {
    out.set(`${book.cached(`Checks!A${r}`)} ${book.cached(`Checks!B${r}`)}`, { ok: book.cached(`Checks!G${r}`), rule: book.cached(`Checks!J${r}`), tolerance: book.cached(`Checks!F${r}`), relative: book.cached(`Checks!K${r}`), toleranceFormula: book.formula(`Checks!F${r}`) });
  }
  return out;
}

/** Each Published row by its label and period: the OK cell, the printed figure and ours. */
function publishedRows(book: OpenedWorkbook): Map<string, { ok: unknown; printed: unknown; ours: unknown }> {
  const out = new Map<string, { ok: unknown; printed: unknown; ours: unknown }>();
  for (let r = 5; typeof book.cached(`Published!A${r}`) === "string"; r++) {
    out.set(`${book.cached(`Published!A${r}`)} ${book.cached(`Published!C${r}`)}`, { ok: book.cached(`Published!L${r}`), printed: book.cached(`Published!E${r}`), ours: book.cached(`Published!F${r}`) });
  }
  return out;
}

/** Every verdict of a workbook, Checks then Published, by label and period. */
const verdicts = (book: OpenedWorkbook): Record<string, unknown> => Object.fromEntries([...checkRows(book), ...publishedRows(book)].map(([k, v]) => [k, v.ok]));

describe("checks with relations, tolerances, ranges of rows and printed marks", () => {
  it("a template using each of them builds and ties out, and the file holds each rule, tolerance and verdict", async () => {
    const run = build(passing());
    expect(run.status, run.stdout).toBe(0);
    const book = await openWorkbook(run.out);
    expect(verdicts(book)).toEqual({
      "Total = services + equipment 1H17": "OK",
      "Total = services + equipment 1H18": "OK",
      "Equipment ≤ services 1H18": "OK",
      "Equipment ≥ a quarter of services 1H18": "OK",
      "Equipment ≈ a quarter of the prior year's total 1H18": "OK",
      "Every line grows: Services 1H18": "OK",
      "Every line grows: Equipment 1H18": "OK",
      "Every line grows: Total revenues 1H18": "OK",
      "Total revenues (printed total) 1H17": "OK",
      "Total revenues (printed total) 1H18": "OK",
      "Mark new_yoy 1H18": "OK",
    });
    expect(book.cached("Checks!B2")).toBe("OK");
    const checks = checkRows(book);
    expect(checks.get("Total = services + equipment 1H18")!.rule).toBe("Left = Right ± Tolerance");
    expect(checks.get("Equipment ≤ services 1H18")!.rule).toBe("Left ≤ Right + Tolerance");
    expect(checks.get("Equipment ≥ a quarter of services 1H18")!.rule).toBe("Left ≥ Right − Tolerance");
    // 4 % of the right side, 1,250 / 4 = 312.5: 12.5 thousands, a formula of the relative tolerance's cell and the right side.
    const rel = checks.get("Equipment ≈ a quarter of the prior year's total 1H18")!;
    expect([rel.relative, rel.tolerance]).toEqual([0.04, 12.5]);
    expect(rel.toleranceFormula).toMatch(/^ROUND\(K\d+\*ABS\(D\d+\),6\)$/);
    // The mark is text on both sides: printed "n/m", ours "n/m" from the YoY column's IF.
    const m = publishedRows(book).get("Mark new_yoy 1H18")!;
    expect([m.printed, m.ours]).toEqual(["n/m", "n/m"]);
  });

  it("each relation, tolerance, range row and mark fails when it does not hold, with ours, theirs, the difference and the tolerance in the unit", async () => {
    const run = build(failing());
    expect(run.status, run.stdout).toBe(1);
    const lines = run.stdout.split("\n").filter((l) => l.includes("FAIL "));
    // Figures from the fixture: services 1,200, equipment 300 (1H18), 250 (1H17); total 1,500 / 1,250.
    expect(lines).toEqual([
      "  FAIL check eq_abs (1H18) at Checks!G5: left 1,200 JPY thousands, right 300 JPY thousands, difference 900 JPY thousands, tolerance ±10 JPY thousands — Services = equipment",
      "  FAIL check le_abs (1H18) at Checks!G6: left 1,200 JPY thousands, right 300 JPY thousands, difference 900 JPY thousands, left must be ≤ right + tolerance 10 JPY thousands — Services ≤ equipment",
      "  FAIL check ge_abs (1H18) at Checks!G7: left 300 JPY thousands, right 1,200 JPY thousands, difference -900 JPY thousands, left must be ≥ right − tolerance 0 JPY thousands — Equipment ≥ services",
      "  FAIL check eq_rel (1H18) at Checks!G8: left 250 JPY thousands, right 300 JPY thousands, difference -50 JPY thousands, tolerance ±3 JPY thousands — Equipment ≈ a quarter of services, within 1 %",
      "  FAIL check shrinks:rev_a (1H18) at Checks!G9: left 1,200 JPY thousands, right 1,000 JPY thousands, difference 200 JPY thousands, left must be ≤ right + tolerance 0 JPY thousands — Every line shrinks: Services",
      "  FAIL check shrinks:rev_b (1H18) at Checks!G10: left 300 JPY thousands, right 250 JPY thousands, difference 50 JPY thousands, left must be ≤ right + tolerance 0 JPY thousands — Every line shrinks: Equipment",
      "  FAIL check shrinks:rev_total (1H18) at Checks!G11: left 1,500 JPY thousands, right 1,250 JPY thousands, difference 250 JPY thousands, left must be ≤ right + tolerance 0 JPY thousands — Every line shrinks: Total revenues",
      '  FAIL published total_yoy (1H18) at Published!L7: ours 20 %, printed "n/m", compared as text — Mark total_yoy',
      '  FAIL published new_yoy (1H18) at Published!L8: ours "n/m", printed "—", compared as text — Mark new_yoy',
    ]);
    const book = await openWorkbook(run.out);
    expect(book.cached("Checks!B2")).toBe("FAIL");
  });

  describe.skipIf(!referees && !required)("LibreOffice and gnumeric, recalculating, give every one of those verdicts", () => {
    const books: Record<string, { ours: OpenedWorkbook; calc: OpenedWorkbook; gnumeric: OpenedWorkbook }> = {};
    beforeAll(async () => {
      for (const [name, f] of [["passing", passing()], ["failing", failing()]] as const) {
        const run = build(f);
        const ours = await openWorkbook(run.out);
        const calcFile = await recalculateWithLibreOffice(run.out);
        const gnumericFile = await recalculateWithGnumeric(run.out);
        books[name] = { ours, calc: await openWorkbook(calcFile), gnumeric: await openWorkbook(gnumericFile) };
        for (const file of [calcFile, gnumericFile]) rmSync(dirname(file), { recursive: true, force: true });
      }
    }, 300_000);

    for (const name of ["passing", "failing"]) {
      it(`the ${name} report: each verdict, the master flag and the status line`, () => {
        const { ours, calc, gnumeric } = books[name]!;
        const expected = verdicts(ours);
        expect(Object.values(expected)).toContain(name === "passing" ? "OK" : "FAIL");
        expect(verdicts(calc)).toEqual(expected);
        expect(verdicts(gnumeric)).toEqual(expected);
        for (const referee of [calc, gnumeric]) {
          expect(referee.cached("Checks!B2")).toBe(name === "passing" ? "OK" : "FAIL");
          expect(referee.cached("Income!A2")).toBe(name === "passing" ? "All checks tie out" : "CHECKS FAIL: see the Checks sheet");
        }
      });
    }
  });
});

describe("a check or mark that cannot be what it says exits 2, naming the file and the place", () => {
  const refused = (f: Fixture, expected: RegExp): void => {
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(expected);
  };
  const check = { id: "c", label: "c", lhs: "rev_a", rhs: "rev_b", periods: ["1H18"] };

  it("an absolute and a relative tolerance both", () => {
    const f = report();
    f.sheet.checks = [{ ...check, tolerance: 5, relative_tolerance: 0.01, reason: "r" }];
    refused(f, /sheet\.json.*\$\.checks\[0\]\.relative_tolerance.*either an absolute tolerance or a relative_tolerance/);
  });

  it("a relative tolerance without a reason", () => {
    const f = report();
    f.sheet.checks = [{ ...check, relative_tolerance: 0.01 }];
    refused(f, /sheet\.json.*\$\.checks\[0\].*tolerance of 0\.01 \(relative\) without a reason/);
  });

  it("an unknown relation", () => {
    const f = report();
    f.sheet.checks = [{ ...check, relation: "<" }];
    refused(f, /sheet\.json.*\$\.checks\[0\]\.relation/);
  });

  it("a range of rows that names no row, or runs backwards", () => {
    const f = report();
    f.sheet.checks = [{ ...check, rows: "rev_a:rev_totl", lhs: "@1H18", rhs: "@1H17" }];
    refused(f, /sheet\.json.*\$\.checks\[0\]\.rows.*"rev_totl".*did you mean "rev_total"/);
    f.sheet.checks = [{ ...check, rows: "rev_total:rev_a", lhs: "@1H18", rhs: "@1H17" }];
    refused(f, /sheet\.json.*\$\.checks\[0\]\.rows.*run backwards/);
  });

  it("a printed mark with a rounding tolerance, and a figure with digits and letters", () => {
    const f = report();
    f.data.published = [{ ...(mark("m", "n/m", "is.rev_new@yoy_pct") as object), tolerance: { kind: "rounding", reason: "r" } }];
    refused(f, /data\.json.*\$\.published\[0\]\.tolerance.*compared as text/);
    f.data.published = [mark("m", "12x", "is.rev_new@yoy_pct")];
    refused(f, /data\.json.*\$\.published\[0\]\.printed/);
  });
});

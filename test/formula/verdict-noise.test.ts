import { existsSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { FormulaBook } from "../../src/formula/book.js";
import { noiseDecidedVerdict } from "../../src/formula/verdict-noise.js";
import type { Verdict } from "../../src/model/types.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture, type Fixture } from "../support/fixture.js";

/**
 * 1.0000015 − 1 is 1.5E-6 exactly, which rounds to 0.000002 at the sixth decimal; in
 * doubles it is 1.49999999998762E-6, which rounds to 0.000001. So a check of the two
 * with a tolerance of 0.000001 holds in Excel's arithmetic and fails in exact
 * decimals: the noise of binary floating point decides it.
 */
function noiseDecidedCheck(): Fixture {
  const f = smallReport();
  const items = f.data.statements.is.items;
  items.rev_a.values["1H18"] = 1.0000015;
  items.rev_b.values["1H18"] = 1;
  items.rev_total.values["1H18"] = 2.0000015;
  f.sheet.checks = [{ id: "services_are_equipment", label: "Services = equipment", lhs: "rev_a", rhs: "rev_b", periods: ["1H18"], tolerance: 0.000001, reason: "a millionth, for the test" }];
  return f;
}

describe("a verdict that floating-point noise decides is a template error", () => {
  it("the build refuses it: exit 2, naming the check, its period and its cell, and writes no workbook", () => {
    const files = writeFixture(noiseDecidedCheck());
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/this check is decided by floating-point noise: round it/);
    expect(run.stderr).toMatch(/"services_are_equipment", 1H18/);
    expect(run.stderr).toMatch(/Checks'?!G\d+: "OK" in Excel's arithmetic, "FAIL" in exact decimals/);
    expect(run.stderr).toContain(basename(files.sheet));
    expect(run.stderr.trim().split("\n").length, "one clear message").toBeLessThanOrEqual(2);
    expect(existsSync(files.out)).toBe(false);
  });

  it("the same check with a difference that is not at a rounding boundary builds, and its verdict is in the file", async () => {
    const f = noiseDecidedCheck();
    f.data.statements.is.items.rev_a.values["1H18"] = 1.0000004;
    f.data.statements.is.items.rev_total.values["1H18"] = 2.0000004;
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const book = await readWorkbookCells(files.out);
    const checks = book.sheets.find((s) => s.name === "Checks")!;
    const ok = checks.cells.find((c) => c.formula?.includes("ABS("));
    expect(ok?.formula).toMatch(/^IF\(IFERROR\(ABS\(E\d+\)<=F\d+,FALSE\),"OK","FAIL"\)$/);
    expect(checks.cells.find((c) => c.row === ok!.row && c.col === 5)?.formula).toMatch(/^ROUND\(C\d+-D\d+,6\)$/);
  });

  it("only the cells the verdicts depend on are computed again", () => {
    const book = new FormulaBook();
    book.addSheet("S");
    book.setValue("S", 1, 1, 1);
    book.setValue("S", 2, 1, 2);
    book.setValue("S", 9, 9, 99);
    book.setFormula("S", 1, 2, "A1+A2");
    book.setFormula("S", 2, 2, "I9*2");
    book.setFormula("S", 3, 2, "B1=3");
    book.recalculate();
    const needed = book.precedentCells([{ sheet: "S", row: 3, col: 2 }]);
    expect(needed.formulas.map((f) => f.text).sort()).toEqual(["A1+A2", "B1=3"]);
    expect(needed.values.map((v) => v.value).sort()).toEqual([1, 2]);
    const verdict: Verdict = { kind: "check", id: "x", label: "x", period: "p", sheet: "S", row: 3, okColumn: 2, compared: [1, 1] };
    expect(noiseDecidedVerdict(book, [verdict])).toBeUndefined();
  });
});

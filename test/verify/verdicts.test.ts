import { describe, expect, it } from "vitest";
import { quantityText } from "../../src/verify/verdicts.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture } from "../support/fixture.js";

describe("a failure says ours, printed, their difference and the tolerance, in the figure's unit", () => {
  it("for a printed total, a printed percentage and a check", () => {
    const f = smallReport();
    // The statement prints 1,501 for a total its lines make 1,500; the YoY % is printed 20.1 for 1,500 / 1,250 − 1 = 20 %.
    f.data.statements.is.items.rev_total.values["1H18"] = 1501;
    f.data.published = [
      { id: "rev_yoy", label: "Total revenues: YoY %", source: "p. 2", period: "1H18", printed: "20.1", unit: "percent", measures: "is.rev_total@yoy_pct", tolerance: { kind: "rounding", reason: "printed to one decimal" } },
    ];
    f.sheet.checks = [{ id: "a_is_b", label: "Services = equipment", lhs: "rev_a", rhs: "rev_b", periods: ["1H18"], tolerance: 10, reason: "a test" }];
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.split("\n").filter((l) => l.includes("FAIL"));
    expect(lines).toEqual([
      "  FAIL check a_is_b (1H18) at Checks!G5: left 1,200 JPY thousands, right 300 JPY thousands, difference 900 JPY thousands, tolerance ±10 JPY thousands — Services = equipment",
      "  FAIL published is.rev_total.1H18 (1H18) at Published!L6: ours 1,500 JPY thousands, printed 1,501 JPY thousands, difference -1 JPY thousands, tolerance ±0 JPY thousands — Total revenues (printed total)",
      "  FAIL published rev_yoy (1H18) at Published!L7: ours 20 %, printed 20.1 %, difference -0.1 %, tolerance ±0.05 % — Total revenues: YoY %",
    ]);
  });

  it("figures are grouped by thousands and cut to twelve significant digits, text and errors shown as they are", () => {
    expect(quantityText(0.708274647887324, "percent")).toBe("70.8274647887 %");
    expect(quantityText(-1234567.5, "USD millions")).toBe("-1,234,567.5 USD millions");
    expect(quantityText(6.16, "USD per share")).toBe("6.16 USD per share");
    expect(quantityText("#DIV/0!", "percent")).toBe('"#DIV/0!"');
    expect(quantityText(null, undefined)).toBe("null");
  });
});

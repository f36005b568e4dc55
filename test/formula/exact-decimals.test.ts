import { describe, expect, it } from "vitest";
import { ExactSum } from "../../src/formula/exact-decimals.js";
import { Decimal } from "../../src/formula/values.js";
import { evaluateExact } from "../support/formula.js";

const MAX_SAFE = "9007199254740991";

/**
 * The exact arithmetic the build evaluates each verdict in a second time: what the
 * figures make without floating point. Expected values are arithmetic, worked by hand.
 */
describe("exact decimals: safe integers as JS numbers, everything else as 40-digit decimals", () => {
  it("decimal figures stay exact: 0.1 + 0.2 is 0.3, 3547.4 − 2932.5 is 614.9", () => {
    expect(evaluateExact("A1+A2", { A1: { n: "0.1" }, A2: { n: "0.2" } })).toBe("0.3");
    expect(evaluateExact("A1-A2", { A1: { n: "3547.4" }, A2: { n: "2932.5" } })).toBe("614.9");
    expect(evaluateExact("ABS(A1-A2-614.9)<=0", { A1: { n: "3547.4" }, A2: { n: "2932.5" } })).toBe("true");
  });

  it("integer sums past 2^53 switch to exact decimals", () => {
    expect(evaluateExact("A1+1", { A1: { n: MAX_SAFE } })).toBe("9007199254740992");
    expect(evaluateExact("A1+2", { A1: { n: MAX_SAFE } })).toBe("9007199254740993");
    expect(evaluateExact("SUM(A1:A3)", { A1: { n: MAX_SAFE }, A2: 1, A3: 1 })).toBe("9007199254740993");
    expect(evaluateExact("-A1-3", { A1: { n: MAX_SAFE } })).toBe("-9007199254740994");
    const sum = new ExactSum();
    for (const x of [Number(MAX_SAFE), 2, new Decimal("0.5"), -1]) sum.add(x);
    expect(String(sum.total())).toBe("9007199254740992.5");
  });

  it("a product past 2^53 is exact, not the nearest double", () => {
    // 94,906,267² = 9,007,199,515,875,289; as a double it would end in ...288.
    expect(evaluateExact("A1*A1", { A1: 94906267 })).toBe("9007199515875289");
  });

  it("a quotient is an integer only when it divides exactly, and 1/3 has 40 digits", () => {
    expect(evaluateExact("A1/A2", { A1: 7, A2: 2 })).toBe("3.5");
    expect(evaluateExact("A1/A2", { A1: -6, A2: 3 })).toBe("-2");
    expect(evaluateExact("1/3*3")).toBe("0.9999999999999999999999999999999999999999");
    expect(evaluateExact("A1/0", { A1: 5 })).toBe("#DIV/0!");
  });

  it("no near-zero rule and no 15-digit comparison: exact numbers need neither", () => {
    expect(evaluateExact("0.5-0.4-0.1")).toBe("0");
    expect(evaluateExact("A1-A2", { A1: { n: "1.0000000000000002" }, A2: 1 })).toBe("0.0000000000000002");
    expect(evaluateExact("A1=1", { A1: { n: "1.0000000000000002" } })).toBe("false");
  });

  it("ROUND rounds the exact value half away from zero; MOD and INT are exact", () => {
    expect(evaluateExact("ROUND(2.675,2)")).toBe("2.68");
    expect(evaluateExact("ROUND(-2.5,0)")).toBe("-3");
    expect(evaluateExact("MOD(12.3,1.23)")).toBe("0");
    expect(evaluateExact("INT(-2.5)")).toBe("-3");
  });

  it("a number and an equal decimal are the same value to comparisons, lookups and criteria", () => {
    expect(evaluateExact("A1=A2", { A1: 1, A2: { n: "1.0" } })).toBe("true");
    expect(evaluateExact("A1<A2", { A1: 2, A2: { n: "2.5" } })).toBe("true");
    expect(evaluateExact("MATCH(5,A1:A3,0)", { A1: { n: "4.5" }, A2: { n: "5.0" }, A3: 6 })).toBe("2");
    expect(evaluateExact("COUNTIF(A1:A3,5)", { A1: 5, A2: { n: "5.00" }, A3: 6 })).toBe("2");
    expect(evaluateExact('SUMIF(A1:A3,">4")', { A1: 5, A2: { n: "4.5" }, A3: 3 })).toBe("9.5");
  });

  it("integers become text with at most 15 significant digits, as in Excel, on either side of 10^15", () => {
    expect(evaluateExact('A1&""', { A1: 123456789012345 })).toBe("123456789012345");
    expect(evaluateExact('A1&""', { A1: { n: "1234567890123456" } })).toBe("1234567890123460");
  });
});

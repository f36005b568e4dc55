import { describe, expect, it } from "vitest";
import { add, mul, sum } from "../../src/formula/num.js";
import { Decimal } from "../../src/formula/values.js";
import { evaluate, evaluateExact } from "../support/formula.js";

const MAX_SAFE = "9007199254740991";

describe("safe integers are computed as doubles, and everything else exactly", () => {
  it("integer sums past 2^53 switch to exact decimals", () => {
    expect(evaluateExact("A1+1", { A1: { n: MAX_SAFE } })).toBe("9007199254740992");
    expect(evaluateExact("A1+2", { A1: { n: MAX_SAFE } })).toBe("9007199254740993");
    expect(evaluateExact("SUM(A1:A3)", { A1: { n: MAX_SAFE }, A2: 1, A3: 1 })).toBe("9007199254740993");
    expect(evaluateExact("-A1-3", { A1: { n: MAX_SAFE } })).toBe("-9007199254740994");
    expect(String(sum([Number(MAX_SAFE), 2, new Decimal("0.5"), -1]))).toBe("9007199254740992.5");
  });

  it("a product past 2^53 is exact, not the nearest double", () => {
    // 94,906,267² = 9,007,199,515,875,289; as a double it would end in ...288.
    expect(evaluateExact("A1*A1", { A1: 94906267 })).toBe("9007199515875289");
    expect(String(mul(94906267, 94906267))).toBe("9007199515875289");
  });

  it("a quotient is an integer only when it divides exactly", () => {
    expect(evaluateExact("A1/A2", { A1: 7, A2: 2 })).toBe("3.5");
    expect(evaluateExact("A1/A2", { A1: -6, A2: 3 })).toBe("-2");
    expect(evaluateExact("1/3*3")).toBe("0.9999999999999999999999999999999999999999");
    expect(evaluate("A1/0", { A1: 5 })).toEqual({ error: "#DIV/0!" });
  });

  it("zero is never negative zero", () => {
    expect(Object.is(evaluate("0*-5"), 0)).toBe(true);
    expect(Object.is(evaluate("0/-5"), 0)).toBe(true);
    expect(Object.is(evaluate("-A1", { A1: 0 }), 0)).toBe(true);
  });

  it("decimal figures stay exact: 0.1 + 0.2 is 0.3", () => {
    expect(evaluateExact("A1+A2", { A1: { n: "0.1" }, A2: { n: "0.2" } })).toBe("0.3");
    expect(String(add(1, new Decimal("0.25")))).toBe("1.25");
  });

  it("a number and an equal decimal are the same value to comparisons, lookups and criteria", () => {
    expect(evaluate("A1=A2", { A1: 1, A2: { n: "1.0" } })).toBe(true);
    expect(evaluate("A1<A2", { A1: 2, A2: { n: "2.5" } })).toBe(true);
    expect(evaluate("MATCH(5,A1:A3,0)", { A1: { n: "4.5" }, A2: { n: "5.0" }, A3: 6 })).toBe(2);
    expect(evaluate("COUNTIF(A1:A3,5)", { A1: 5, A2: { n: "5.00" }, A3: 6 })).toBe(2);
    expect(evaluate("SUMIF(A1:A3,\">4\")", { A1: 5, A2: { n: "4.5" }, A3: 3 })).toBe(9.5);
  });

  it("integers become text with at most 15 significant digits, as in Excel, on either side of 10^15", () => {
    expect(evaluate('A1&""', { A1: 123456789012345 })).toBe("123456789012345");
    expect(evaluate('A1&""', { A1: { n: "1234567890123456" } })).toBe("1234567890123460");
  });
});

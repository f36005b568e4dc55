import { describe, expect, it } from "vitest";
import { recompute } from "../../../src/verify/recompute.js";
import { evaluate } from "../../support/formula.js";

/**
 * Expected values are the examples of Excel's function reference (support.microsoft.com,
 * one page per function), or worked by hand where the comment says so.
 */
describe("math functions follow Excel", () => {
  it.each([
    ["CEILING(2.5,1)", 3],
    ["CEILING(-2.5,-2)", -4],
    ["CEILING(-2.5,2)", -2],
    ["CEILING(1.5,0.1)", 1.5],
    ["CEILING(0.234,0.01)", 0.24],
    ["CEILING(1.1,0.1)", 1.1], // 1.1/0.1 is 11.000000000000002 in doubles; Excel shows 1.1
    ["CEILING(1.5,-1)", { error: "#NUM!" }],
    ["FLOOR(3.7,2)", 2],
    ["FLOOR(-2.5,-2)", -2],
    ["FLOOR(-2.5,2)", -4],
    ["FLOOR(1.58,0.1)", 1.5],
    ["FLOOR(0.234,0.01)", 0.23],
    ["FLOOR(2.5,0)", { error: "#DIV/0!" }],
    ["FLOOR(2.5,-2)", { error: "#NUM!" }],
    ["CEILING.MATH(24.3,5)", 25],
    ["CEILING.MATH(6.7)", 7],
    ["CEILING.MATH(-8.1,2)", -8],
    ["CEILING.MATH(-5.5,2,-1)", -6],
    ["FLOOR.MATH(24.3,5)", 20],
    ["FLOOR.MATH(6.7)", 6],
    ["FLOOR.MATH(-8.1,2)", -10],
    ["FLOOR.MATH(-5.5,2,-1)", -4],
    ["CEILING.PRECISE(4.3)", 5],
    ["CEILING.PRECISE(-4.3)", -4],
    ["CEILING.PRECISE(4.3,-2)", 6],
    ["CEILING.PRECISE(-4.3,-2)", -4],
    ["FLOOR.PRECISE(-3.2,-1)", -4],
    ["FLOOR.PRECISE(3.2,-1)", 3],
    ["FLOOR.PRECISE(-3.2,1)", -4],
    ["FLOOR.PRECISE(3.2)", 3],
    ["MROUND(10,3)", 9],
    ["MROUND(-10,-3)", -9],
    ["MROUND(1.3,0.2)", 1.4],
    ["MROUND(5,-2)", { error: "#NUM!" }],
    ["TRUNC(8.9)", 8],
    ["TRUNC(-8.9)", -8],
    ["TRUNC(0.45)", 0],
    ["QUOTIENT(5,2)", 2],
    ["QUOTIENT(4.5,3.1)", 1],
    ["QUOTIENT(-10,3)", -3],
    ["QUOTIENT(1,0)", { error: "#DIV/0!" }],
    ["EVEN(1.5)", 2],
    ["EVEN(3)", 4],
    ["EVEN(2)", 2],
    ["EVEN(-1)", -2],
    ["ODD(1.5)", 3],
    ["ODD(3)", 3],
    ["ODD(2)", 3],
    ["ODD(-1)", -1],
    ["ODD(-2)", -3],
    ["PRODUCT(5,15,30)", 2250],
    ["PRODUCT(A1:A3)", 2250],
    ["PRODUCT(A1:A3,2)", 4500],
    ["SUMSQ(3,4)", 25],
    ["FACT(5)", 120],
    ["FACT(1.9)", 1],
    ["FACT(0)", 1],
    ["FACT(-1)", { error: "#NUM!" }],
    ["ROUND(LN(86),9)", 4.454347296], // Excel: 4.454347296
    ["LN(0)", { error: "#NUM!" }],
    ["LOG(10)", 1],
    ["LOG(8,2)", 3],
    ["LOG(10,1)", { error: "#DIV/0!" }],
    ["ROUND(LOG10(86),9)", 1.934498451], // Excel: 1.934498451
    ["LOG10(1E5)", 5],
    ["EXP(1)", 2.718281828459045],
    ["ASIN(2)", { error: "#NUM!" }],
    ["ACOSH(0.5)", { error: "#NUM!" }],
    ["ATANH(1)", { error: "#NUM!" }],
    ["ATAN2(1,1)", 0.7853981633974483],
    ["ATAN2(-1,-1)", -2.356194490192345],
    ["ATAN2(0,0)", { error: "#DIV/0!" }],
    ["DEGREES(PI())", 180],
    ["RADIANS(270)", 4.71238898038469],
    ["SIN(PI()/2)", 1],
    ["COS(0)", 1],
    ["RANDBETWEEN(5,5)", 5], // one integer between: the draw has one outcome
    ["RANDBETWEEN(3,2)", { error: "#NUM!" }],
  ])("%s = %j", (formula, expected) => {
    expect(evaluate(formula, { A1: 5, A2: 15, A3: 30, A4: "text" })).toEqual(expected);
  });

  it("takes the cell in the formula's row from a column range (implicit intersection)", () => {
    // Excel reads F2 for TANH(F1:F3) written in row 2; worked: EXP(0) = 1.
    const r = recompute(["S"], [
      { sheet: "S", row: 1, col: 6, value: 5 },
      { sheet: "S", row: 2, col: 6, value: 0 },
      { sheet: "S", row: 3, col: 6, value: 7 },
      { sheet: "S", row: 2, col: 7, formula: "EXP(F1:F3)", value: 1 },
      { sheet: "S", row: 9, col: 7, formula: "EXP(F1:F3)", value: { error: "#VALUE!" } },
    ]);
    expect(r.mismatches).toEqual([]);
  });

  it("reports cells calling RAND and RANDBETWEEN as volatile, never stale, and checks what reads them against their cached value", () => {
    const r = recompute(["S"], [
      { sheet: "S", row: 1, col: 1, formula: "RANDBETWEEN(1,1000000)", value: 7 },
      { sheet: "S", row: 2, col: 1, formula: "_xlfn.FLOOR.MATH(RAND()*10)", value: 3 },
      // Worked: 7 * 2 = 14, from A1's cached value.
      { sheet: "S", row: 3, col: 1, formula: "A1*2", value: 14 },
      { sheet: "S", row: 4, col: 1, formula: 'CONCATENATE("RAND()")', value: "RAND()" },
    ]);
    expect(r.volatile).toEqual(["S!A1", "S!A2"]);
    expect(r.mismatches).toEqual([]);
    expect(r.value("S", 3, 1)).toBe(14);
  });
});

import { describe, expect, it } from "vitest";
import { cancels, significant15, unitsApart } from "../../src/formula/excel-doubles.js";
import type { StoredValue } from "../../src/formula/stored.js";
import { evaluate, type Given } from "../support/formula.js";

/**
 * Excel's arithmetic, rule by rule. Every expected value is what Excel was seen to
 * give, by the people and in the places named beside it (Excel shows 15 significant
 * digits: a value quoted that way is compared at 15 digits). None comes from tieout.
 */

const DECIMALS = (values: Record<string, string>): Given => Object.fromEntries(Object.entries(values).map(([k, n]) => [k, { n }]));

/** As Excel shows a number: 15 significant digits. */
const shown = (v: StoredValue): StoredValue => (typeof v === "number" ? significant15(v) : v);

describe("Excel computes in IEEE-754 doubles", () => {
  it("0.1 + 0.2 is the double 0.30000000000000004, not 0.3 (KB 78113: Excel stores and computes in IEEE 754 doubles)", () => {
    expect(evaluate("0.1+0.2")).toBe(0.30000000000000004);
    // 3547.4 − 2932.5, the YoY change of contracted bandwidth in the IIJ release: issue 14.
    expect(evaluate("A1-A2", DECIMALS({ A1: "3547.4", A2: "2932.5" }))).toBe(614.9000000000001);
  });

  it.each([
    ["1E308*10", "#NUM!"],
    ["1000^500", "#NUM!"],
    ["-1E308*10", "#NUM!"],
  ])("a result beyond the largest double is #NUM!, not infinity: %s (HyperFormula issue #196, checked in Excel and Google Sheets)", (f, code) => {
    expect(evaluate(f)).toEqual({ error: code });
  });

  it("a zero is never negative", () => {
    expect(Object.is(evaluate("0*-5"), 0)).toBe(true);
    expect(Object.is(evaluate("-A1", { A1: 0 }), 0)).toBe(true);
    expect(Object.is(evaluate("ROUND(-0.001,2)"), 0)).toBe(true);
  });
});

describe("the near-zero rule: the last + or − of a formula whose operands are within 7 units in the last place is 0", () => {
  it.each<[string, Given, number, string]>([
    ["0.5-0.4-0.1", {}, 0, "Stack Overflow 53337274 (Excel 2010): =0.5-0.4-0.1 is exactly 0"],
    ["(0.5-0.4-0.1)", {}, -2.77555756156289e-17, "the same question: in parentheses it is -2.775E-17"],
    ["(0.5-0.4)-0.1", {}, 0, "the rule as the same answers state it: here the last subtraction is outside the parentheses"],
    ["1.333+1.225-1.333-1.225", {}, 0, "KB 78113, 'Example when a value reaches zero': 0 since Excel 97"],
    ["52.8-8.8*6", {}, 0, "Jerry W. Lewis (excelbanter, post 43390): 0 without parentheses"],
    ["(52.8-8.8*6)", {}, -7.105427357601e-15, "the same post: -7.105427357601E-15 with them"],
    ["65.57-7.54-58.03", {}, 0, "joeu2004 on Excel 2007/2010 (howcanispeedupwindows, 2016): 0"],
    ["65.57-58.03-7.54", {}, -7.99360577730113e-15, "the same: -7.99361E-15, the operands 9 units apart"],
    ["65.57-7.54-58.03-0", {}, -7.105427357601e-15, "the same: subtracting 0 last defeats the rule, -7.10543E-15"],
    ["2059.32-1879.32-120.48+184.8-244.32", {}, 2.27373675443232e-13, "the same post: displays 2.27374E-13"],
    ["A1-A3+A2", DECIMALS({ A1: "818562.54", A2: "-40026.44", A3: "778536.1" }), 5.82076609134674e-11, "Woody's Lounge, Excel 2003: 0.0000000000582077"],
    ["A1+A2-A3", DECIMALS({ A1: "818562.54", A2: "-40026.44", A3: "778536.1" }), 0, "the same thread: =A1+A2-A3 gives 0.00"],
    ["123.45+56.78-180.23", {}, 0, "joeu2004, Microsoft Tech Community 3965977 (Oct 2023): displays exactly zero"],
  ])("%s", (formula, given, excel, source) => {
    expect(shown(evaluate(formula, given)), source).toBe(excel);
  });

  it("the rule is for the formula's result only: compared with 0, the same difference is not 0 (joeu2004, Tech Community 3965977: =123.45+56.78-180.23=0 is FALSE)", () => {
    expect(evaluate("123.45+56.78-180.23=0")).toBe(false);
    expect(evaluate("IF(TRUE,0.5-0.4-0.1)")).not.toBe(0);
  });

  it("SUM applies the rule to its last addition of a cell, not of a number written in it (joeu2004, Tech Community 3965977)", () => {
    const cells = DECIMALS({ A1: "123.45", A2: "56.78", A3: "-180.23" });
    expect(evaluate("SUM(A1:A3)", cells)).toBe(0);
    expect(evaluate("SUM(A1,A2,A3)", cells)).toBe(0);
    expect(shown(evaluate("SUM(123.45,56.78,-180.23)"))).toBe(2.8421709430404e-14);
  });

  it("a SUM that ends with 0 escapes the rule (tech-archive.net, microsoft.public.excel 2005-10: -116.33, 98.53, 17.80, 0 sum to 0.0000000000000035527136788005, without the 0 to 0)", () => {
    const cells = DECIMALS({ A1: "-116.33", A2: "98.53", A3: "17.80" });
    expect(shown(evaluate("SUM(A1:A4)", { ...cells, A4: 0 }))).toBe(3.5527136788005e-15);
    expect(evaluate("SUM(A1:A3)", cells)).toBe(0);
  });

  it("the measure is binary neighbours, not 15 digits (joeu2004, microsoft.public.excel.worksheet.functions, April 2009)", () => {
    // A2 + n·2^x, 2^x the last bit of A2: n = 1..7 cancel, 8 does not.
    const a = 1e-7;
    const ulp = 2 ** (Math.floor(Math.log2(a)) - 52);
    for (let n = 1; n <= 7; n++) expect(cancels(a + n * ulp, a), `${n} units`).toBe(true);
    expect(cancels(a + 8 * ulp, a)).toBe(false);
    // The largest double and the one 4 units below differ in their 15th digit (1.79769313486232E+308, ...231E+308), and cancel.
    const max = Number.MAX_VALUE;
    const below = max - 4 * 2 ** 971;
    expect(significant15(max)).not.toBe(significant15(below));
    expect(cancels(max, below)).toBe(true);
    // Across a power of two the count goes on: 1 and the double below it are one unit apart.
    expect(unitsApart(1, 1 - 2 ** -53)).toBe(1);
    expect(cancels(1, -(1 - 2 ** -53))).toBe(false);
  });
});

describe("comparisons round both sides to 15 significant digits, just for the comparison", () => {
  it.each<[string, boolean, string]>([
    ["0.1+0.2=0.3", true, "KB 78113"],
    ["(1+1+0.85)/3<=0.95", true, "Stack Overflow, 'Why does Excel not round according to 8-byte IEEE 754' (Excel 2013): TRUE, where C# gives false"],
    ["10.01-10=0.01", false, "joeu2004 (mrexcel 1149146): IF(10.01-10=0.01,TRUE) returns FALSE; the two differ in their 15th digit"],
    ["1/3*3=1", true, "1/3*3 is 1 in doubles already"],
  ])("%s is %s (%s)", (formula, excel) => {
    expect(evaluate(formula)).toBe(excel);
  });

  it("15 digits decide equality, not order: 0.1+0.2 is neither more nor less than 0.3", () => {
    expect(evaluate("0.1+0.2>0.3")).toBe(false);
    expect(evaluate("0.1+0.2<>0.3")).toBe(false);
    expect(evaluate("0.30000000000001>0.3")).toBe(true);
  });
});

describe("ROUND, ROUNDUP, ROUNDDOWN and INT work on the number's 15 significant digits", () => {
  it.each<[string, number, string]>([
    ["ROUND(2.675,2)", 2.68, "the double is 2.67499999…; Apache POI's MathX.round (checked against Excel) rounds its 15-digit text"],
    ["ROUND(37785/1000,2)", 37.79, "David Hammen, Stack Overflow 6930786: Excel displays 37.79"],
    ["ROUND(21.9/0.2,0)", 110, "HyperFormula issue #1746: Excel returns 110 for a quotient of 109.49999999999998579"],
    ["ROUND((2.03-2)/0.2,1)", 0.1, "Woody's Lounge, Excel 97: 0.149999999999999 at 15 digits rounds to 0.1"],
    ["ROUNDUP(0.1+0.2,1)", 0.3, "the 15 digits of 0.30000000000000004 are 0.3"],
    ["ROUNDDOWN(-2.675,2)", -2.67, "toward zero"],
    ["INT(2490399.9999999995)", 2490400, "Apache POI ExcelArithmetic: INT(2490399.9999999995) is 2490400 in Excel"],
    ["INT(-0.5)", -1, "INT rounds down"],
  ])("%s = %s (%s)", (formula, excel) => {
    expect(evaluate(formula)).toBe(excel);
  });
});

describe("MOD is the exact remainder of the doubles, with the divisor's sign", () => {
  it.each<[string, StoredValue, string]>([
    ["MOD(12.3,1.23)", 8.88178419700125e-16, "Jerry W. Lewis (excelforum 400497): 8.88178419700125E-16 on Windows and Mac"],
    ["MOD(2.25,1/3)", 0.25, "Harlan Grove (pcreview 1017091): 0.25"],
    ["MOD(2.5,1/3)", 0.166666666666667, "the same post: 0.166666666666667"],
    ["MOD(-3,2)", 1, "Excel's MOD help: the result has the sign of the divisor"],
    ["MOD(3,-2)", -1, "the same"],
    ["MOD(12345678000,64)", { error: "#NUM!" }, "KB 119083: #NUM! when divisor × 134217728 ≤ number"],
    ["MOD(5,0)", { error: "#DIV/0!" }, "Excel's MOD help"],
  ])("%s = %j (%s)", (formula, excel) => {
    expect(shown(evaluate(formula))).toEqual(excel);
  });
});

describe("numbers become text with 15 significant digits (the General format)", () => {
  it.each([
    ['(0.1+0.2)&""', "0.3"],
    ['1/3&""', "0.333333333333333"],
    ['(3547.4-2932.5)&""', "614.9"],
    ['A1&""', "123456789012345"],
  ])("%s is %s", (formula, text) => {
    expect(evaluate(formula, { A1: 123456789012345 })).toBe(text);
  });

  it("TEXT formats the 15 digits too (Apache POI pull 1298, against Excel: DOLLAR(2.675,2) is $2.68, FIXED(0.1+0.2,17) is 0.30000000000000000)", () => {
    expect(evaluate('TEXT(2.675,"0.00")')).toBe("2.68");
    expect(evaluate('TEXT(0.1+0.2,"0.0000000000000000")')).toBe("0.3000000000000000");
  });
});

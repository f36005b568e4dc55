import { describe, expect, it } from "vitest";
import { evaluate } from "../support/formula.js";

/** Expected values are Excel's documented results. */
describe("evaluation follows Excel", () => {
  it.each([
    ["-2^2", 4],
    ["2^3^2", 64],
    ["1+2*3", 7],
    ["(1+2)*3", 9],
    ["50%*2", 1],
    ["10-2-3", 5],
    ["2^-1", 0.5],
    ["-3%", -0.03],
  ])("%s = %s", (f, v) => {
    expect(evaluate(f)).toBe(v);
  });

  it("& joins text after arithmetic: \"a\"&1+2 is a3", () => {
    expect(evaluate('"a"&1+2')).toBe("a3");
    expect(evaluate("1&2")).toBe("12");
    expect(evaluate('0.1&""')).toBe("0.1");
    expect(evaluate('TRUE&""')).toBe("TRUE");
  });

  it("comparisons: text ignores case, numbers sort before text before booleans", () => {
    expect(evaluate('"abc"="ABC"')).toBe(true);
    expect(evaluate('1<"a"')).toBe(true);
    expect(evaluate('"z"<TRUE')).toBe(true);
    expect(evaluate("1=1=TRUE")).toBe(true);
    expect(evaluate("A1=0", {})).toBe(true);
    expect(evaluate('A1=""', {})).toBe(true);
  });

  it.each([
    ["1/0", "#DIV/0!"],
    ["#REF!+1", "#REF!"],
    ['"x"+1', "#VALUE!"],
    ["NOSUCHFUNCTION(1)", "#NAME?"],
    ["SQRT(-1)", "#NUM!"],
    ["0^0", "#NUM!"],
    ["#N/A+1/0", "#N/A"],
    ["A1:A2+1", "#VALUE!"],
  ])("%s gives %s, passed on as Excel does", (f, code) => {
    expect(evaluate(f, { A1: 1, A2: { n: "2" } })).toEqual({ error: code });
  });

  it("an error inside a summed range passes through SUM", () => {
    expect(evaluate("SUM(A1:A3)", { A1: 1, A2: 2, A3: "=1/0" })).toEqual({ error: "#DIV/0!" });
    expect(evaluate("IFERROR(SUM(A1:A3),-1)", { A1: 1, A2: 2, A3: "=1/0" })).toBe(-1);
  });

  it("IFERROR catches any error; IF evaluates only the branch it takes", () => {
    expect(evaluate("IFERROR(1/0,42)")).toBe(42);
    expect(evaluate("IFERROR(7,42)")).toBe(7);
    expect(evaluate("IF(TRUE,1,1/0)")).toBe(1);
    expect(evaluate("IF(0,1/0,2)")).toBe(2);
    expect(evaluate('IF("x",1,2)')).toEqual({ error: "#VALUE!" });
    expect(evaluate("IF(FALSE,1)")).toBe(false);
  });

  it("blank cells are 0 in arithmetic, empty in text, and a formula that reads one shows 0", () => {
    expect(evaluate("A9+1")).toBe(1);
    expect(evaluate('A9&"x"')).toBe("x");
    expect(evaluate("A9")).toBe(0);
  });

  it("SUM, MIN and MAX skip text and booleans in ranges but count them as arguments", () => {
    const cells = { A1: 1, A2: "text", A3: true, A4: 4 };
    expect(evaluate("SUM(A1:A4)", cells)).toBe(5);
    expect(evaluate("SUM(A2)", cells)).toBe(0);
    expect(evaluate('SUM(1,TRUE,"2")', cells)).toBe(4);
    expect(evaluate('SUM("x")', cells)).toEqual({ error: "#VALUE!" });
    expect(evaluate("MIN(A1:A4)", cells)).toBe(1);
    expect(evaluate("MAX(A1:A4)", cells)).toBe(4);
    expect(evaluate("MAX(A7:A9)", cells)).toBe(0);
  });

  it("ROUND rounds half away from zero on exact decimals: ROUND(2.675, 2) is 2.68", () => {
    expect(evaluate("ROUND(2.675,2)")).toBe(2.68);
    expect(evaluate("ROUND(-2.5,0)")).toBe(-3);
    expect(evaluate("ROUND(1234.5678,-2)")).toBe(1200);
    expect(evaluate("ROUND(82988285/1000,0)")).toBe(82988);
    expect(evaluate("ABS(-3)")).toBe(3);
  });

  it("a wrong number of arguments is a syntax error, not a silent result", () => {
    expect(() => evaluate("ROUND(1)")).toThrow(/ROUND takes 2 arguments, not 1/);
  });

  it("function names are case-insensitive and may carry Excel's _xlfn. prefix", () => {
    expect(evaluate("sum(1,2)+Round(0.5,0)")).toBe(4);
    expect(evaluate("_xlfn.IFNA(#N/A,7)")).toBe(7);
  });

  it("AND and OR evaluate every argument, so an error anywhere is the result", () => {
    expect(evaluate("AND(FALSE,1/0)")).toEqual({ error: "#DIV/0!" });
    expect(evaluate("OR(TRUE,1/0)")).toEqual({ error: "#DIV/0!" });
    expect(evaluate("AND(A1:A3)", { A1: true, A2: "text", A3: 1 })).toBe(true);
    expect(evaluate("OR(A1:A2)", { A1: "text" })).toEqual({ error: "#VALUE!" });
    expect(evaluate('NOT("x")')).toEqual({ error: "#VALUE!" });
    expect(evaluate("NOT(0)")).toBe(true);
  });

  it("IF with an empty branch gives 0 when taken, and IFERROR passes a value through untouched", () => {
    expect(evaluate("IF(TRUE,)")).toBe(0);
    expect(evaluate("IF(FALSE,1)")).toBe(false);
    expect(evaluate('IFERROR("",1)')).toBe("");
    expect(evaluate("IFERROR(A1,1)", { A1: "=#REF!" })).toBe(1);
  });

  it("numeric text counts in arithmetic, other text is #VALUE!", () => {
    expect(evaluate('"1.5"+1')).toBe(2.5);
    expect(evaluate('-"2"')).toBe(-2);
    expect(evaluate('" 1E3 "*1')).toBe(1000);
    expect(evaluate('"1.5x"+1')).toEqual({ error: "#VALUE!" });
    expect(evaluate("TRUE+TRUE")).toBe(2);
  });

  it("a blank compares as 0, empty text or FALSE, whichever the other side is", () => {
    expect(evaluate("A9<1")).toBe(true);
    expect(evaluate('A9<"a"')).toBe(true);
    expect(evaluate("A9=FALSE")).toBe(true);
    expect(evaluate("A9=A8")).toBe(true);
    expect(evaluate('1<>"1"')).toBe(true);
    expect(evaluate('"a"<"B"')).toBe(true);
  });

  it("& writes numbers as the General format does: 15 significant digits, no float noise", () => {
    expect(evaluate('1/3&""')).toBe("0.333333333333333");
    expect(evaluate('-0.5&""')).toBe("-0.5");
    expect(evaluate('(0.1+0.2)&""')).toBe("0.3");
    expect(evaluate('1E-10&""')).toBe("1E-10");
    expect(evaluate('1234567.891&""')).toBe("1234567.891");
  });

  it("ROUND: digits are truncated, negative digits round to tens, halves go away from zero", () => {
    expect(evaluate("ROUND(1.5,0.9)")).toBe(2);
    expect(evaluate("ROUND(-15,-1)")).toBe(-20);
    expect(evaluate("ROUND(5,-1)")).toBe(10);
    expect(evaluate("ROUND(-2.675,2)")).toBe(-2.68);
    expect(evaluate("ROUND(1.005,2)")).toBe(1.01);
    expect(evaluate('ROUND("x",2)')).toEqual({ error: "#VALUE!" });
    expect(evaluate("ROUND(A1,2)", { A1: "=1/0" })).toEqual({ error: "#DIV/0!" });
  });

  it("MIN and MAX of nothing numeric are 0; errors in their ranges pass through", () => {
    expect(evaluate("MIN(A1:A2)", { A1: "x", A2: true })).toBe(0);
    expect(evaluate("MAX(A1:A2,-3)", { A1: "x" })).toBe(-3);
    expect(evaluate("MAX(A1:A2)", { A1: 5, A2: "=#N/A" })).toEqual({ error: "#N/A" });
    expect(evaluate('MIN(5,"3",TRUE)')).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../../support/formula.js";

describe("DATE counts along Excel's 1900 calendar, 1900-02-29 included", () => {
  it.each([
    // Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year": serial 60 is 1900-02-29.
    ["DATE(1900,2,29)", 60],
    ["DATE(1900,3,0)", 60],
    ["DATE(1900,1,60)", 60],
    ["DATE(1900,2,28)", 59],
    ["DATE(1900,3,1)", 61],
    ["DATE(1900,3,-1)", 59],
    // Excel's documentation example: DATE(2008,1,35) is February 4, 2008 (39482).
    ["DATE(2008,1,35)", 39482],
    // DATE(2008,14,2) is February 2, 2009 (39846); DATE(2008,-3,2) is September 2, 2007 (39327).
    ["DATE(2008,14,2)", 39846],
    ["DATE(2008,-3,2)", 39327],
    ["DATE(1900,0,1)", { error: "#NUM!" }],
  ])("%s = %s", (formula, expected) => {
    expect(evaluate(formula)).toEqual(expected);
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../../support/formula.js";

/** Excel's function reference examples; the formula is evaluated in Z1000 (row 1000, column 26). */
describe("ROW, COLUMN, ROWS and COLUMNS follow Excel", () => {
  it.each([
    ["ROW(C10)", 10],
    ["ROW()", 1000], // the formula's own row
    ["ROW(A3:B9)", 3], // the first row, as one cell shows it
    ["COLUMN(D10)", 4],
    ["COLUMN()", 26],
    ["COLUMN(C:E)", 3],
    ["ROWS(C1:E4)", 4],
    ["COLUMNS(C1:E4)", 3],
    ["ROWS(A:A)", 1048576], // the reference's size, not the used area's
    ["COLUMNS(1:1)", 16384],
    ["ROWS(5)", 1],
    ["ROW(5)", { error: "#VALUE!" }],
  ])("%s = %j", (formula, expected) => {
    expect(evaluate(formula, { A1: 1 })).toEqual(expected);
  });
});

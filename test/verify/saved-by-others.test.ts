import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../src/verify/check.js";
import { recompute, type StoredCell } from "../../src/verify/recompute.js";
import type { ReadBook } from "../../src/workbook/read.js";
import { evaluate } from "../support/formula.js";

const cell = (address: string, formula: string | undefined, value: StoredCell["value"]): StoredCell => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return { sheet: "S", row: Number(m[2]), col: m[1]!.charCodeAt(0) - 64, formula, value };
};

/** Workbooks other programs saved: what LibreOffice writes, and cells the engine cannot evaluate. */
describe("`check` on files other programs saved", () => {
  it("TRUE(), FALSE() and NA(), as LibreOffice writes the constants, parse and evaluate", () => {
    expect(evaluate("TRUE()")).toBe(true);
    expect(evaluate("FALSE()")).toBe(false);
    expect(evaluate("NA()")).toEqual({ error: "#N/A" });
    expect(evaluate("IFNA(NA(),TRUE())")).toBe(true);
    expect(evaluate("AND(TRUE(),NOT(FALSE()))")).toBe(true);
  });

  it("a boolean result LibreOffice stored as 1 or 0 is that boolean; a wrong one is still stale", () => {
    const sheets = ["S"];
    expect(recompute(sheets, [cell("A1", "1=1", 1), cell("A2", "1=2", 0)]).mismatches).toEqual([]);
    expect(recompute(sheets, [cell("A1", "1=1", 0)]).mismatches.map((m) => m.cell)).toEqual(["S!A1"]);
  });

  it("a cell that cannot be evaluated keeps its cached value: reported once, as unsupported, and what reads it is not stale", () => {
    const book: ReadBook = {
      file: "other.xlsx",
      date1904: false,
      names: [],
      sheets: [{ name: "S", cells: [cell("A1", "FROBNICATE(1)", 5), cell("A2", "A1*2", 10), cell("A3", "A2+1", 11), cell("B1", "{1,2}", 3), cell("B2", "B1*2", 6)].map((c) => ({ ...c, address: "" })) }],
      unsupported: [{ cell: "S!B1", what: "array formula" }],
    };
    const result = checkWorkbook(book);
    expect(result.unsupported).toEqual([
      { cell: "S!B1", what: "array formula" },
      { cell: "S!A1", what: "function FROBNICATE" },
    ]);
    expect(result.stale).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it("what reads an unsupported cell is still recomputed: a wrong value beside it is stale", () => {
    const result = recompute(["S"], [cell("A1", "FROBNICATE(1)", 5), cell("A2", "A1*2", 99)]);
    expect(result.unsupported.map((u) => u.cell)).toEqual(["S!A1"]);
    expect(result.mismatches).toMatchObject([{ cell: "S!A2", cached: 99, recomputed: 10 }]);
  });
});

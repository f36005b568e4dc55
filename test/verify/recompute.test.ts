import { beforeAll, describe, expect, it } from "vitest";
import { recompute } from "../../src/verify/recompute.js";
import { storedCells } from "../support/cells.js";
import { builtPack } from "../support/pack.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

describe("the written pack, read back, recomputes to the values cached in it", () => {
  let book: OpenedWorkbook;
  beforeAll(async () => {
    book = await openWorkbook((await builtPack()).result.workbook);
  });

  it("every formula, recomputed from the file's own formula text, equals its cached value", () => {
    const { sheets, cells } = storedCells(book);
    const result = recompute(sheets, cells);
    expect(result.unsupported).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.formulaCells).toBe(cells.filter((c) => c.formula !== undefined).length);
    expect(result.formulaCells).toBeGreaterThan(300);
  });

  it("a stale cached value is found: an input changed without recalculation", () => {
    const { sheets, cells } = storedCells(book);
    // Network services revenue for enterprise, 1H17, first input of the income statement.
    const input = cells.find((c) => c.sheet === "Income Statement" && c.formula === undefined && typeof c.value === "number")!;
    input.value = (input.value as number) + 1000;
    const result = recompute(sheets, cells);
    expect(result.mismatches.length).toBeGreaterThan(0);
    expect(result.mismatches.some((m) => m.cell.startsWith("'Income Statement'!"))).toBe(true);
  });
});

import { existsSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { TEMP_PREFIX } from "../../src/workbook/atomic.js";
import { checkWorkbook } from "../../src/verify/check.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { builtPack, type BuiltPack } from "../support/pack.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

/**
 * Figures typed from the release (data/iij-fy2018-1h/source/iij-1h-fy2018-earnings-release.txt),
 * never from our output. ORS = "Financial Results for First Half of FY2018",
 * Operating Results Summary table (JPY millions; YoY change %).
 * NARRATIVE = the earnings release's "Cost and expense" section (gross margin ratios).
 */
const ORS = "Operating Results Summary (1H18 Financial Results Summary)";
const NARRATIVE = "Earnings release, Cost and expense section";

const millions: [row: string, label: string, h17: number, h18: number, yoyPct: number][] = [
  ["rev_total", "Total revenues", 82_988, 90_963, 9.6],
  ["rev_ns", "Network services revenues", 52_285, 58_118, 11.2],
  ["rev_si", "SI revenues", 26_999, 28_631, 6.0],
  ["rev_equipment", "Equipment sales", 1_660, 2_143, 29.1],
  ["rev_atm", "ATM operation business revenues", 2_044, 2_071, 1.3],
  ["cost_total", "Total costs", 69_962, 76_874, 9.9],
  ["cost_ns", "Network services costs", 43_036, 48_519, 12.7],
  ["cost_si", "SI costs", 24_221, 25_261, 4.3],
  ["cost_equipment", "Equipment costs", 1_505, 1_927, 28.0],
  ["cost_atm", "ATM costs", 1_200, 1_167, -2.7],
  ["gm_total", "Total gross margin", 13_026, 14_089, 8.2],
  ["gm_ns", "Network services gross margin", 9_249, 9_599, 3.8],
  ["gm_si", "SI gross margin", 2_778, 3_370, 21.3],
  // 216 / 155 − 1 = 39.35 % in millions; the release's 39.5 % holds only from thousands.
  ["gm_equipment", "Equipment gross margin", 155, 216, 39.5],
  ["gm_atm", "ATM gross margin", 844, 904, 7.1],
  ["sga_rnd", "SG&A expenses and R&D", 10_710, 11_177, 4.4],
  ["operating_income", "Operating income", 2_316, 2_912, 25.8],
  ["income_before_tax", "Income before income tax expense", 2_469, 3_317, 34.4],
  ["net_income_iij", "Net income attributable to IIJ", 1_488, 1_982, 33.2],
];

const ratios: [row: string, label: string, h17: number, h18: number][] = [
  ["gm_ratio_ns", "Network services gross margin ratio", 17.7, 16.5],
  ["gm_ratio_si", "SI gross margin ratio", 10.3, 11.8],
  ["gm_ratio_equipment", "Equipment gross margin ratio", 9.3, 10.1],
  ["gm_ratio_atm", "ATM gross margin ratio", 41.3, 43.7],
];

/** Rounds half away from zero, as the release's one-decimal percentages are. */
function percent1(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 1000) / 10;
}

describe("the IIJ pack reproduces the Operating Results Summary", () => {
  let pack: BuiltPack;
  let book: OpenedWorkbook;
  beforeAll(async () => {
    pack = await builtPack();
    book = await openWorkbook(pack.result.workbook);
  });

  const value = (row: string, column: string): number => {
    const f = pack.figure("summary", row, column);
    expect(f.kind, `${row}@${column} is a formula, not a typed number`).toBe("formula");
    expect(book.formula(f.cell), `${f.cell} holds a formula`).toBeDefined();
    const v = book.cached(f.cell);
    expect(typeof v, `${f.cell} caches a number`).toBe("number");
    return v as number;
  };

  it.each(millions)(`${ORS}: %s (%s) is %i / %i million, YoY %f %%`, (row, _label, h17, h18, yoy) => {
    expect(value(row, "1H17")).toBe(h17);
    expect(value(row, "1H18")).toBe(h18);
    expect(percent1(value(row, "yoy_pct"))).toBe(yoy);
  });

  it.each(ratios)(`${NARRATIVE}: %s (%s) is %f %% / %f %%`, (row, _label, h17, h18) => {
    expect(percent1(value(row, "1H17"))).toBe(h17);
    expect(percent1(value(row, "1H18"))).toBe(h18);
  });

  it("YoY is computed from thousands, not from rounded millions", () => {
    // Equipment gross margin, ORS: 155 → 216 million prints as 39.5 %; 216/155 − 1 would be 39.4 %.
    expect(percent1(216 / 155 - 1)).toBe(39.4);
    expect(percent1(value("gm_equipment", "yoy_pct"))).toBe(39.5);
    const yoy = book.formula(pack.figure("summary", "gm_equipment", "yoy_pct").cell)!;
    expect(yoy).toContain("'Income Statement'!");
  });

  it("every check and every published figure holds, in the file", async () => {
    // Recomputed from the file alone: each OK cell of the Checks and Published sheets reads OK.
    const fromFile = checkWorkbook(await readWorkbookCells(pack.result.workbook));
    expect(fromFile.failed).toEqual([]);
    expect(fromFile.stale).toEqual([]);
    expect(pack.result.failures).toEqual([]);
    expect(pack.result.checks.total).toBeGreaterThan(0);
    expect(pack.result.published.total).toBeGreaterThan(0);
    expect(book.cached("Checks!B2")).toBe("OK");
    for (const name of ["Summary", "Income Statement"]) {
      expect(book.cached(`'${name}'!A2`)).toBe("All checks tie out");
    }
  });

  it("every total of the income statement is a formula of its parts, never a typed number", () => {
    const totals = ["rev_ns_total", "rev_si_total", "rev_total", "cost_total", "costs_expenses_total", "operating_income", "other_income_net", "income_before_tax", "net_income", "net_income_iij"];
    for (const row of totals) {
      for (const column of ["1H17", "1H18"]) {
        const f = pack.figure("is", row, column);
        expect(f.kind).toBe("formula");
        expect(book.formula(f.cell), f.cell).toMatch(/[A-Z]+\d+/);
      }
    }
  });

  it("writes the workbook and the manifest and leaves no temporary file", () => {
    expect(existsSync(pack.result.workbook)).toBe(true);
    expect(existsSync(pack.result.manifest)).toBe(true);
    expect(readdirSync(pack.dir).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
  });
});

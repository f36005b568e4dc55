import { passes } from "../model/pass-fail.js";
import { CHECKS_SHEET, MASTER, PUBLISHED_SHEET } from "../model/verdicts.js";
import { cellAddress } from "../template/a1.js";
import { HEADER_ROW } from "../template/layout.js";
import type { ReadBook } from "../workbook/read.js";
import { recompute, type Mismatch } from "./recompute.js";

export interface FailedVerdict {
  /** `Checks!G7` */
  cell: string;
  sheet: string;
  label: string;
}

export interface CheckResult {
  file: string;
  formulaCells: number;
  /** Cells whose cached value is not what their formula gives. */
  stale: Mismatch[];
  /** Rows of the Checks and Published sheets whose OK cell does not read OK once recomputed. */
  failed: FailedVerdict[];
  unsupported: { cell: string; what: string }[];
  /** Cells calling a volatile function (RAND, TODAY…): their cached value is kept, never reported stale. */
  volatile: string[];
  ok: boolean;
}

/** Sheets tieout writes its verdicts on: a header row with "OK" in the last column. */
const VERDICT_SHEETS = [CHECKS_SHEET, PUBLISHED_SHEET];

/**
 * Recomputes a workbook from its own formulas and inputs, and says whether it still
 * ties out: every cached value as its formula gives it, every check and published
 * figure OK.
 */
export function checkWorkbook(book: ReadBook): CheckResult {
  const cells = book.sheets.flatMap((s) => s.cells);
  // What cannot be evaluated keeps its cached value: it is reported once, as unsupported, and neither it nor what reads it as stale.
  const result = recompute(
    book.sheets.map((s) => s.name),
    cells,
    book.names,
    { date1904: book.date1904, unevaluable: new Set(book.unsupported.map((u) => u.cell)) },
  );
  const unsupported = [...book.unsupported, ...result.unsupported];
  const stale = result.mismatches;
  const failed: FailedVerdict[] = [];
  for (const sheet of book.sheets.filter((s) => VERDICT_SHEETS.includes(s.name))) {
    const okHeader = sheet.cells.find((c) => c.row === HEADER_ROW && c.value === "OK");
    if (!okHeader) continue;
    for (const c of sheet.cells) {
      const master = sheet.name === MASTER.sheet && c.row === MASTER.row && c.col === MASTER.col && c.formula !== undefined;
      if (!master && (c.col !== okHeader.col || c.row <= HEADER_ROW)) continue;
      if (passes(result.value(sheet.name, c.row, c.col))) continue;
      const label = sheet.cells.find((l) => l.row === c.row && l.col === 1)?.value;
      failed.push({ cell: cellAddress(c.row, c.col, sheet.name), sheet: sheet.name, label: typeof label === "string" ? label : "" });
    }
  }
  return {
    file: book.file,
    formulaCells: result.formulaCells,
    stale,
    failed,
    unsupported,
    volatile: result.volatile,
    ok: stale.length === 0 && failed.length === 0 && unsupported.length === 0,
  };
}

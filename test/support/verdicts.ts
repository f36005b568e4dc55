import type { StoredValue } from "../../src/formula/stored.js";
import { CHECKS_SHEET, MASTER, PUBLISHED_SHEET } from "../../src/model/verdicts.js";
import { cellAddress } from "../../src/template/a1.js";
import { HEADER_ROW, STATUS_ROW } from "../../src/template/layout.js";
import type { OpenedWorkbook } from "./xlsx.js";

/** A verdict as a referee left it: Calc has no boolean type, so a TRUE it stored as 1 is TRUE. */
export function asVerdict(ours: StoredValue, theirs: StoredValue): StoredValue {
  return typeof ours === "boolean" && (theirs === 1 || theirs === 0) ? theirs === 1 : theirs;
}

/**
 * Every cell of a written pack that says pass or fail, found in the file: each row's
 * OK cell on the Checks and Published sheets, the master flag, and each sheet's status line.
 */
export function verdictCells(book: OpenedWorkbook): string[] {
  const out = [cellAddress(MASTER.row, MASTER.col, CHECKS_SHEET)];
  for (const sheet of book.read.sheets) {
    const status = sheet.cells.find((c) => c.row === STATUS_ROW && c.col === 1 && c.formula !== undefined);
    if (status) out.push(cellAddress(status.row, status.col, sheet.name));
    if (sheet.name !== CHECKS_SHEET && sheet.name !== PUBLISHED_SHEET) continue;
    const ok = sheet.cells.find((c) => c.row === HEADER_ROW && c.value === "OK");
    for (const c of sheet.cells) if (ok && c.col === ok.col && c.row > HEADER_ROW && c.formula !== undefined) out.push(cellAddress(c.row, c.col, sheet.name));
  }
  return out;
}

import type { ReportData } from "../data/load.js";
import { DataError } from "../errors.js";
import type { Layout } from "../template/layout.js";

/**
 * Every line of every statement must appear on a sheet. A line the template does not
 * show is either a transcription slip or a template that forgot it; either way the
 * workbook would silently not be the whole statement.
 */
export function checkCoverage(layout: Layout, data: ReportData): void {
  const shown = new Map<string, Set<string>>();
  for (const { sheet } of layout.sheets) {
    for (const row of sheet.rows) {
      if (!("id" in row)) continue;
      const [first, second] = (row.item ?? row.id).split(".");
      for (const st of sheet.statements) {
        if (second !== undefined && st !== first) continue;
        const set = shown.get(st) ?? new Set<string>();
        set.add(second ?? first!);
        shown.set(st, set);
      }
    }
  }
  for (const [id, st] of data.statements) {
    const on = shown.get(id);
    if (!on) {
      throw new DataError(`statement "${id}" is not shown on any sheet`, {
        file: st.file,
        path: `$.statements.${id}`,
        hint: `a template sheet listing "${id}" in its statements, or remove the statement`,
      });
    }
    for (const item of Object.keys(st.items)) {
      if (!on.has(item)) {
        throw new DataError(`line "${item}" of statement "${id}" is not shown on any sheet`, {
          file: st.file,
          path: `$.statements.${id}.items.${item}`,
          hint: `a row with id "${item}" (or "item": "${id}.${item}") on a sheet listing "${id}", or remove the line`,
        });
      }
    }
  }
}

import type { Model } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";

export interface ManifestFigure {
  /** `'Balance Sheet'!D14` */
  cell: string;
  value: StoredValue;
  kind: "input" | "formula";
  unit?: string;
}

/**
 * Indexes every figure by sheet id, row id and column id, so that other programs find
 * any figure without knowing the layout.
 */
export interface Manifest {
  tieout: string;
  workbook: string;
  /** sha256 of the workbook's bytes: a workbook edited or replaced since is not up to date. */
  workbookSha256: string;
  title: string;
  company: string;
  released: string;
  inputs: Record<string, string>;
  /** What the build found, so an unchanged report can be reported without rebuilding it. */
  build: Record<string, unknown>;
  sheets: Record<string, { name: string; rows: Record<string, Record<string, ManifestFigure>> }>;
}

export function buildManifest(
  model: Model,
  value: ComputedValues,
  workbook: { name: string; sha256: string },
  version: string,
  inputs: Record<string, string>,
  build: Record<string, unknown>,
): Manifest {
  const sheets: Manifest["sheets"] = {};
  for (const sheet of model.sheets) {
    for (const cell of sheet.cells) {
      if (!cell.figure) continue;
      const entry = (sheets[cell.figure.sheet] ??= { name: sheet.name, rows: {} });
      const row = (entry.rows[cell.figure.row] ??= {});
      const figure: ManifestFigure = {
        cell: cellAddress(cell.row, cell.col, sheet.name),
        value: value(sheet.name, cell.row, cell.col),
        kind: cell.formula !== undefined ? "formula" : "input",
      };
      if (cell.unit) figure.unit = cell.unit;
      row[cell.figure.column] = figure;
    }
  }
  return { tieout: version, workbook: workbook.name, workbookSha256: workbook.sha256, title: model.title, company: model.company, released: model.released, inputs, build, sheets };
}

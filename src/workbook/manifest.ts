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

/** JSON of `value` as `JSON.stringify(value, null, 2)` writes it, as if nested `depth` levels deep. */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);

/**
 * The manifest as JSON text (two-space indentation), made one row of figures at a
 * time: the manifest of a million-cell report is never one object or one string.
 * Rows follow the sheets' order; a row's figures are together in the model.
 */
export function* manifestText(
  model: Model,
  value: ComputedValues,
  workbook: { name: string; sha256: string },
  version: string,
  inputs: Record<string, string>,
  build: Record<string, unknown>,
): Generator<string> {
  const head = { tieout: version, workbook: workbook.name, workbookSha256: workbook.sha256, title: model.title, company: model.company, released: model.released, inputs, build };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "sheets": {`;
  let sheets = 0;
  for (const sheet of model.sheets) {
    let figureSheet: string | undefined;
    let rowId: string | undefined;
    let row: Record<string, ManifestFigure> = {};
    const done = new Set<string>();
    const flush = function* (): Generator<string> {
      if (rowId === undefined) return;
      if (done.has(rowId)) throw new Error(`the figures of row "${rowId}" of sheet "${sheet.name}" are not together in the model`);
      yield `${done.size > 0 ? "," : ""}\n        ${JSON.stringify(rowId)}: ${nested(row, 4)}`;
      done.add(rowId);
    };
    for (const cell of sheet.cells) {
      if (!cell.figure) continue;
      if (figureSheet === undefined) {
        figureSheet = cell.figure.sheet;
        yield `${sheets++ > 0 ? "," : ""}\n    ${JSON.stringify(figureSheet)}: {\n      "name": ${JSON.stringify(sheet.name)},\n      "rows": {`;
      }
      if (cell.figure.row !== rowId) {
        yield* flush();
        rowId = cell.figure.row;
        row = {};
      }
      const figure: ManifestFigure = {
        cell: cellAddress(cell.row, cell.col, sheet.name),
        value: value(sheet.name, cell.row, cell.col),
        kind: cell.formula !== undefined ? "formula" : "input",
      };
      if (cell.unit) figure.unit = cell.unit;
      row[cell.figure.column] = figure;
    }
    yield* flush();
    if (figureSheet !== undefined) yield done.size > 0 ? "\n      }\n    }" : "}\n    }";
  }
  yield sheets > 0 ? "\n  }\n}\n" : "}\n}\n";
}

/** The manifest as an object, for programs that use tieout as a library. */
export function buildManifest(...args: Parameters<typeof manifestText>): Manifest {
  return JSON.parse([...manifestText(...args)].join("")) as Manifest;
}

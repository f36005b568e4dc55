import { closeSync, openSync, readSync } from "node:fs";
import type { Model } from "../model/types.js";
import { columnLetters, quoteSheetName } from "../template/a1.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import { figureId, rowCells } from "../model/row.js";

export interface ManifestFigure {
  /** `'Balance Sheet'!D14` */
  cell: string;
  value: StoredValue;
  kind: "input" | "formula";
  unit?: string;
  /** The role of the figure's period in the template (current, prior…): the same key whatever the period. */
  role?: string;
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

/** Everything before the figures: what a scheduler reads to know whether a report is up to date. */
export type ManifestHead = Omit<Manifest, "sheets">;

/** Where the head ends in the text: the figures follow. */
const SHEETS = ',\n  "sheets": {';

/**
 * The manifest as JSON text, made one row of figures at a time: the manifest of a
 * million-cell report is never one object or one string. Two-space indentation, each
 * figure on one line. Rows follow the sheets' order; a row's figures are together in
 * the model.
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
  yield `${JSON.stringify(head, null, 2).slice(0, -2)}${SHEETS}`;
  let sheets = 0;
  for (const sheet of model.sheets) {
    let figureSheet: string | undefined;
    let rowId: string | undefined;
    let lines: string[] = [];
    const done = new Set<string>();
    const flush = function* (): Generator<string> {
      if (rowId === undefined) return;
      if (done.has(rowId)) throw new Error(`the figures of row "${rowId}" of sheet "${sheet.name}" are not together in the model`);
      yield `${done.size > 0 ? "," : ""}\n        ${JSON.stringify(rowId)}: {${lines.join(",")}\n        }`;
      done.add(rowId);
    };
    // A figure's line is written field by field, as JSON.stringify would write its object, without making the
    // object; what repeats down a column (its id, the cell's letters) or across the sheet (units) is quoted once.
    const quotedSheet = JSON.stringify(sheet.name);
    const prefix = `${quoteSheetName(sheet.name)}!`;
    const heads: string[] = [];
    const headOf = (col: number, column: string): string =>
      (heads[col] ??= `\n          ${JSON.stringify(column)}: {"cell":${JSON.stringify(prefix + columnLetters(col)).slice(0, -1)}`);
    const roles: string[] = [];
    const roleOf = (col: number): string => (roles[col] ??= sheet.columnRoles?.[col] === undefined ? "" : `,"role":${JSON.stringify(sheet.columnRoles[col])}`);
    const units = new Map<string, string>();
    const unitOf = (unit: string): string => units.get(unit) ?? units.set(unit, `,"unit":${JSON.stringify(unit)}`).get(unit)!;
    for (const row of sheet.rows) {
      for (const cell of rowCells(sheet, row)) {
        const figure = figureId(sheet, row, cell.col);
        if (!figure) continue;
        if (figureSheet === undefined) {
          figureSheet = figure.sheet;
          yield `${sheets++ > 0 ? "," : ""}\n    ${JSON.stringify(figureSheet)}: {\n      "name": ${quotedSheet},\n      "rows": {`;
        }
        if (figure.row !== rowId) {
          yield* flush();
          rowId = figure.row;
          lines = [];
        }
        const stored = value(sheet.name, cell.row, cell.col);
        const kind = cell.formula !== undefined ? '"formula"' : '"input"';
        const json = typeof stored === "number" ? String(stored) : JSON.stringify(stored);
        lines.push(`${headOf(cell.col, figure.column)}${cell.row}","value":${json},"kind":${kind}${cell.unit ? unitOf(cell.unit) : ""}${roleOf(cell.col)}}`);
      }
    }
    yield* flush();
    if (figureSheet !== undefined) yield done.size > 0 ? "\n      }\n    }" : "}\n    }";
  }
  yield sheets > 0 ? "\n  }\n}\n" : "}\n}\n";
}

/**
 * The head of a manifest file, read without reading its figures (a million-cell
 * report's manifest is a hundred megabytes): undefined when there is none to read.
 */
export function readManifestHead(file: string): ManifestHead | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n > 0) chunks.push(Buffer.from(chunk.subarray(0, n)));
      const text = Buffer.concat(chunks).toString("utf8");
      const end = text.indexOf(SHEETS);
      // A manifest without the marker (written otherwise) is read whole.
      if (end >= 0 || n === 0) return JSON.parse(end >= 0 ? `${text.slice(0, end)}\n}` : text) as ManifestHead;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The manifest as an object, for programs that use tieout as a library. */
export function buildManifest(...args: Parameters<typeof manifestText>): Manifest {
  return JSON.parse([...manifestText(...args)].join("")) as Manifest;
}

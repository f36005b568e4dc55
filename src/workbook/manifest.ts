import { closeSync, openSync, readSync } from "node:fs";
import type { Model } from "../model/types.js";
import { columnLetters, quoteSheetName } from "../template/a1.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import { walkRow } from "../model/row.js";

export type FigureKind = "input" | "formula";

/** One figure, as `figureOf` gives it from the manifest's rows. */
export interface ManifestFigure {
  /** `'Balance Sheet'!D14` */
  cell: string;
  value: StoredValue;
  kind: FigureKind;
  unit?: string;
  /** The role of the figure's period in the template (current, prior…): the same key whatever the period. */
  role?: string;
}

/** A column of figures: its id (the period it shows, or a comparison's id), its letters, its period's role. */
export interface ManifestColumn {
  id: string;
  column: string;
  role?: string;
}

/**
 * A row's figures as arrays beside the sheet's `columns`: `values[i]` is the figure in
 * `columns[i]`. `kind` and `unit` are one text when every column of the row has a figure
 * of that kind (that unit), else an array beside `values`, null where the row has no
 * figure (no unit); a row without any unit has no `unit`.
 */
export interface ManifestRow {
  row: number;
  values: StoredValue[];
  kind: FigureKind | (FigureKind | null)[];
  unit?: string | (string | null)[];
}

export interface ManifestSheet {
  name: string;
  columns: ManifestColumn[];
  rows: Record<string, ManifestRow>;
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
  sheets: Record<string, ManifestSheet>;
}

/** Everything before the figures: what a scheduler reads to know whether a report is up to date. */
export type ManifestHead = Omit<Manifest, "sheets">;

/** Where the head ends in the text: the figures follow. */
const SHEETS = ',\n  "sheets": {';

/** A row's kinds or units: one text when all the row's columns share it, else the array. */
function shared<T extends string>(xs: (T | null)[]): T | (T | null)[] | undefined {
  const first = xs[0];
  if (first === null || first === undefined) return xs.every((x) => x === null) ? undefined : xs;
  return xs.every((x) => x === first) ? first : xs;
}

/**
 * The manifest as JSON text, made one row of figures at a time: the manifest of a
 * million-cell report is never one object or one string. Two-space indentation, a row
 * of figures to a line (see ManifestRow), so a report's manifest is about the size of
 * its workbook. Rows follow the sheets' order; a row's figures are together in the model.
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
    const columns: ManifestColumn[] = [];
    /** Column number → index in `columns`. */
    const index: number[] = [];
    sheet.columnIds.forEach((id, col) => {
      if (id === undefined) return;
      index[col] = columns.length;
      const role = sheet.columnRoles?.[col];
      columns.push({ id, column: columnLetters(col), ...(role !== undefined && { role }) });
    });
    const done = new Set<string>();
    const n = columns.length;
    for (const row of sheet.rows) {
      if (row.id === undefined || n === 0) continue;
      const values: StoredValue[] = new Array<StoredValue>(n).fill(null);
      const kinds: (FigureKind | null)[] = new Array<FigureKind | null>(n).fill(null);
      const units: (string | null)[] = new Array<string | null>(n).fill(null);
      let figures = 0;
      const add = (col: number, kind: FigureKind, unit: string | undefined): void => {
        const i = index[col];
        if (i === undefined) return;
        values[i] = value(sheet.name, row.row, col);
        kinds[i] = kind;
        units[i] = unit ?? null;
        figures++;
      };
      walkRow(
        row,
        (cell) => add(cell.col, cell.formula !== undefined ? "formula" : "input", cell.unit),
        (col) => add(col, "input", row.look?.unit),
      );
      if (figures === 0) continue;
      if (done.has(row.id)) throw new Error(`the figures of row "${row.id}" of sheet "${sheet.name}" are not together in the model`);
      if (done.size === 0) yield `${sheets++ > 0 ? "," : ""}\n    ${JSON.stringify(sheet.id)}: {\n      "name": ${JSON.stringify(sheet.name)},\n      "columns": ${JSON.stringify(columns)},\n      "rows": {`;
      const unit = shared(units);
      const line = `{"row":${row.row},"values":[${values.map((v) => (typeof v === "number" ? String(v) : JSON.stringify(v))).join(",")}],"kind":${JSON.stringify(shared(kinds))}${unit === undefined ? "" : `,"unit":${JSON.stringify(unit)}`}}`;
      yield `${done.size > 0 ? "," : ""}\n        ${JSON.stringify(row.id)}: ${line}`;
      done.add(row.id);
    }
    if (done.size > 0) yield "\n      }\n    }";
  }
  yield sheets > 0 ? "\n  }\n}\n" : "}\n}\n";
}

/** A figure of the manifest by sheet id, row id and column id, as one object. */
export function figureOf(manifest: Pick<Manifest, "sheets">, sheetId: string, rowId: string, columnId: string): ManifestFigure | undefined {
  const sheet = manifest.sheets[sheetId];
  const row = sheet && Object.hasOwn(sheet.rows, rowId) ? sheet.rows[rowId] : undefined;
  const i = sheet?.columns.findIndex((c) => c.id === columnId) ?? -1;
  if (!sheet || !row || i < 0) return undefined;
  const at = <T>(x: T | (T | null)[] | undefined): T | undefined => (Array.isArray(x) ? (x[i] ?? undefined) : x);
  const kind = at(row.kind);
  if (kind === undefined) return undefined;
  const unit = at(row.unit);
  const { column, role } = sheet.columns[i]!;
  return { cell: `${quoteSheetName(sheet.name)}!${column}${row.row}`, value: row.values[i]!, kind, ...(unit !== undefined && { unit }), ...(role !== undefined && { role }) };
}

/** Every figure of the manifest with its sheet, row and column ids, in the manifest's order. */
export function* manifestFigures(manifest: Pick<Manifest, "sheets">): Generator<{ sheet: string; row: string; column: string; figure: ManifestFigure }> {
  for (const [sheet, s] of Object.entries(manifest.sheets)) {
    for (const row of Object.keys(s.rows)) {
      for (const { id } of s.columns) {
        const figure = figureOf(manifest, sheet, row, id);
        if (figure) yield { sheet, row, column: id, figure };
      }
    }
  }
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

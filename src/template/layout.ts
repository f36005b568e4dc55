import { TemplateError } from "../errors.js";
import { MAX_COLUMNS, MAX_ROWS } from "./a1.js";
import type { LoadedSheet, Template } from "./load.js";
import type { Column, Heading, Row } from "./schema.js";

/** Where things sit on every template sheet: fixed rows on top, labels in column A. */
export const TITLE_ROW = 1;
export const STATUS_ROW = 2;
export const HEADER_ROW = 4;
export const FIRST_ROW = 5;
export const LABEL_COLUMN = 1;
export const FIRST_VALUE_COLUMN = 2;

export type ColumnKind = "period" | "derived" | "comparison";

export interface LaidColumn {
  id: string;
  col: number;
  kind: ColumnKind;
  /** Period columns and derived period columns. */
  period?: string;
  header: string;
  spec: Column;
}

export interface LaidRow {
  row: number;
  spec: Row | Heading;
}

export interface SheetLayout {
  sheet: LoadedSheet;
  rows: LaidRow[];
  rowOf: Map<string, number>;
  columns: LaidColumn[];
  columnOf: Map<string, LaidColumn>;
}

export interface Layout {
  sheets: SheetLayout[];
  byId: Map<string, SheetLayout>;
}

/** Positions every row and column of every sheet; formulas are compiled against this. */
export function layOut(template: Template): Layout {
  const sheets = template.sheets.map(layOutSheet);
  return { sheets, byId: new Map(sheets.map((s) => [s.sheet.id, s])) };
}

function layOutSheet(sheet: LoadedSheet): SheetLayout {
  const lastRow = FIRST_ROW + sheet.rows.length - 1;
  if (lastRow > MAX_ROWS) {
    throw new TemplateError(`the sheet needs ${lastRow} rows; Excel allows ${MAX_ROWS}`, { file: sheet.file, path: "$.rows", hint: "fewer rows, or split the sheet" });
  }
  const lastColumn = FIRST_VALUE_COLUMN + sheet.columns.length - 1;
  if (lastColumn > MAX_COLUMNS) {
    throw new TemplateError(`the sheet needs ${lastColumn} columns; Excel allows ${MAX_COLUMNS}`, { file: sheet.file, path: "$.columns", hint: "fewer columns" });
  }
  const rows = sheet.rows.map((spec, i) => ({ row: FIRST_ROW + i, spec }));
  const rowOf = new Map<string, number>();
  for (const r of rows) if ("id" in r.spec) rowOf.set(r.spec.id, r.row);
  const columns = sheet.columns.map((spec, i): LaidColumn => {
    const col = FIRST_VALUE_COLUMN + i;
    if ("period" in spec) {
      return { id: spec.period, col, kind: spec.inputs ? "derived" : "period", period: spec.period, header: spec.header ?? spec.period, spec };
    }
    return { id: spec.id, col, kind: "comparison", header: spec.header, spec };
  });
  return { sheet, rows, rowOf, columns, columnOf: new Map(columns.map((c) => [c.id, c])) };
}

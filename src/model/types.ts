import type { Figure } from "../data/number.js";
import type { Unit } from "../data/schema.js";
import type { Where } from "../errors.js";
import type { Chart, Format } from "../template/schema.js";

/**
 * What a cell is for, which decides how it looks (FAST: inputs blue, calculations
 * black, links to other sheets green) and whether the manifest calls it an input.
 */
export type CellRole = "title" | "status" | "header" | "heading" | "label" | "text" | "input" | "formula" | "link";

/** The figure a cell holds, by template ids: what the manifest indexes (see `figureId`). */
export interface FigureId {
  sheet: string;
  row: string;
  column: string;
}

export interface ModelCell {
  row: number;
  col: number;
  role: CellRole;
  /** Input figures, labels and text. Figures are decimals until the file is written. */
  value?: Figure | string | boolean;
  /** Excel formula text, A1 references, no leading `=`. */
  formula?: string;
  format?: Format;
  style?: "total" | "subtotal" | "of_which" | "memo" | undefined;
  indent?: number | undefined;
  /**
   * Where the figures came from (statement and table of the release), written as a
   * cell note: on a row's label for the figures of that row, one note per row rather
   * than per figure, since each note is a drawing shape in the file.
   */
  source?: string | undefined;
  unit?: Unit;
  /** Where the cell was defined, for error messages about it. */
  where: Where;
}

/**
 * What a row's plain input figures share, one object for every row that looks alike.
 * The figures themselves are kept bare, as numbers in `ModelRow.figures`: a report of
 * a million figures would otherwise hold a million cell objects, each several times
 * the size of its number.
 */
export interface InputLook {
  format: Format;
  style?: ModelCell["style"] | undefined;
  unit: Unit;
}

/** One row of a sheet. */
export interface ModelRow {
  row: number;
  /** The template row it lays out: with the sheet's id and each column's, the id of each of its figures. */
  id?: string;
  /**
   * A template row's label (column A), its sources (a note on the label) and its look,
   * kept in the row rather than as a cell of its own: a large report has a label per
   * row. Other rows (titles, headers, headings, the Checks sheet) have column A in `cells`.
   */
  label?: string;
  source?: string | undefined;
  style?: ModelCell["style"] | undefined;
  indent?: number | undefined;
  /** Every other cell but the plain input figures, left to right. */
  cells: ModelCell[];
  /** Plain input figures by column number (a sparse array), and their look. */
  figures?: (Figure | undefined)[] | undefined;
  look?: InputLook | undefined;
}

export interface ModelSheet {
  id: string;
  name: string;
  /** The template file of the sheet: with a row's position, the place of its label and bare figures. */
  file?: string;
  title: string;
  /** The header row and the first column of figures: panes freeze here. */
  headerRow: number;
  firstValueColumn: number;
  /** In ascending row order; a row the sheet leaves empty is not there. */
  rows: ModelRow[];
  /** Template column ids by column number: the column part of a figure's id (a period column's period id). */
  columnIds: (string | undefined)[];
  /** The role of each period column a template names by role, by column number. */
  columnRoles?: (string | undefined)[];
  /** Workbook-scoped names for headline figures: `Revenue_1H18` → `'Income Statement'!$C$18`. */
  names?: { name: string; ref: string }[];
  /** Native charts drawn on the sheet, their series bound to cell ranges. */
  charts?: ModelChart[];
}

/** A block of cells of one sheet, 1-based and inclusive: a chart's series or its labels. */
export interface CellRange {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ModelChartSeries {
  /** The legend text: a cell (label or header) or literal text. */
  name: CellRange | string;
  values: CellRange;
  /** combo charts: drawn as a line on the secondary (percent) axis. */
  secondary: boolean;
  format: Format;
  unit: Unit;
}

export interface ModelChart {
  id: string;
  title: string;
  kind: Chart["kind"];
  /** Top-left cell (1-based) and size in whole cells. */
  anchor: { row: number; col: number; rows: number; columns: number };
  /** The category labels: header cells or label cells. */
  categories: CellRange;
  series: ModelChartSeries[];
  where: Where;
}

/** A check or a published figure: a row on the Checks or Published sheet whose OK cell reads OK when it holds (see pass-fail.ts). */
export interface Verdict {
  kind: "check" | "published";
  id: string;
  label: string;
  period: string;
  sheet: string;
  row: number;
  /** The column of the pass/fail cell. */
  okColumn: number;
  /** The columns holding what is compared, for messages: [ours/left, theirs/right]. */
  compared: [number, number];
  /** The columns of the difference (checks) and of the tolerance or allowance, and the interval's bounds (rounded inputs), for messages. */
  difference?: number;
  tolerance?: number;
  interval?: [number, number];
  /** The unit of what is compared: a check's lhs, a published figure's. */
  unit?: string;
  /** How a check's lhs compares with its rhs; `=` when absent. */
  relation?: "<=" | ">=";
  /** A published mark (`—`, `n/m`), compared as text. */
  text?: true;
}

export interface Model {
  /** The report's title (document title); `subject` is the template's. */
  title: string;
  subject: string;
  company: string;
  released: string;
  sheets: ModelSheet[];
  verdicts: Verdict[];
  /** The master flag: OK when no verdict reads FAIL. */
  master: { sheet: string; row: number; col: number };
  /** What the build should say but that does not stop it (an input row nothing uses), one line each. */
  warnings?: string[];
}

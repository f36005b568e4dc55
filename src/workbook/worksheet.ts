import type { Figure } from "../data/number.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import { labelCell, walkRow } from "../model/row.js";
import type { ModelCell, ModelRow, ModelSheet } from "../model/types.js";
import { cellAddress, columnLetters } from "../template/a1.js";
import { LABEL_COLUMN } from "../template/layout.js";
import type { SharedStrings } from "./shared-strings.js";
import { PASS } from "../model/pass-fail.js";
import { FAIL_DXF, PASS_DXF, type StyleSheet } from "./styles.js";
import { escapeXml, formulaXml } from "./xml.js";

/** What a sheet's XML needs to know before its first row: column widths, outline, notes, extent. */
export interface SheetSurvey {
  widths: Map<number, number>;
  /** Some rows fold away under their parent ("of which" and memo lines). */
  outline: boolean;
  /** How many notes the sheet has (see `sheetNotes`). */
  notes: number;
  lastRow: number;
  lastCol: number;
}

const FIGURE_WIDTH = 14;

/** "Of which" lines and memo lines fold away under their parent. */
const folds = (cell: ModelCell): boolean => cell.col === LABEL_COLUMN && (cell.style === "of_which" || cell.style === "memo");

/** Rough width of what a cell shows, so columns fit their content. */
function displayWidth(cell: ModelCell): number {
  if (cell.role === "title" || cell.role === "status") return 0;
  if (typeof cell.value === "string") return Math.min(cell.value.length, 70) + (cell.indent ?? 0) * 2;
  return FIGURE_WIDTH;
}

/** One pass over the sheet for what its head and its related parts need. */
export function surveySheet(sheet: ModelSheet): SheetSurvey {
  const widths = new Map<number, number>();
  const widen = (col: number, w: number): void => void widths.set(col, Math.max(widths.get(col) ?? 0, w));
  let notes = 0;
  let outline = false;
  let lastRow = 0;
  let lastCol = 0;
  const see = (cell: ModelCell): void => {
    widen(cell.col, displayWidth(cell));
    if (cell.source) notes++;
    if (folds(cell)) outline = true;
    lastCol = Math.max(lastCol, cell.col);
    lastRow = cell.row;
  };
  for (const row of sheet.rows) {
    const label = labelCell(sheet, row);
    if (label) see(label);
    walkRow(row, see, (col) => {
      widen(col, FIGURE_WIDTH);
      lastCol = Math.max(lastCol, col);
      lastRow = row.row;
    });
  }
  return { widths, outline, notes, lastRow, lastCol };
}

/** What a worksheet part refers to besides its cells. */
export interface SheetContext {
  computed: ComputedValues;
  styles: StyleSheet;
  strings: SharedStrings;
  /** Shown when the workbook opens. */
  selected: boolean;
  /** The report's title, for the page footer. */
  title: string;
  /** Cells green when they read OK and red otherwise: the sheet's pass/fail cells. */
  passFail: { row: number; col: number }[];
  /** Relationship ids of the sheet's drawing (charts) and VML drawing (notes). */
  drawing?: string | undefined;
  legacyDrawing?: string | undefined;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Header and footer text: `&` starts a code there, so a literal one is doubled. */
const footerText = (text: string): string => escapeXml(text.replace(/&/g, "&&"));

/**
 * A worksheet part, in pieces a row at a time: frozen panes below the header row and
 * right of the labels, column widths, outline levels, cells with their formats
 * (formulas with their cached results), pass/fail colours, landscape printing one
 * page wide with a footer, and the sheet's drawings.
 */
export function* worksheetXml(sheet: ModelSheet, survey: SheetSurvey, ctx: SheetContext): Generator<string> {
  yield head(sheet, survey, ctx.selected);
  const letters: string[] = [];
  for (let c = 1; c <= survey.lastCol; c++) letters[c] = columnLetters(c);
  const cell = new CellWriter(sheet, letters, ctx);
  for (const row of sheet.rows) yield cell.row(row);
  yield "</sheetData>";
  yield conditionalFormats(ctx.passFail);
  yield '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>';
  yield '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  yield `<headerFooter><oddFooter>&amp;L${footerText(ctx.title)}&amp;R${footerText(sheet.name)} — page &amp;P of &amp;N</oddFooter></headerFooter>`;
  if (ctx.drawing) yield `<drawing r:id="${ctx.drawing}"/>`;
  if (ctx.legacyDrawing) yield `<legacyDrawing r:id="${ctx.legacyDrawing}"/>`;
  yield "</worksheet>";
}

function head(sheet: ModelSheet, survey: SheetSurvey, selected: boolean): string {
  const x = sheet.firstValueColumn - 1;
  const y = sheet.headerRow;
  const topLeft = cellAddress(y + 1, x + 1);
  const extent = survey.lastRow > 0 ? `A1:${cellAddress(survey.lastRow, Math.max(survey.lastCol, 1))}` : "A1";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>` +
    '<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="${extent}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">` +
    `<pane xSplit="${x}" ySplit="${y}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>` +
    `<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>` +
    "</sheetView></sheetViews>" +
    `<sheetFormatPr defaultRowHeight="15"${survey.outline ? ' outlineLevelRow="1"' : ""}/>` +
    columns(survey.widths) +
    "<sheetData>"
  );
}

/** Column widths, neighbouring columns of one width in one element; labels up to 70 characters wide, figures up to 40. */
function columns(widths: Map<number, number>): string {
  const fitted = [...widths.keys()].sort((a, b) => a - b).map((col) => ({ col, width: Math.min(Math.max(widths.get(col)! + 2, 8), col === 1 ? 70 : 40) }));
  const runs: { min: number; max: number; width: number }[] = [];
  for (const { col, width } of fitted) {
    const last = runs[runs.length - 1];
    if (last && last.max === col - 1 && last.width === width) last.max = col;
    else runs.push({ min: col, max: col, width });
  }
  if (runs.length === 0) return "";
  return `<cols>${runs.map((r) => `<col min="${r.min}" max="${r.max}" width="${r.width}" customWidth="1"/>`).join("")}</cols>`;
}

/** Runs of consecutive rows in one column: one conditional format each, not one per cell. */
function conditionalFormats(cells: { row: number; col: number }[]): string {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { first: number; last: number; col: number }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.last === c.row - 1) last.last = c.row;
    else runs.push({ first: c.row, last: c.row, col: c.col });
  }
  // Priorities are unique across the sheet, as Excel numbers them.
  return runs
    .map((run, i) => {
      const top = cellAddress(run.first, run.col);
      const sqref = run.last === run.first ? top : `${top}:${cellAddress(run.last, run.col)}`;
      return (
        `<conditionalFormatting sqref="${sqref}">` +
        `<cfRule type="expression" dxfId="${PASS_DXF}" priority="${2 * i + 1}"><formula>${escapeXml(`${top}="${PASS}"`)}</formula></cfRule>` +
        `<cfRule type="expression" dxfId="${FAIL_DXF}" priority="${2 * i + 2}"><formula>${escapeXml(`${top}<>"${PASS}"`)}</formula></cfRule>` +
        "</conditionalFormatting>"
      );
    })
    .join("");
}

/** A number as a cell's `<v>` holds it: the double nearest the figure, written as JavaScript writes doubles (shortest round trip). */
function doubleText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} cannot be written to a workbook`);
  return n === 0 ? "0" : String(n);
}

const asDouble = (f: Figure): number => (typeof f === "number" ? f : f.toNumber());

/** Writes a sheet's rows, cell by cell, in the order the file keeps them: left to right. */
class CellWriter {
  constructor(
    private readonly sheet: ModelSheet,
    private readonly letters: string[],
    private readonly ctx: SheetContext,
  ) {}

  row(row: ModelRow): string {
    const r = row.row;
    const label = labelCell(this.sheet, row);
    const first = label ?? row.cells[0];
    const out: string[] = [`<row r="${r}"${first && folds(first) ? ' outlineLevel="1"' : ""}>`];
    if (label) out.push(this.cell(label));
    // One format for all of the row's plain figures.
    const look = row.look;
    const s = look ? this.ctx.styles.of({ role: "input", style: look.style, format: look.format, col: 2 }) : 0;
    walkRow(
      row,
      (cell) => out.push(this.cell(cell)),
      (col, f) => out.push(`<c r="${this.letters[col]}${r}" s="${s}"><v>${doubleText(asDouble(f))}</v></c>`),
    );
    out.push("</row>");
    return out.join("");
  }

  private cell(cell: ModelCell): string {
    const at = `<c r="${this.letters[cell.col]}${cell.row}" s="${this.ctx.styles.of(cell)}"`;
    if (cell.formula !== undefined) return `${at}${result(`<f>${formulaXml(cell.formula)}</f>`, this.ctx.computed(this.sheet.name, cell.row, cell.col))}</c>`;
    const v = cell.value;
    if (v === undefined) return `${at}/>`;
    if (typeof v === "string") return `${at} t="s"><v>${this.ctx.strings.of(v)}</v></c>`;
    if (typeof v === "boolean") return `${at} t="b"><v>${v ? 1 : 0}</v></c>`;
    return `${at}><v>${doubleText(asDouble(v))}</v></c>`;
  }
}

/** What follows a formula cell's open `<c …` tag: the type its cached result needs, the formula, the result. */
function result(formula: string, value: StoredValue): string {
  if (value === null) return `>${formula}`;
  if (typeof value === "number") return `>${formula}<v>${doubleText(value)}</v>`;
  if (typeof value === "string") return ` t="str">${formula}<v>${escapeXml(value)}</v>`;
  if (typeof value === "boolean") return ` t="b">${formula}<v>${value ? 1 : 0}</v>`;
  return ` t="e">${formula}<v>${escapeXml(value.error)}</v>`;
}

import { createRequire } from "node:module";
import { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Figure } from "../data/number.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import type { Model, ModelCell, ModelSheet } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import { chartXml } from "./chart/chart-xml.js";
import type { SheetNotes } from "./notes.js";
import { deterministicPackage } from "./package.js";
import { styleOf } from "./style.js";

/**
 * exceljs's streaming writer alone. The package's entry point also loads its readers,
 * its in-memory workbook and CSV support, which cost a third of a build's start-up and
 * are never used here. (The path is that of the pinned exceljs 4.4.0.)
 */
const WorkbookWriter = createRequire(import.meta.url)("exceljs/lib/stream/xlsx/workbook-writer.js") as typeof ExcelJS.stream.xlsx.WorkbookWriter;

/** Decimals become doubles only here, at the last moment, when written. */
function stored(value: Figure | string | boolean): number | string | boolean {
  return typeof value === "object" ? value.toNumber() : value;
}

/** The document properties exceljs's streaming writer takes as fields of the writer. */
interface DocumentProperties {
  title?: string;
  subject?: string;
}

/**
 * The workbook as bytes: every formula with its computed result, inputs as values,
 * each row's sources as a note on its label, styles and number formats, frozen
 * panes, print setup, names, pass/fail colours and charts; the same model, the same
 * bytes (entries dated to the release).
 *
 * Rows go through exceljs's streaming writer one at a time and are let go once
 * written, so a report of a million cells never exists as an in-memory workbook
 * (which takes about 1.4 GB for that many). Its package is stored uncompressed and
 * re-packed by tieout, which also asks Excel to recalculate on load: the streaming
 * writer cannot.
 */
export async function workbookBytes(model: Model, computed: ComputedValues): Promise<Uint8Array> {
  const date = new Date(`${model.released}T00:00:00Z`);
  const sink = new ByteSink();
  const wb = new WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
    zip: { store: true },
    creator: "tieout",
    lastModifiedBy: "tieout",
    created: date,
    modified: date,
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  Object.assign(wb as unknown as DocumentProperties, { title: model.title, subject: model.subject });
  const notes: SheetNotes[] = [];
  for (const sheet of model.sheets) {
    for (const n of sheet.names ?? []) wb.definedNames.add(n.ref, n.name);
    writeSheet(wb, model, sheet, computed);
    notes.push({ sheet: sheet.name, notes: sheet.cells.filter((c) => c.source).map((c) => ({ row: c.row, col: c.col, text: c.source! })) });
  }
  await wb.commit();
  const charts = model.sheets
    .filter((s) => (s.charts ?? []).length > 0)
    .map((s) => ({ sheet: s.name, charts: s.charts!.map((chart) => ({ chart, xml: chartXml(chart, computed) })) }));
  return deterministicPackage(sink.bytes(), date, { charts, notes, company: model.company });
}

/**
 * Collects the package exceljs writes. Its chunks are small (about one per row), and a
 * million small buffers cost several times their bytes; they are copied into pages of
 * 4 MiB as they come.
 */
class ByteSink extends Writable {
  private static readonly PAGE = 4 << 20;
  private readonly pages: Buffer[] = [];
  private page = Buffer.allocUnsafe(ByteSink.PAGE);
  private used = 0;

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.used === this.page.length) {
        this.pages.push(this.page);
        this.page = Buffer.allocUnsafe(Math.max(ByteSink.PAGE, chunk.length - from));
        this.used = 0;
      }
      const n = chunk.copy(this.page, this.used, from);
      this.used += n;
      from += n;
    }
    done();
  }

  bytes(): Buffer {
    return Buffer.concat([...this.pages, this.page.subarray(0, this.used)]);
  }
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: Model, sheet: ModelSheet, computed: ComputedValues): void {
  const cells = [...sheet.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  // "Of which" lines and memo lines fold away under their parent.
  const folded = (cell: ModelCell): boolean => cell.col === 1 && (cell.style === "of_which" || cell.style === "memo");
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", xSplit: sheet.firstValueColumn - 1, ySplit: sheet.headerRow }],
    properties: { outlineLevelRow: cells.some(folded) ? 1 : 0, outlineProperties: { summaryBelow: false, summaryRight: false } },
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${sheet.headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${footerText(model.title)}&R${footerText(sheet.name)} — page &P of &N` },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  // Widths are part of the sheet's head, written before its first row.
  const widths = new Map<number, number>();
  for (const cell of cells) widths.set(cell.col, Math.max(widths.get(cell.col) ?? 0, displayWidth(cell)));
  const last = Math.max(0, ...widths.keys());
  ws.columns = Array.from({ length: last }, (_, i) => {
    const width = widths.get(i + 1);
    return width === undefined ? {} : { width: Math.min(Math.max(width + 2, 8), i === 0 ? 70 : 40) };
  });
  const styles = new StyleCache();
  let row: ExcelJS.Row | undefined;
  for (const cell of cells) {
    if (row?.number !== cell.row) {
      row?.commit();
      row = ws.getRow(cell.row);
    }
    const target = row.getCell(cell.col);
    target.value = excelValue(cell, computed(sheet.name, cell.row, cell.col));
    target.style = styles.of(cell);
    if (folded(cell)) row.outlineLevel = 1;
  }
  row?.commit();
  passFail(ws, model, sheet.name);
  ws.commit();
}

/**
 * One style object per distinct look: exceljs recognises a style object it has seen
 * and reuses its id, instead of serialising it again for every cell.
 */
class StyleCache {
  private readonly byKey = new Map<string, ReturnType<typeof styleOf>>();

  of(cell: ModelCell): ReturnType<typeof styleOf> {
    const key = `${cell.role}|${cell.style ?? ""}|${cell.indent ?? 0}|${cell.format ?? ""}|${cell.col > 1 ? 1 : 0}`;
    let style = this.byKey.get(key);
    if (!style) this.byKey.set(key, (style = styleOf(cell)));
    return style;
  }
}

/** Header and footer text: `&` starts a code there, so a literal one is doubled. */
function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

const PASS = { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } } as const;
const FAIL = { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } as const;

/** Runs of consecutive rows in one column: one conditional format each, not one per cell. */
function runs(cells: { row: number; col: number }[]): { first: number; last: number; col: number }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: { first: number; last: number; col: number }[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.col === c.col && last.last === c.row - 1) last.last = c.row;
    else out.push({ first: c.row, last: c.row, col: c.col });
  }
  return out;
}

/** Green for TRUE, red for anything else, on every pass/fail cell of the sheet (and the master flag). */
function passFail(ws: ExcelJS.Worksheet, model: Model, sheetName: string): void {
  const cells = model.verdicts.filter((v) => v.sheet === sheetName).map((v) => ({ row: v.row, col: v.okColumn }));
  if (model.master.sheet === sheetName) cells.push({ row: model.master.row, col: model.master.col });
  for (const run of runs(cells)) {
    const top = cellAddress(run.first, run.col);
    ws.addConditionalFormatting({
      ref: `${top}:${cellAddress(run.last, run.col)}`,
      rules: [
        { type: "expression", priority: 1, formulae: [`${top}=TRUE`], style: { fill: PASS } },
        { type: "expression", priority: 2, formulae: [`${top}<>TRUE`], style: { fill: FAIL } },
      ],
    });
  }
}

function excelValue(cell: ModelCell, result: StoredValue): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    return { formula: cell.formula, result: result === null ? undefined : result } as ExcelJS.CellFormulaValue;
  }
  if (cell.value === undefined) return null;
  return stored(cell.value);
}

/** Rough width of what the cell shows, so columns fit their content. */
function displayWidth(cell: ModelCell): number {
  if (cell.role === "title" || cell.role === "status") return 0;
  if (typeof cell.value === "string") return Math.min(cell.value.length, 70) + (cell.indent ?? 0) * 2;
  return 14;
}

import ExcelJS from "exceljs";
import type { Decimal } from "decimal.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import type { Model, ModelCell } from "../model/types.js";
import { cellAddress } from "../template/a1.js";
import { chartXml } from "./chart/chart-xml.js";
import type { SheetCharts } from "./chart/parts.js";
import { deterministicPackage } from "./package.js";
import { styleOf } from "./style.js";


/** Decimals become doubles only here, at the last moment, when written. */
function stored(value: Decimal | string | boolean): number | string | boolean {
  return typeof value === "object" ? value.toNumber() : value;
}

/**
 * The charts of a workbook toExcel built, written with their cached values, until
 * workbookBytes packages it: exceljs has no charts, so they travel beside it.
 */
const chartsOf = new WeakMap<ExcelJS.Workbook, SheetCharts[]>();

/**
 * Builds the exceljs workbook: every formula with its computed result, inputs as
 * values with their source as a note, styles and number formats, frozen panes, and
 * a request that Excel recalculate on load.
 */
export function toExcel(model: Model, computed: ComputedValues): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${model.released}T00:00:00Z`);
  wb.creator = "tieout";
  wb.lastModifiedBy = "tieout";
  wb.created = date;
  wb.modified = date;
  wb.title = model.title;
  wb.company = model.company;
  wb.subject = model.subject;
  wb.calcProperties.fullCalcOnLoad = true;

  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: "frozen", xSplit: sheet.firstValueColumn - 1, ySplit: sheet.headerRow }],
    });
    const widths = new Map<number, number>();
    for (const cell of sheet.cells) {
      const target = ws.getCell(cell.row, cell.col);
      target.value = excelValue(cell, computed(sheet.name, cell.row, cell.col));
      target.style = styleOf(cell);
      if (cell.source) target.note = cell.source;
      widths.set(cell.col, Math.max(widths.get(cell.col) ?? 0, displayWidth(cell)));
    }
    for (const [col, width] of widths) ws.getColumn(col).width = Math.min(Math.max(width + 2, 8), col === 1 ? 70 : 40);
    // "Of which" lines and memo lines fold away under their parent.
    for (const cell of sheet.cells) if (cell.col === 1 && (cell.style === "of_which" || cell.style === "memo")) ws.getRow(cell.row).outlineLevel = 1;
    ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
    ws.pageSetup = {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${sheet.headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    ws.headerFooter = { oddFooter: `&L${footerText(model.title)}&R${footerText(sheet.name)} — page &P of &N` };
    for (const n of sheet.names ?? []) wb.definedNames.add(n.ref, n.name);
    passFail(ws, model, sheet.name);
  }
  const charts = model.sheets
    .filter((s) => (s.charts ?? []).length > 0)
    .map((s) => ({ sheet: s.name, charts: s.charts!.map((chart) => ({ chart, xml: chartXml(chart, computed) })) }));
  chartsOf.set(wb, charts);
  return wb;
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

/** The workbook as bytes, with its charts: the same workbook, the same bytes (entries dated `date`). */
export async function workbookBytes(wb: ExcelJS.Workbook, date: Date): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions);
  return deterministicPackage(new Uint8Array(buffer as ArrayBuffer), date, chartsOf.get(wb) ?? []);
}

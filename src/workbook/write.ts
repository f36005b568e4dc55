import ExcelJS from "exceljs";
import type { Decimal } from "decimal.js";
import type { ComputedValues, StoredValue } from "../formula/stored.js";
import type { Model, ModelCell } from "../model/types.js";
import { deterministicPackage } from "./package.js";
import { styleOf } from "./style.js";


/** Decimals become doubles only here, at the last moment, when written. */
function stored(value: Decimal | string | boolean): number | string | boolean {
  return typeof value === "object" ? value.toNumber() : value;
}

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
  }
  return wb;
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

/** The workbook as bytes: the same workbook, the same bytes (entries dated `date`). */
export async function workbookBytes(wb: ExcelJS.Workbook, date: Date): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return deterministicPackage(new Uint8Array(buffer as ArrayBuffer), date);
}

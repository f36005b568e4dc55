import { Decimal } from "../decimal.js";
import type { Figure } from "../data/number.js";
import { currencyOf, currencySymbol, parseUnit } from "../data/unit.js";
import { TemplateError, type Where } from "../errors.js";
import type { CellRef } from "../template/compile.js";
import { FIRST_ROW, FIRST_VALUE_COLUMN, type LaidColumn, type SheetLayout } from "../template/layout.js";
import { formatTokens, isPreset, needsSymbol, presetCode, type Format } from "../template/number-format.js";
import type { Row } from "../template/schema.js";
import type { UnitRegistry } from "./quantity.js";

/** Whether a format shows a percentage: the cell holds a fraction. */
export function isPercentFormat(format: Format | undefined): boolean {
  if (format === undefined) return false;
  if (isPreset(format)) return format === "percent" || format === "percent2";
  return formatTokens(format.split(";")[0]!).some((t) => !t.literal && t.code === "%");
}

/** A template row's unit: its own, percent for a percentage row, else the sheet's. */
export function rowUnit(layout: SheetLayout, spec: Row): string {
  return spec.unit ?? (isPercentFormat(spec.format) ? "percent" : layout.sheet.unit);
}

/** The unit of a row's figures in a column: a comparison column may hold its own (YoY % holds percentages whatever the row). */
export function unitIn(layout: SheetLayout, column: LaidColumn | undefined, spec: Row | undefined): string {
  if (column && column.kind === "comparison" && "formula" in column.spec) {
    if (column.spec.unit) return column.spec.unit;
    if (isPercentFormat(column.spec.format)) return "percent";
  }
  return spec ? rowUnit(layout, spec) : layout.sheet.unit;
}

// Rows and columns are laid out one after another from the first: a cell's row and column are found by position, not searched for.
const rowAt = (layout: SheetLayout, row: number): Row | undefined => {
  const spec = layout.rows[row - FIRST_ROW]?.spec;
  return spec && "id" in spec ? spec : undefined;
};
const columnAt = (layout: SheetLayout, col: number): LaidColumn | undefined => layout.columns[col - FIRST_VALUE_COLUMN];

/** The unit of the figure in a cell of a template sheet. */
export function unitOf(layout: SheetLayout, ref: CellRef): string {
  return unitIn(layout, columnAt(layout, ref.col), rowAt(layout, ref.row));
}

/** The template rows of a range in one column, each with its unit there; headings and rows that leave the column blank left out. */
export function eachRangeRow(from: CellRef, to: CellRef, visit: (spec: Row, unit: string) => void): void {
  const column = columnAt(from.sheet, from.col);
  for (let row = from.row; row <= to.row; row++) {
    const spec = rowAt(from.sheet, row);
    if (spec && !(column && spec.skip?.includes(column.id))) visit(spec, unitIn(from.sheet, column, spec));
  }
}

const defaults = new Map<string, Format>();

/** The format a row takes when it declares none: what its unit's figures are printed in. */
export function defaultFormat(unit: string): Format {
  let format = defaults.get(unit);
  if (format === undefined) defaults.set(unit, (format = formatOfUnit(unit)));
  return format;
}

function formatOfUnit(unit: string): Format {
  const parts = parseUnit(unit);
  if ("problem" in parts) return "amount";
  if (parts.kind === "percent") return "percent";
  if (parts.kind === "ratio") return "decimal2";
  if (parts.kind === "basis_points") return "bp";
  return parts.per !== undefined ? "per_share" : "amount";
}

/**
 * The format a cell is written with: a preset's name or an Excel format code, the
 * currency-symbol presets made into codes for the cell's currency.
 */
export function cellFormat(format: Format, unit: string, where: Where): Format {
  if (!isPreset(format) || !needsSymbol(format)) return format;
  const currency = currencyOf(unit);
  if (!currency) throw new TemplateError(`format "${format}" shows a currency symbol, but the figures are in ${unit}`, { ...where, hint: "a currency unit (USD millions), or a format without _symbol" });
  return presetCode(format as Exclude<typeof format, "text">, currencySymbol(currency));
}

/**
 * The factor that turns a figure in `from` into `to` (thousands → millions: 0.001),
 * or undefined when no conversion makes sense (shares into yen).
 */
export function conversion(registry: UnitRegistry, from: string, to: string): Decimal | undefined {
  if (from === to) return new Decimal(1);
  const a = registry.quantity(from);
  const b = registry.quantity(to);
  if (typeof a === "string" || typeof b === "string" || !a.sameDimension(b)) return undefined;
  return a.scale.div(b.scale);
}

/** A figure as printed: `82,988` → 82988, `(2.7)` → -2.7, with the number of decimals printed. */
export function parsePrinted(printed: string): { value: Decimal; decimals: number } {
  const negative = /^\(.*\)$/.test(printed) || printed.startsWith("-");
  const digits = printed.replace(/[(),\-]/g, "");
  const decimals = digits.includes(".") ? digits.length - digits.indexOf(".") - 1 : 0;
  const value = new Decimal(digits);
  return { value: negative ? value.negated() : value, decimals };
}

/** `82988285` → `82,988,285`, `-2.7` → `(2.7)`: how the release prints a figure. */
export function printFigure(figure: Figure): string {
  const value = new Decimal(figure);
  const [int, frac] = value.abs().toFixed().split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = frac ? `${grouped}.${frac}` : grouped;
  return value.isNegative() && !value.isZero() ? `(${text})` : text;
}

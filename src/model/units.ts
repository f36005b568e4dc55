import { Decimal } from "decimal.js";
import type { Figure } from "../data/number.js";
import { currencyOf, currencySymbol, parseUnit } from "../data/unit.js";
import { TemplateError, type Where } from "../errors.js";
import type { CellRef } from "../template/compile.js";
import type { LaidColumn, SheetLayout } from "../template/layout.js";
import { formatTokens, isPreset, needsSymbol, presetCode, type Format } from "../template/number-format.js";
import type { Row } from "../template/schema.js";
import type { UnitRegistry } from "./quantity.js";
import type { CellFacts } from "./unit-check.js";

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

/** The unit of the figure in a cell of a template sheet. */
export function unitOf(layout: SheetLayout, ref: CellRef): string {
  const spec = layout.rows.find((r) => r.row === ref.row)?.spec;
  return unitIn(layout, layout.columns.find((c) => c.col === ref.col), spec && "id" in spec ? spec : undefined);
}

/** What a unit check needs of a cell: its unit and its row. */
export function factsOf(ref: CellRef, label: string): CellFacts {
  const spec = ref.sheet.rows.find((r) => r.row === ref.row)?.spec;
  const row = spec && "id" in spec ? spec : undefined;
  return { unit: unitOf(ref.sheet, ref), spec: row, label };
}

/** The template rows of a range in one column, headings and rows that leave the column blank left out. */
export function rangeFacts(from: CellRef, to: CellRef): CellFacts[] {
  const column = from.sheet.columns.find((c) => c.col === from.col);
  return from.sheet.rows.flatMap(({ row, spec }) =>
    row < from.row || row > to.row || !("id" in spec) || (column && spec.skip?.includes(column.id)) ? [] : [{ unit: unitIn(from.sheet, column, spec), spec, label: spec.id }],
  );
}

/** The format a row takes when it declares none: what its unit's figures are printed in. */
export function defaultFormat(unit: string): Format {
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

import { Decimal } from "../decimal.js";
import type { Figure } from "../data/number.js";
import type { Unit } from "../data/schema.js";

const JPY_SCALE: Partial<Record<Unit, number>> = { JPY: 0, "JPY thousands": 3, "JPY millions": 6, "JPY billions": 9 };

/**
 * The factor that turns a figure in `from` into `to` (thousands → millions: 0.001),
 * or undefined when no conversion makes sense (shares into yen).
 */
export function conversion(from: Unit, to: Unit): Decimal | undefined {
  if (from === to) return new Decimal(1);
  const a = JPY_SCALE[from];
  const b = JPY_SCALE[to];
  if (a === undefined || b === undefined) return undefined;
  return new Decimal(10).pow(a - b);
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

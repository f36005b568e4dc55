import { Decimal } from "../../decimal.js";

/**
 * How precisely a numeric fact is reported (XBRL 2.1 §4.6.5): `-6` means to the
 * nearest million, `2` to the cent, `INF` exactly.
 */
export type Decimals = number | "INF";

/** Enough digits that sums of filing figures are never rounded on the way. */
export const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * The closed interval a reported value stands for: the value is the true one rounded
 * to `decimals` places, so the true one lies within half a unit of that place either
 * side (XBRL Calculations 1.1, round-to-nearest; EDGAR Filer Manual 6.5.12 for
 * duplicates): 383285000000 at -6 is [383284500000, 383285500000]; INF is the value itself.
 */
export interface Interval {
  low: Decimal;
  high: Decimal;
}

export function intervalOf(value: Decimal, decimals: Decimals): Interval {
  if (decimals === "INF") return { low: value, high: value };
  // Half a unit of the last reported place, written out rather than computed: 5e5 for decimals -6.
  const half = new Exact(`5e${-decimals - 1}`);
  return { low: Exact.sub(value, half), high: Exact.add(value, half) };
}

/** The interval both lie in, or undefined when they do not meet (each end included). */
export function intersect(a: Interval, b: Interval): Interval | undefined {
  const low = Decimal.max(a.low, b.low);
  const high = Decimal.min(a.high, b.high);
  return low.lte(high) ? { low, high } : undefined;
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return { low: Exact.add(a.low, b.low), high: Exact.add(a.high, b.high) };
}

/** The interval times a weight; a negative weight swaps the ends. */
export function scaleInterval(a: Interval, weight: Decimal): Interval {
  const x = Exact.mul(a.low, weight);
  const y = Exact.mul(a.high, weight);
  return x.lte(y) ? { low: x, high: y } : { low: y, high: x };
}

/**
 * Whether the value has non-zero digits its decimals say are not reported: 1234.5 at
 * decimals 0. Calculations 1.1 refuses to check a summation with such a fact
 * (calc11e:excessDigits) rather than guess which digits to trust.
 */
export function hasExcessDigits(value: Decimal, decimals: Decimals): boolean {
  if (decimals === "INF") return false;
  return !Exact.mod(value, new Exact(`1e${-decimals}`)).isZero();
}

/** `-6`, `INF` → Decimals; undefined when the text is neither an integer nor INF. */
export function parseDecimals(text: string): Decimals | undefined {
  const t = text.trim();
  if (t === "INF") return "INF";
  if (!/^[+-]?\d{1,4}$/.test(t)) return undefined;
  const n = Number(t);
  return Object.is(n, -0) ? 0 : n;
}

/** Which of two precisions is finer: INF above all, then the larger number of places. */
export function finer(a: Decimals, b: Decimals): boolean {
  if (a === "INF") return b !== "INF";
  return b !== "INF" && a > b;
}

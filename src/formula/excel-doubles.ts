import { Decimal } from "../decimal.js";
import { powerProblem, roundDecimal, type Accumulator, type Arithmetic, type Num, type Rounding } from "./arithmetic.js";
import { DIV0, ExcelError, NUM } from "./values.js";

/**
 * Excel's arithmetic: IEEE-754 doubles, as every Excel version computes, under the
 * rules Excel adds to them. Each rule is pinned by test/formula/excel-doubles.test.ts
 * with where it is documented.
 *
 * - A result that is not a finite double (overflow, 1E308*10) is #NUM!, and a zero
 *   is never negative. (Microsoft, "Floating-point arithmetic may give inaccurate
 *   results in Excel", KB 78113: Excel follows IEEE 754 but has no infinities or NaN.)
 * - Comparisons round both numbers to 15 significant digits first, just for the
 *   comparison: 0.1+0.2=0.3 is TRUE, though 0.1+0.2-0.3 is not 0.
 * - The near-zero rule: when the last operation of a formula is a `+` of two numbers
 *   of opposite signs or a `-` of two of the same sign, and their magnitudes are at
 *   most 7 units in the last place apart (as 64-bit patterns), the result is 0
 *   (=0.5-0.4-0.1 is 0, =(0.5-0.4-0.1) is -2.78E-17). SUM applies the same rule to
 *   its own last addition of a number read from a cell.
 * - ROUND, ROUNDUP, ROUNDDOWN and INT work on the number as Excel shows it, its 15
 *   significant digits, in decimal: ROUND(2.675, 2) is 2.68 though the double is
 *   2.67499999999999982236431605997495353221893310546875.
 * - MOD is the exact remainder of the two doubles, with the divisor's sign
 *   (MOD(12.3, 1.23) is 8.88178419700125E-16, as Jerry W. Lewis measured it), and
 *   #NUM! when the quotient reaches 2^27 (KB 119083).
 */

/** A double result as Excel keeps it: not finite is #NUM!, -0 is 0. */
function finite(r: number): number | ExcelError {
  if (r - r !== 0) return NUM;
  return r === 0 ? 0 : r;
}

/** The 64-bit pattern of two magnitudes, as 32-bit words, to count the doubles between them. */
const pair = new Float64Array(2);
const words = new Uint32Array(pair.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** How many doubles apart |a| and |b| are: the difference of their bit patterns. */
export function unitsApart(a: number, b: number): number {
  pair[0] = Math.abs(a);
  pair[1] = Math.abs(b);
  return Math.abs((words[HIGH]! - words[2 + HIGH]!) * 4294967296 + (words[LOW]! - words[2 + LOW]!));
}

/**
 * Whether Excel's near-zero rule makes a − b exactly 0: both non-zero, of the same
 * sign, at most 7 units in the last place apart. joeu2004's measurements
 * (microsoft.public.excel.worksheet.functions, April 2009, "Simple subtraction
 * formula returning strange results"): A2+n·2^x with n = 1..7 (2^x the last bit of
 * A2) gives A5−A2 = 0, n = 8 does not; the rule is about binary neighbours, not 15
 * digits (it applies to 2^1024−2^971 against the number 4 units below, which
 * differ in their 15th digit).
 */
export function cancels(a: number, b: number): boolean {
  if (a === 0 || b === 0 || a < 0 !== b < 0) return false;
  return unitsApart(a, b) <= 7;
}

/** A double to 15 significant digits, as Excel shows and compares it. */
export function significant15(x: number): number {
  return Number(x.toPrecision(15));
}

/**
 * The decimal Excel works on in ROUND, its family and INT: the number's 15
 * significant digits (an integer as it is: a double holds every integer below 2^53
 * exactly, and above that Excel rounds nothing). Apache POI builds ROUND on the same
 * view (MathX.round through NumberToTextConverter), checked against Excel.
 */
export function excelView(x: number): Decimal {
  return Number.isInteger(x) ? new Decimal(x) : new Decimal(x.toPrecision(15));
}

/** SUM's running total: a double sum in the order of the cells, with the near-zero rule on its last addition of a cell. */
class DoubleSum implements Accumulator {
  private sum = 0;
  private before = 0;
  private last = 0;
  private lastFromCell = false;

  readonly add = (x: Num, fromCell: boolean): void => {
    this.before = this.sum;
    this.last = x as number;
    this.lastFromCell = fromCell;
    this.sum += x as number;
  };

  total(): number | ExcelError {
    if (this.lastFromCell && cancels(this.before, -this.last)) return 0;
    return finite(this.sum);
  }
}

const TWO_27 = 2 ** 27;

export const EXCEL: Arithmetic = {
  kind: "excel",
  parse: (text) => Number(text),
  held: (n) => (typeof n === "number" ? (n === 0 ? 0 : n) : n.toNumber() || 0),
  add: (a, b) => finite((a as number) + (b as number)),
  sub: (a, b) => finite((a as number) - (b as number)),
  mul: (a, b) => finite((a as number) * (b as number)),
  div: (a, b) => (b === 0 ? DIV0 : finite((a as number) / (b as number))),
  lastAdd: (a, b) => (cancels(a as number, -(b as number)) ? 0 : finite((a as number) + (b as number))),
  lastSub: (a, b) => (cancels(a as number, b as number) ? 0 : finite((a as number) - (b as number))),
  power: (a, b) => {
    const x = a as number;
    const problem = powerProblem(x === 0, x < 0, b);
    return problem ? ExcelError.of(problem) : finite(Math.pow(x, b as number));
  },
  neg: (a) => (a === 0 ? 0 : -(a as number)),
  percent: (a) => finite((a as number) / 100),
  compare: (a, b) => {
    const x = a as number;
    const y = b as number;
    if (x === y) return 0;
    // Rounding to 15 digits moves a number by at most 5E-15 of itself: farther apart, they stay apart.
    if (Math.abs(x - y) <= 1e-14 * Math.max(Math.abs(x), Math.abs(y)) && significant15(x) === significant15(y)) return 0;
    return x < y ? -1 : 1;
  },
  round: (x, digits, how: Rounding) => {
    const n = x as number;
    if (Number.isInteger(n) && digits >= 0) return n;
    return finite(roundDecimal(excelView(n), digits, how).toNumber());
  },
  int: (x) => {
    const n = x as number;
    return Number.isInteger(n) ? n : Math.floor(significant15(n)) || 0;
  },
  mod: (x, y) => {
    const n = x as number;
    const d = y as number;
    if (d === 0) return DIV0;
    if (Math.abs(n / d) >= TWO_27) return NUM;
    // The exact remainder of the two doubles (C's fmod, JS's %), moved to the divisor's sign.
    const r = n % d;
    return finite(r !== 0 && r < 0 !== d < 0 ? r + d : r);
  },
  sqrt: (x) => ((x as number) < 0 ? NUM : Math.sqrt(x as number)),
  abs: (x) => Math.abs(x as number),
  sum: () => new DoubleSum(),
  decimal: (x) => new Decimal((x as number).toPrecision(15)),
};

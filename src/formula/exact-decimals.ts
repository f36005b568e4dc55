import { Decimal } from "../decimal.js";
import { order, powerProblem, roundDecimal, type Accumulator, type Arithmetic, type Num } from "./arithmetic.js";
import { DIV0, ExcelError, NUM } from "./values.js";

/**
 * Exact arithmetic: what the figures make without floating point, for the build's
 * second evaluation of each verdict (a verdict whose outcome differs from Excel's
 * arithmetic is decided by noise). A safe integer is a JS number — figures in
 * thousands of yen are integers, and an operation on two safe integers whose result
 * is one is exact in a double: a true result beyond 2^53 − 1 rounds to at least 2^53,
 * which fails the check — anything else a Decimal of 40 digits.
 */

export function dec(n: Num): Decimal {
  return typeof n === "number" ? new Decimal(n) : n;
}

/** A decimal as the exact arithmetic keeps it: integral and safe ones become JS numbers. */
export function fromDecimal(d: Decimal): Num {
  if (d.isInteger()) {
    const n = d.toNumber();
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  }
  return d;
}

function add(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return dec(a).plus(dec(b));
}

function sub(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return dec(a).minus(dec(b));
}

function mul(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // -0 is not a value a cell holds.
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return dec(a).times(dec(b));
}

/** a / b: an integer quotient stays a number. */
function div(a: Num, b: Num): Num | ExcelError {
  if (typeof b === "number" ? b === 0 : b.isZero()) return DIV0;
  if (typeof a === "number" && typeof b === "number" && a % b === 0) {
    const r = a / b;
    return r === 0 ? 0 : r;
  }
  return dec(a).div(dec(b));
}

/** A running sum: in a double while it stays a safe integer, in decimals from there on. */
export class ExactSum implements Accumulator {
  private small = 0;
  private big: Decimal | undefined;

  readonly add = (x: Num): void => {
    if (typeof x === "number") {
      const t = this.small + x;
      if (Number.isSafeInteger(t)) {
        this.small = t;
        return;
      }
    }
    this.big = this.big === undefined ? dec(x) : this.big.plus(x);
  };

  total(): Num {
    if (this.big === undefined) return this.small;
    return fromDecimal(this.small === 0 ? this.big : this.big.plus(this.small));
  }
}

export const EXACT: Arithmetic = {
  kind: "exact",
  parse: (text) => fromDecimal(new Decimal(text)),
  // A double read from a file is what its shortest decimal says (decimal.js reads a JS number so): every figure has at most 15 significant digits, which a double gives back.
  held: (n) => (typeof n === "number" ? (Number.isSafeInteger(n) ? n || 0 : new Decimal(n)) : fromDecimal(n)),
  add,
  sub,
  mul,
  div,
  lastAdd: add,
  lastSub: sub,
  power: (a, b) => {
    const x = dec(a);
    const problem = powerProblem(x.isZero(), x.isNeg() && !x.isZero(), b);
    if (problem) return ExcelError.of(problem);
    const r = x.pow(dec(b));
    return r.isFinite() ? fromDecimal(r) : NUM;
  },
  neg: (a) => (typeof a === "number" ? (a === 0 ? 0 : -a) : a.neg()),
  percent: (a) => dec(a).div(100),
  compare: order,
  round: (x, digits, how) => fromDecimal(roundDecimal(dec(x), digits, how)),
  int: (x) => (typeof x === "number" && Number.isInteger(x) ? x : fromDecimal(dec(x).floor())),
  // Excel's MOD takes the sign of the divisor: MOD(-3, 2) = 1.
  mod: (x, y) => {
    const d = dec(y);
    if (d.isZero()) return DIV0;
    const n = dec(x);
    return fromDecimal(n.minus(d.times(n.div(d).floor())));
  },
  sqrt: (x) => (dec(x).isNeg() && !dec(x).isZero() ? NUM : fromDecimal(dec(x).sqrt())),
  abs: (x) => (typeof x === "number" ? Math.abs(x) : x.abs()),
  sum: () => new ExactSum(),
  decimal: dec,
};

import { Decimal } from "./values.js";

/**
 * A number in the engine: a safe integer as a JS number, anything else as a Decimal.
 * Figures in thousands of yen are integers, and most arithmetic on them stays exact
 * in a double while the result is a safe integer — each operation checks that it is,
 * and moves to decimals when it is not. Safe-integer results of doubles are exact:
 * a true result beyond 2^53 − 1 rounds to at least 2^53, which fails the check.
 */
export type Num = number | Decimal;

export function dec(n: Num): Decimal {
  return typeof n === "number" ? new Decimal(n) : n;
}

/** A decimal as the engine keeps it: integral and safe ones become JS numbers. */
export function fromDecimal(d: Decimal): Num {
  if (d.isInteger()) {
    const n = d.toNumber();
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  }
  return d;
}

export function add(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return dec(a).plus(dec(b));
}

export function sub(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return dec(a).minus(dec(b));
}

export function mul(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // -0 is not a value a cell holds.
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return dec(a).times(dec(b));
}

/** a / b for b ≠ 0 (the caller gives #DIV/0!): an integer quotient stays a number. */
export function div(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number" && a % b === 0) {
    const r = a / b;
    return r === 0 ? 0 : r;
  }
  return dec(a).div(dec(b));
}

export function neg(a: Num): Num {
  return typeof a === "number" ? (a === 0 ? 0 : -a) : a.neg();
}

export function isZero(a: Num): boolean {
  return typeof a === "number" ? a === 0 : a.isZero();
}

export function cmp(a: Num, b: Num): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return dec(a).comparedTo(dec(b)) as -1 | 0 | 1;
}

/** A running sum: in a double while it stays a safe integer, in decimals from there on. */
export class Sum {
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
    return this.small === 0 ? this.big : this.big.plus(this.small);
  }
}

export function sum(xs: Iterable<Num>): Num {
  const s = new Sum();
  for (const x of xs) s.add(x);
  return s.total();
}

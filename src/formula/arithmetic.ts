import { DIV0, NUM, type Decimal, type Value } from "./values.js";

/** `^` and POWER: 0^0 and roots of negatives are #NUM!, 0 to a negative power #DIV/0!. */
export function power(a: Decimal, b: Decimal): Value {
  if (a.isZero() && b.isZero()) return NUM;
  if (a.isZero() && b.isNeg()) return DIV0;
  if (a.isNeg() && !b.isInteger()) return NUM;
  const r = a.pow(b);
  return r.isFinite() ? r : NUM;
}

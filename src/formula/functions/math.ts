import { power } from "../arithmetic.js";
import { dec, Sum, sum, type Num } from "../num.js";
import { Decimal, DIV0, isError, NUM, ZERO, type Value } from "../values.js";
import { eachNumber, numbersOf, type FunctionSpec, type Operand } from "./spec.js";

/** decimal.js rounding modes (ROUND_UP = 0 … ROUND_HALF_FLOOR = 8). */
type Rounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** ROUND and its family: `digits` may be negative (ROUND(1234, -2) = 1200). */
function roundTo(x: Decimal, digits: Decimal, mode: Rounding): Value {
  const n = digits.trunc().toNumber();
  if (n >= 0) return x.toDecimalPlaces(Math.min(n, 100), mode);
  const scale = new Decimal(10).pow(-n);
  return x.div(scale).toDecimalPlaces(0, mode).times(scale);
}

const aggregate = (name: string, reduce: (xs: Num[]) => Value): FunctionSpec => ({
  name,
  min: 1,
  max: 255,
  args: ["ref"],
  spans: true,
  call: (args: Operand[], cells) => {
    const xs = numbersOf(args, cells);
    return isError(xs) ? xs : reduce(xs);
  },
});

export const MATH: FunctionSpec[] = [
  {
    name: "SUM",
    min: 1,
    max: 255,
    args: ["ref"],
    spans: true,
    call: (args: Operand[], cells) => {
      const total = new Sum();
      return eachNumber(args, cells, total.add) ?? total.total();
    },
  },
  aggregate("MIN", (xs) => (xs.length === 0 ? ZERO : Decimal.min(...xs.map(dec)))),
  aggregate("MAX", (xs) => (xs.length === 0 ? ZERO : Decimal.max(...xs.map(dec)))),
  aggregate("AVERAGE", (xs) => (xs.length === 0 ? DIV0 : dec(sum(xs)).div(xs.length))),
  { name: "ROUND", min: 2, max: 2, args: ["number", "number"], call: ([x, d]: Decimal[]) => roundTo(x!, d!, Decimal.ROUND_HALF_UP) },
  { name: "ROUNDUP", min: 2, max: 2, args: ["number", "number"], call: ([x, d]: Decimal[]) => roundTo(x!, d!, Decimal.ROUND_UP) },
  { name: "ROUNDDOWN", min: 2, max: 2, args: ["number", "number"], call: ([x, d]: Decimal[]) => roundTo(x!, d!, Decimal.ROUND_DOWN) },
  { name: "INT", min: 1, max: 1, args: ["number"], call: ([x]: Decimal[]) => x!.toDecimalPlaces(0, Decimal.ROUND_FLOOR) },
  { name: "ABS", min: 1, max: 1, args: ["number"], call: ([x]: Decimal[]) => x!.abs() },
  { name: "SIGN", min: 1, max: 1, args: ["number"], call: ([x]: Decimal[]) => new Decimal(x!.isZero() ? 0 : x!.isNeg() ? -1 : 1) },
  {
    name: "MOD",
    min: 2,
    max: 2,
    args: ["number", "number"],
    // Excel's MOD takes the sign of the divisor: MOD(-3, 2) = 1.
    call: ([x, y]: Decimal[]) => (y!.isZero() ? DIV0 : x!.minus(y!.times(x!.div(y!).toDecimalPlaces(0, Decimal.ROUND_FLOOR)))),
  },
  {
    name: "POWER",
    min: 2,
    max: 2,
    args: ["number", "number"],
    call: ([a, b]: Decimal[]) => power(a!, b!),
  },
  { name: "SQRT", min: 1, max: 1, args: ["number"], call: ([x]: Decimal[]) => (x!.isNeg() ? NUM : x!.sqrt()) },
];

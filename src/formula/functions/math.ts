import { isNegative, isZero, jsNumber, order, type Num, type Rounding } from "../arithmetic.js";
import { DIV0, isError, type Value } from "../values.js";
import { eachNumber, numbersOf, type Cells, type FunctionSpec, type Operand } from "./spec.js";

const aggregate = (name: string, reduce: (xs: Num[], cells: Cells) => Value): FunctionSpec => ({
  name,
  min: 1,
  max: 255,
  args: ["ref"],
  spans: true,
  call: (args: Operand[], cells) => {
    const xs = numbersOf(args, cells);
    return isError(xs) ? xs : reduce(xs, cells);
  },
});

/** The number of a list that `better` prefers; 0 for none. */
function extreme(xs: Num[], better: (c: number) => boolean): Num {
  let best = xs[0] ?? 0;
  for (const x of xs) if (better(order(x, best))) best = x;
  return best;
}

const rounding = (name: string, how: Rounding): FunctionSpec => ({
  name,
  min: 2,
  max: 2,
  args: ["number", "number"],
  call: ([x, d]: Num[], cells) => cells.arithmetic.round(x!, jsNumber(d!), how),
});

export const MATH: FunctionSpec[] = [
  {
    name: "SUM",
    min: 1,
    max: 255,
    args: ["ref"],
    spans: true,
    call: (args: Operand[], cells) => {
      const total = cells.arithmetic.sum();
      return eachNumber(args, cells, total.add) ?? total.total();
    },
  },
  aggregate("MIN", (xs) => extreme(xs, (c) => c < 0)),
  aggregate("MAX", (xs) => extreme(xs, (c) => c > 0)),
  aggregate("AVERAGE", (xs, cells) => {
    if (xs.length === 0) return DIV0;
    const total = cells.arithmetic.sum();
    for (const x of xs) total.add(x, false);
    const t = total.total();
    return isError(t) ? t : cells.arithmetic.div(t, xs.length);
  }),
  rounding("ROUND", "nearest"),
  rounding("ROUNDUP", "up"),
  rounding("ROUNDDOWN", "down"),
  {
    // TRUNC(8.9)=8, TRUNC(-8.9)=-8, TRUNC(0.45,1)=0.4: ROUNDDOWN with digits optional.
    name: "TRUNC",
    min: 1,
    max: 2,
    args: ["number", "number"],
    call: ([x, d]: Num[], cells) => cells.arithmetic.round(x!, d === undefined ? 0 : jsNumber(d), "down"),
  },
  { name: "INT", min: 1, max: 1, args: ["number"], call: ([x]: Num[], cells) => cells.arithmetic.int(x!) },
  { name: "ABS", min: 1, max: 1, args: ["number"], call: ([x]: Num[], cells) => cells.arithmetic.abs(x!) },
  { name: "SIGN", min: 1, max: 1, args: ["number"], call: ([x]: Num[]) => (isZero(x!) ? 0 : isNegative(x!) ? -1 : 1) },
  { name: "MOD", min: 2, max: 2, args: ["number", "number"], call: ([x, y]: Num[], cells) => cells.arithmetic.mod(x!, y!) },
  { name: "POWER", min: 2, max: 2, args: ["number", "number"], call: ([a, b]: Num[], cells) => cells.arithmetic.power(a!, b!) },
  { name: "SQRT", min: 1, max: 1, args: ["number"], call: ([x]: Num[], cells) => cells.arithmetic.sqrt(x!) },
];

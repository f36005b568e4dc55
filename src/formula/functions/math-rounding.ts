import { jsNumber, type Num } from "../arithmetic.js";
import { DIV0, NUM, type Value } from "../values.js";
import type { Cells, FunctionSpec } from "./spec.js";

/**
 * Excel computes CEILING, FLOOR and their kin in doubles and shows 15 significant
 * digits: 1.1/0.1 is 11.000000000000002 in doubles, whose ceiling would be 12, where
 * Excel gives 1.1. Quotients and results are taken to 15 digits before they are used.
 */
export const fifteen = (x: number): number => (Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(15)) : x);

/** `significance` times `step` of number/significance: the multiple CEILING and FLOOR land on. */
function multiple(x: number, significance: number, step: (q: number) => number): Value {
  const r = fifteen(step(fifteen(x / significance)) * significance);
  return Number.isFinite(r) ? r || 0 : NUM;
}

const n = (x: Num | undefined, otherwise: number): number => (x === undefined ? otherwise : jsNumber(x));

/** ODD and EVEN: away from zero to the next integer of the given parity. */
function parity(x: number, odd: boolean): number {
  const sign = x < 0 ? -1 : 1;
  let a = Math.ceil(fifteen(Math.abs(x)));
  if (odd ? a % 2 === 0 : a % 2 === 1) a += 1;
  return sign * a;
}

type Call = (args: Num[], cells: Cells) => Value;
const numeric = (name: string, min: number, max: number, call: Call): FunctionSpec => ({ name, min, max, args: Array<"number">(max).fill("number"), call: call as FunctionSpec["call"] });

export const MATH_ROUNDING: FunctionSpec[] = [
  // CEILING(2.5,1)=3, CEILING(-2.5,-2)=-4, CEILING(-2.5,2)=-2, CEILING(1.5,0.1)=1.5, CEILING(0.234,0.01)=0.24 (Excel's reference); a positive number with a negative significance is #NUM!.
  numeric("CEILING", 2, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), n(s, 0)];
    if (b === 0 || a === 0) return 0;
    if (a > 0 && b < 0) return NUM;
    return multiple(a, b, Math.ceil);
  }),
  // FLOOR(3.7,2)=2, FLOOR(-2.5,-2)=-2, FLOOR(-2.5,2)=-4, FLOOR(1.58,0.1)=1.5; a zero significance is #DIV/0!.
  numeric("FLOOR", 2, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), n(s, 0)];
    if (a > 0 && b < 0) return NUM;
    if (b === 0) return a === 0 ? 0 : DIV0;
    if (a === 0) return 0;
    return multiple(a, b, Math.floor);
  }),
  // CEILING.MATH(-8.1,2)=-8, CEILING.MATH(-5.5,2,-1)=-6 (away from zero), CEILING.MATH(24.3,5)=25; the significance's sign is ignored.
  numeric("CEILING.MATH", 1, 3, ([x, s, m]) => {
    const [a, b] = [n(x, 0), Math.abs(n(s, 1))];
    if (b === 0 || a === 0) return 0;
    return multiple(a, b, a < 0 && n(m, 0) !== 0 ? Math.floor : Math.ceil);
  }),
  // FLOOR.MATH(-8.1,2)=-10, FLOOR.MATH(-5.5,2,-1)=-4 (toward zero), FLOOR.MATH(24.3,5)=20.
  numeric("FLOOR.MATH", 1, 3, ([x, s, m]) => {
    const [a, b] = [n(x, 0), Math.abs(n(s, 1))];
    if (b === 0 || a === 0) return 0;
    return multiple(a, b, a < 0 && n(m, 0) !== 0 ? Math.ceil : Math.floor);
  }),
  // CEILING.PRECISE(-4.3,2)=-4, CEILING.PRECISE(4.3,-2)=6: always toward +∞, the significance's sign ignored.
  numeric("CEILING.PRECISE", 1, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), Math.abs(n(s, 1))];
    return b === 0 || a === 0 ? 0 : multiple(a, b, Math.ceil);
  }),
  numeric("ISO.CEILING", 1, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), Math.abs(n(s, 1))];
    return b === 0 || a === 0 ? 0 : multiple(a, b, Math.ceil);
  }),
  // FLOOR.PRECISE(-3.2,-1)=-4, FLOOR.PRECISE(3.2,-1)=3: always toward −∞.
  numeric("FLOOR.PRECISE", 1, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), Math.abs(n(s, 1))];
    return b === 0 || a === 0 ? 0 : multiple(a, b, Math.floor);
  }),
  // MROUND(10,3)=9, MROUND(-10,-3)=-9, MROUND(1.3,0.2)=1.4, MROUND(5,-2)=#NUM! (signs differ).
  numeric("MROUND", 2, 2, ([x, s]) => {
    const [a, b] = [n(x, 0), n(s, 0)];
    if (b === 0 || a === 0) return 0;
    if (a < 0 !== b < 0) return NUM;
    return multiple(a, b, (q) => Math.sign(q) * Math.floor(Math.abs(q) + 0.5));
  }),
  // QUOTIENT(5,2)=2, QUOTIENT(-10,3)=-3: the integer part of the quotient.
  numeric("QUOTIENT", 2, 2, ([x, y]) => {
    const [a, b] = [n(x, 0), n(y, 0)];
    if (b === 0) return DIV0;
    return Math.trunc(fifteen(a / b)) || 0;
  }),
  // EVEN(1.5)=2, EVEN(3)=4, EVEN(-1)=-2; ODD(1.5)=3, ODD(3)=3, ODD(2)=3, ODD(-1)=-1, ODD(-2)=-3, ODD(0)=1.
  numeric("EVEN", 1, 1, ([x]) => parity(n(x, 0), false)),
  numeric("ODD", 1, 1, ([x]) => parity(n(x, 0), true)),
];

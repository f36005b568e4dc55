import { jsNumber, type Num } from "../arithmetic.js";
import { DIV0, isError, NUM, type Value } from "../values.js";
import { fifteen } from "./math-rounding.js";
import { eachNumber, type Cells, type FunctionSpec, type Operand } from "./spec.js";

/** A double result as Excel gives it: #NUM! where the function is undefined or overflows. */
const real = (x: number): Value => (Number.isFinite(x) ? x || 0 : NUM);

/** One-argument functions of doubles, with the domain where Excel answers (#NUM! elsewhere). */
const unary = (name: string, f: (x: number) => number, domain: (x: number) => boolean = () => true): FunctionSpec => ({
  name,
  min: 1,
  max: 1,
  args: ["number"],
  call: ([x]: Num[]) => {
    const a = jsNumber(x!);
    return domain(a) ? real(f(a)) : NUM;
  },
});

/** Factorials up to 170! (171! overflows a double: #NUM!). */
function factorial(n: number): number {
  let out = 1;
  for (let k = 2; k <= n; k++) out *= k;
  return out;
}

export const MATH_ELEMENTARY: FunctionSpec[] = [
  { name: "PI", min: 0, max: 0, args: [], call: () => Math.PI },
  unary("EXP", Math.exp),
  // LN(0) and LN(-1) are #NUM!.
  unary("LN", Math.log, (x) => x > 0),
  unary("LOG10", Math.log10, (x) => x > 0),
  {
    // LOG(8,2)=3, LOG(86,2.7182818)=4.4543473625, LOG(10)=1; base 1 is #DIV/0!.
    name: "LOG",
    min: 1,
    max: 2,
    args: ["number", "number"],
    call: ([x, b]: Num[]) => {
      const a = jsNumber(x!);
      const base = b === undefined ? 10 : jsNumber(b);
      if (a <= 0 || base <= 0) return NUM;
      if (base === 1) return DIV0;
      return real(base === 10 ? Math.log10(a) : Math.log(a) / Math.log(base));
    },
  },
  unary("SIN", Math.sin),
  unary("COS", Math.cos),
  unary("TAN", Math.tan),
  unary("ASIN", Math.asin, (x) => Math.abs(x) <= 1),
  unary("ACOS", Math.acos, (x) => Math.abs(x) <= 1),
  unary("ATAN", Math.atan),
  unary("SINH", Math.sinh),
  unary("COSH", Math.cosh),
  unary("TANH", Math.tanh),
  unary("ASINH", Math.asinh),
  unary("ACOSH", Math.acosh, (x) => x >= 1),
  unary("ATANH", Math.atanh, (x) => Math.abs(x) < 1),
  unary("DEGREES", (x) => (x * 180) / Math.PI),
  unary("RADIANS", (x) => (x * Math.PI) / 180),
  // FACT(5)=120, FACT(1.9)=1 (truncated), FACT(0)=1, FACT(-1)=#NUM!.
  unary("FACT", (x) => factorial(Math.trunc(x)), (x) => x >= 0 && x < 171),
  {
    // ATAN2(x, y): Excel puts x first, the reverse of Math.atan2. ATAN2(1,1)=0.785398163 (π/4); ATAN2(0,0)=#DIV/0!.
    name: "ATAN2",
    min: 2,
    max: 2,
    args: ["number", "number"],
    call: ([x, y]: Num[]) => {
      const [a, b] = [jsNumber(x!), jsNumber(y!)];
      return a === 0 && b === 0 ? DIV0 : real(Math.atan2(b, a));
    },
  },
  {
    // PRODUCT(5,15,30)=2250; read like SUM (text and blanks in references skipped); no numbers at all is 0.
    name: "PRODUCT",
    min: 1,
    max: 255,
    args: ["ref"],
    spans: true,
    call: (args: Operand[], cells: Cells) => {
      let product = 1;
      let any = false;
      const error = eachNumber(args, cells, (x) => {
        any = true;
        product *= jsNumber(x);
      });
      return error ?? (any ? real(fifteen(product)) : 0);
    },
  },
  {
    // SUMSQ(3,4)=25.
    name: "SUMSQ",
    min: 1,
    max: 255,
    args: ["ref"],
    spans: true,
    call: (args: Operand[], cells: Cells) => {
      const total = cells.arithmetic.sum();
      let error: Value | undefined;
      const found = eachNumber(args, cells, (x) => {
        const sq = cells.arithmetic.mul(x, x);
        if (isError(sq)) error ??= sq;
        else total.add(sq, false);
      });
      return found ?? error ?? total.total();
    },
  },
  // Volatile: Excel draws again at every calculation, so a cached value is never compared (see verify/recompute.ts).
  { name: "RAND", min: 0, max: 0, args: [], volatile: true, call: () => Math.random() },
  {
    // RANDBETWEEN(bottom, top): bottom rounded up, top down; bottom above top is #NUM!.
    name: "RANDBETWEEN",
    min: 2,
    max: 2,
    args: ["number", "number"],
    volatile: true,
    call: ([b, t]: Num[]) => {
      const [low, high] = [Math.ceil(jsNumber(b!)), Math.floor(jsNumber(t!))];
      if (low > high) return NUM;
      return low + Math.floor(Math.random() * (high - low + 1));
    },
  },
];

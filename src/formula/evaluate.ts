import { FormulaSyntaxError, type Where } from "../errors.js";
import type { Node, ReferenceNode } from "./ast.js";
import { power } from "./arithmetic.js";
import { arityProblem, lookupFunction } from "./functions/registry.js";
import { isRange, single, spansSheets, type ArgKind, type Cells, type Operand, type Range } from "./functions/spec.js";
import { add, dec, div, fromDecimal, isZero, mul, neg, sub, type Num } from "./num.js";
import { compare, Decimal, DIV0, ExcelError, isError, NAME, REF, toNum, toNumber, toText, VALUE, type Value } from "./values.js";

/** A compiled formula: evaluates against the book's current values. */
export type Compiled = (cells: EvalCells) => Operand;

/** What compiled formulas need from the book: cell values, and names resolved at evaluation. */
export interface EvalCells extends Cells {
  name(name: string, sheet: number, scope: string | undefined): Operand;
}

export interface CompileEnv {
  /** The sheet the formula is on: references without a sheet name are to it. */
  home: number;
  sheetIndex(name: string): number | undefined;
  /** Called for each function the library lacks; the call then gives #NAME?, as in Excel. */
  unsupported(name: string): void;
  where?: Where | undefined;
  formula: string;
}

/** The sheets a reference is on, by index, in tab order; undefined when one does not exist (#REF!). */
export function sheetSpan(ref: ReferenceNode, home: number, sheetIndex: (name: string) => number | undefined): [number, number] | undefined {
  const first = ref.sheet === undefined ? home : sheetIndex(ref.sheet);
  const last = ref.sheetEnd === undefined ? first : sheetIndex(ref.sheetEnd);
  if (first === undefined || last === undefined) return undefined;
  return first <= last ? [first, last] : [last, first];
}

export function toRange(ref: ReferenceNode, env: CompileEnv): Range | ExcelError {
  const span = sheetSpan(ref, env.home, env.sheetIndex);
  if (span === undefined) return REF;
  const range: Range = { sheet: span[0], r1: ref.start.row, c1: ref.start.col, r2: ref.end.row, c2: ref.end.col };
  if (span[1] !== span[0]) range.sheetEnd = span[1];
  return range;
}

const arithmetic: Record<string, (a: Num, b: Num) => Value> = {
  "+": add,
  "-": sub,
  "*": mul,
  "/": (a, b) => (isZero(b) ? DIV0 : div(a, b)),
  "^": (a, b) => power(dec(a), dec(b)),
};

const comparison: Record<string, (c: -1 | 0 | 1) => boolean> = {
  "=": (c) => c === 0,
  "<>": (c) => c !== 0,
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
};

function asNumber(x: Operand, cells: Cells): Num | ExcelError {
  return toNum(single(x, cells));
}

/**
 * An operand where one value is needed (either side of an operator): a reference to
 * one cell reads that cell directly, with no range made on the way.
 */
function compileValue(node: Node, env: CompileEnv): (cells: EvalCells) => Value {
  if (node.kind === "ref" && node.shape === "cell") {
    const range = toRange(node, env);
    if (isError(range)) return () => range;
    if (range.sheetEnd === undefined) {
      const { sheet, r1, c1 } = range;
      return (cells) => cells.at(sheet, r1, c1);
    }
  }
  const operand = compileNode(node, env);
  return (cells) => single(operand(cells), cells);
}

/** Turns an AST into a closure tree once, so evaluating a cell allocates little. */
export function compileNode(node: Node, env: CompileEnv): Compiled {
  switch (node.kind) {
    case "number": {
      const d = fromDecimal(new Decimal(node.text));
      return () => d;
    }
    case "string": {
      const s = node.value;
      return () => s;
    }
    case "boolean": {
      const b = node.value;
      return () => b;
    }
    case "error": {
      const e = ExcelError.of(node.code);
      return () => e;
    }
    case "missing":
      return () => null;
    case "ref": {
      const range = toRange(node, env);
      return () => range;
    }
    case "name": {
      const { name, sheet } = node;
      const home = env.home;
      return (cells) => cells.name(name, home, sheet);
    }
    case "unary": {
      const operand = compileNode(node.operand, env);
      if (node.op === "+") return (cells) => single(operand(cells), cells);
      return (cells) => {
        const n = asNumber(operand(cells), cells);
        return isError(n) ? n : neg(n);
      };
    }
    case "percent": {
      const operand = compileNode(node.operand, env);
      return (cells) => {
        const n = asNumber(operand(cells), cells);
        return isError(n) ? n : dec(n).div(100);
      };
    }
    case "binary": {
      const left = compileValue(node.left, env);
      const right = compileValue(node.right, env);
      const op = node.op;
      if (op === "&") {
        return (cells) => {
          const a = toText(left(cells));
          if (isError(a)) return a;
          const b = toText(right(cells));
          return isError(b) ? b : a + b;
        };
      }
      const test = comparison[op];
      if (test) {
        return (cells) => {
          const c = compare(left(cells), right(cells));
          return isError(c) ? c : test(c);
        };
      }
      const apply = arithmetic[op]!;
      return (cells) => {
        const a = left(cells);
        const b = right(cells);
        if (isError(a)) return a;
        if (isError(b)) return b;
        const x = toNum(a);
        if (isError(x)) return x;
        const y = toNum(b);
        return isError(y) ? y : apply(x, y);
      };
    }
    case "call":
      return compileCall(node, env);
    case "range": {
      const left = compileNode(node.left, env);
      const right = compileNode(node.right, env);
      return (cells) => {
        const a = left(cells);
        const b = right(cells);
        if (isError(a)) return a;
        if (isError(b)) return b;
        if (!isRange(a) || !isRange(b) || a.sheet !== b.sheet || spansSheets(a) || spansSheets(b)) return VALUE;
        return { sheet: a.sheet, r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1), r2: Math.max(a.r2, b.r2), c2: Math.max(a.c2, b.c2) };
      };
    }
  }
}

function compileCall(node: Extract<Node, { kind: "call" }>, env: CompileEnv): Compiled {
  const spec = lookupFunction(node.name);
  if (!spec) {
    env.unsupported(node.name.toUpperCase());
    return () => NAME;
  }
  // The parser checks calls as it reads them; this catches trees built another way.
  const problem = arityProblem(spec, node.args.length);
  if (problem) throw new FormulaSyntaxError(`${problem}, in "${env.formula}"`, env.formula, 0, env.where);
  // Only functions that take 3-D references (SUM and its kin) may be given one.
  const args = node.args.map((a): Compiled => (a.kind === "ref" && a.sheetEnd !== undefined && !spec.spans ? () => VALUE : compileNode(a, env)));
  const kinds: ArgKind[] = args.map((_, i) => spec.args[Math.min(i, spec.args.length - 1)]!);
  if (kinds.every((k) => k === "lazy")) {
    return (cells) => spec.call(args.map((a) => () => a(cells)), cells);
  }
  return (cells) => {
    const values: unknown[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) {
      const raw = args[i]!(cells);
      const kind = kinds[i]!;
      if (kind === "ref") {
        values[i] = raw;
        continue;
      }
      const v = single(raw, cells);
      if (kind === "raw") {
        values[i] = v;
        continue;
      }
      if (isError(v)) return v;
      const coerced = kind === "number" ? toNumber(v) : kind === "text" ? toText(v) : kind === "boolean" ? toBooleanArg(v) : v;
      if (isError(coerced)) return coerced;
      values[i] = coerced;
    }
    return spec.call(values, cells);
  };
}

function toBooleanArg(v: Value): boolean | ExcelError {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return VALUE;
  if (isError(v)) return v;
  return !isZero(v);
}

/** The value a formula leaves in its cell: a reference to one cell gives that cell's value. */
export function resultOf(x: Operand, cells: Cells): Value {
  return isRange(x) ? single(x, cells) : x;
}


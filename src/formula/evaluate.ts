import { FormulaSyntaxError, type Where } from "../errors.js";
import type { Node, ReferenceNode } from "./ast.js";
import { power } from "./arithmetic.js";
import { arityProblem, lookupFunction } from "./functions/registry.js";
import { isRange, single, spansSheets, type ArgKind, type Cells, type FunctionSpec, type Operand, type Range } from "./functions/spec.js";
import { add, dec, div, fromDecimal, isZero, mul, neg, sub, type Num } from "./num.js";
import { compare, Decimal, DIV0, ExcelError, isError, NAME, REF, toNum, toNumber, toText, VALUE, type Value } from "./values.js";

/** What evaluation reads from the book: cell values, defined names, sheets by name. */
export interface EvalCells extends Cells {
  /** A defined name as a formula on sheet `home` reads it (`scope`: the sheet it names, if any). */
  name(name: string, home: number, scope: string | undefined): Operand;
  sheetIndex(name: string): number | undefined;
}

/** The sheets a reference is on, by index, in tab order; undefined when one does not exist (#REF!). */
export function sheetSpan(ref: ReferenceNode, home: number, sheetIndex: (name: string) => number | undefined): [number, number] | undefined {
  const first = ref.sheet === undefined ? home : sheetIndex(ref.sheet);
  const last = ref.sheetEnd === undefined ? first : sheetIndex(ref.sheetEnd);
  if (first === undefined || last === undefined) return undefined;
  return first <= last ? [first, last] : [last, first];
}

export function toRange(ref: ReferenceNode, home: number, sheetIndex: (name: string) => number | undefined): Range | ExcelError {
  const span = sheetSpan(ref, home, sheetIndex);
  if (span === undefined) return REF;
  const range: Range = { sheet: span[0], r1: ref.start.row, c1: ref.start.col, r2: ref.end.row, c2: ref.end.col };
  if (span[1] !== span[0]) range.sheetEnd = span[1];
  return range;
}

/**
 * Finds, before anything is evaluated, the functions a formula calls that the library
 * lacks (reported through `missing`; such a call gives #NAME?, as in Excel) and calls
 * with the wrong number of arguments (a FormulaSyntaxError). The parser checks arity
 * as it reads; this catches trees built another way.
 */
export function checkCalls(node: Node, missing: (name: string) => void, formula: string, where: () => Where | undefined): void {
  switch (node.kind) {
    case "call": {
      const spec = lookupFunction(node.name);
      if (!spec) missing(node.name.toUpperCase());
      else {
        const problem = arityProblem(spec, node.args.length);
        if (problem) throw new FormulaSyntaxError(`${problem}, in "${formula}"`, formula, 0, where());
      }
      for (const a of node.args) checkCalls(a, missing, formula, where);
      return;
    }
    case "unary":
    case "percent":
      checkCalls(node.operand, missing, formula, where);
      return;
    case "binary":
    case "range":
      checkCalls(node.left, missing, formula, where);
      checkCalls(node.right, missing, formula, where);
      return;
    default:
      return;
  }
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

/** Number literals as the engine holds them, made once per literal rather than at every evaluation. */
const literals = new WeakMap<Node, Num>();

/** Each call's function and argument kinds, looked up once per call in the tree. */
const calls = new WeakMap<Node, { spec: FunctionSpec; kinds: ArgKind[] } | null>();

function callOf(node: Extract<Node, { kind: "call" }>): { spec: FunctionSpec; kinds: ArgKind[] } | null {
  let c = calls.get(node);
  if (c === undefined) {
    const spec = lookupFunction(node.name);
    c = spec ? { spec, kinds: node.args.map((_, i) => spec.args[Math.min(i, spec.args.length - 1)]!) } : null;
    calls.set(node, c);
  }
  return c;
}

/**
 * Evaluates a formula's tree against the book's current values. Every formula is
 * computed once per recalculation, so the tree is walked as it is rather than first
 * turned into closures: that would allocate for each formula more than evaluating it
 * does. `home` is the sheet the formula is on: references without a sheet are to it.
 */
export function evaluateNode(node: Node, home: number, cells: EvalCells): Operand {
  switch (node.kind) {
    case "number": {
      let n = literals.get(node);
      if (n === undefined) literals.set(node, (n = fromDecimal(new Decimal(node.text))));
      return n;
    }
    case "string":
    case "boolean":
      return node.value;
    case "error":
      return ExcelError.of(node.code);
    case "missing":
      return null;
    case "ref":
      return toRange(node, home, cells.sheetIndex);
    case "name":
      return cells.name(node.name, home, node.sheet);
    case "unary": {
      if (node.op === "+") return valueOf(node.operand, home, cells);
      const n = toNum(valueOf(node.operand, home, cells));
      return isError(n) ? n : neg(n);
    }
    case "percent": {
      const n = toNum(valueOf(node.operand, home, cells));
      return isError(n) ? n : dec(n).div(100);
    }
    case "binary":
      return binary(node, home, cells);
    case "call":
      return call(node, home, cells);
    case "range": {
      const a = evaluateNode(node.left, home, cells);
      const b = evaluateNode(node.right, home, cells);
      if (isError(a)) return a;
      if (isError(b)) return b;
      if (!isRange(a) || !isRange(b) || a.sheet !== b.sheet || spansSheets(a) || spansSheets(b)) return VALUE;
      return { sheet: a.sheet, r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1), r2: Math.max(a.r2, b.r2), c2: Math.max(a.c2, b.c2) };
    }
  }
}

/** An operand where one value is needed: a reference to one cell reads that cell directly, with no range made on the way. */
function valueOf(node: Node, home: number, cells: EvalCells): Value {
  if (node.kind === "ref" && node.shape === "cell" && node.sheetEnd === undefined) {
    const sheet = node.sheet === undefined ? home : cells.sheetIndex(node.sheet);
    return sheet === undefined ? REF : cells.at(sheet, node.start.row, node.start.col);
  }
  return single(evaluateNode(node, home, cells), cells);
}

function binary(node: Extract<Node, { kind: "binary" }>, home: number, cells: EvalCells): Value {
  const a = valueOf(node.left, home, cells);
  const b = valueOf(node.right, home, cells);
  const op = node.op;
  if (op === "&") {
    const x = toText(a);
    if (isError(x)) return x;
    const y = toText(b);
    return isError(y) ? y : x + y;
  }
  const test = comparison[op];
  if (test) {
    const c = compare(a, b);
    return isError(c) ? c : test(c);
  }
  if (isError(a)) return a;
  if (isError(b)) return b;
  const x = toNum(a);
  if (isError(x)) return x;
  const y = toNum(b);
  return isError(y) ? y : arithmetic[op]!(x, y);
}

function call(node: Extract<Node, { kind: "call" }>, home: number, cells: EvalCells): Operand {
  const found = callOf(node);
  if (!found) return NAME;
  const { spec, kinds } = found;
  const args = node.args;
  // Only functions that take 3-D references (SUM and its kin) may be given one.
  const arg = (i: number): Operand => {
    const a = args[i]!;
    return a.kind === "ref" && a.sheetEnd !== undefined && !spec.spans ? VALUE : evaluateNode(a, home, cells);
  };
  if (kinds.every((k) => k === "lazy")) return spec.call(args.map((_, i) => () => arg(i)), cells);
  const values: unknown[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const raw = arg(i);
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

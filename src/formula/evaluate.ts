import type { Node } from "./ast.js";
import { isZero, type Arithmetic, type Num } from "./arithmetic.js";
import { Area, type Anchor } from "./area.js";
import { lookupFunction } from "./functions/registry.js";
import { isRange, kindAt, single, spansSheets, type ArgKind, type Cells, type Operand } from "./functions/spec.js";
import { compare, ExcelError, isError, NAME, REF, toNum, toText, VALUE, type Value } from "./values.js";

/** What evaluation reads from the book: cell values, defined names, sheets by name. */
export interface EvalCells extends Cells {
  /** A defined name as a formula on sheet `home` reads it (`scope`: the sheet it names, if any). */
  name(name: string, home: number, scope: string | undefined): Operand;
  sheetIndex(name: string): number | undefined;
}

/** A compiled formula evaluated for the cell at (row, col) of sheet `home`. */
export type Evaluator<T> = (home: number, row: number, col: number) => T;

/** A defined name a formula reads, resolved when it is read: names may be defined after the formula. */
export class NameRead {
  constructor(
    readonly name: string,
    readonly sheet: string | undefined,
  ) {}
}

/**
 * A formula's tree made ready to evaluate: closures built once per tree rather than a
 * walk of the tree at every evaluation, so that many cells sharing one tree cost one
 * compilation. `reads` are its references and names in the order written, for the
 * dependency order; `missing` the functions the library lacks, which give #NAME?.
 */
export interface Compiled<T> {
  evaluate: Evaluator<T>;
  reads: (Area | NameRead)[];
  /** Some of `reads` are names, whose formula cells are known only once the names are looked up. */
  readsNames: boolean;
  missing: string[];
}

type Operation = (a: Num, b: Num) => Value;

/** The arithmetic operators in a book's arithmetic; `last`: as the last operation of a formula (`+` and `-` differ there). */
function operations(ar: Arithmetic, last: boolean): Record<string, Operation> {
  return { "+": last ? ar.lastAdd : ar.add, "-": last ? ar.lastSub : ar.sub, "*": ar.mul, "/": ar.div, "^": ar.power };
}

const comparison: Record<string, (c: -1 | 0 | 1) => boolean> = {
  "=": (c) => c === 0,
  "<>": (c) => c !== 0,
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
};

function toBooleanArg(v: Value): boolean | ExcelError {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return VALUE;
  if (isError(v)) return v;
  return !isZero(v);
}

/** An argument coerced to the kind its function declares; an error stops the call. */
function coerce(v: Value, kind: ArgKind, ar: Arithmetic): unknown {
  if (kind === "number") return toNum(v, ar);
  if (kind === "text") return toText(v);
  if (kind === "boolean") return toBooleanArg(v);
  return v;
}

/**
 * Compiles a formula's tree. With `anchor` (the cell the text was written in), its
 * relative cells and ranges move with the formula, so the result serves any cell
 * whose formula is this one copied; without, every reference reads what it names, as
 * a defined name does. `result` says whether the formula's value is wanted (a
 * reference to one cell gives that cell's value) or its operand, reference or value
 * (what a defined name gives the formula that reads it). `grouped`: the whole formula
 * is in parentheses, which makes its last `+` or `-` not the last operation to Excel.
 */
export function compile(node: Node, cells: EvalCells, anchor: Anchor | undefined, result: "value", grouped?: boolean): Compiled<Value>;
export function compile(node: Node, cells: EvalCells, anchor: Anchor | undefined, result: "operand"): Compiled<Operand>;
export function compile(node: Node, cells: EvalCells, anchor: Anchor | undefined, result: "value" | "operand", grouped = false): Compiled<Value> | Compiled<Operand> {
  const reads: (Area | NameRead)[] = [];
  const missing: string[] = [];
  const { sheetIndex, arithmetic: ar } = cells;
  const inner = operations(ar, false);

  const operand = (node: Node): Evaluator<Operand> => {
    switch (node.kind) {
      case "number": {
        const n = ar.parse(node.text);
        return () => n;
      }
      case "string":
      case "boolean": {
        const v = node.value;
        return () => v;
      }
      case "error": {
        const e = ExcelError.of(node.code);
        return () => e;
      }
      case "missing":
        return () => null;
      case "ref": {
        const area = new Area(node, anchor);
        reads.push(area);
        return (home, row, col) => area.range(home, row, col, sheetIndex);
      }
      case "name": {
        const { name, sheet } = node;
        reads.push(new NameRead(name, sheet));
        return (home) => cells.name(name, home, sheet);
      }
      case "unary": {
        const x = value(node.operand);
        if (node.op === "+") return x;
        return (home, row, col) => {
          const n = toNum(x(home, row, col), ar);
          return isError(n) ? n : ar.neg(n);
        };
      }
      case "percent": {
        const x = value(node.operand);
        return (home, row, col) => {
          const n = toNum(x(home, row, col), ar);
          return isError(n) ? n : ar.percent(n);
        };
      }
      case "binary":
        return binary(node);
      case "call":
        return call(node);
      case "range": {
        const left = operand(node.left);
        const right = operand(node.right);
        return (home, row, col) => {
          const a = left(home, row, col);
          const b = right(home, row, col);
          if (isError(a)) return a;
          if (isError(b)) return b;
          if (!isRange(a) || !isRange(b) || a.sheet !== b.sheet || spansSheets(a) || spansSheets(b)) return VALUE;
          return { sheet: a.sheet, r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1), r2: Math.max(a.r2, b.r2), c2: Math.max(a.c2, b.c2) };
        };
      }
    }
  };

  /** An operand where one value is needed: a reference to one cell reads that cell directly, with no range made on the way. */
  const value = (node: Node): Evaluator<Value> => {
    if (node.kind === "ref" && node.shape === "cell" && node.sheetEnd === undefined) {
      const area = new Area(node, anchor);
      reads.push(area);
      if (area.sheet === undefined) return (home, row, col) => cells.at(home, area.row(row), area.col(col));
      return (home, row, col) => {
        const sheet = area.from(home, sheetIndex);
        return sheet < 0 ? REF : cells.at(sheet, area.row(row), area.col(col));
      };
    }
    const x = operand(node);
    return (home, row, col) => single(x(home, row, col), cells, row, col);
  };

  const binary = (node: Extract<Node, { kind: "binary" }>, last = false): Evaluator<Value> => {
    const left = value(node.left);
    const right = value(node.right);
    const op = node.op;
    if (op === "&") {
      return (home, row, col) => {
        const x = toText(left(home, row, col));
        if (isError(x)) return x;
        const y = toText(right(home, row, col));
        return isError(y) ? y : x + y;
      };
    }
    const test = comparison[op];
    if (test) {
      return (home, row, col) => {
        const c = compare(left(home, row, col), right(home, row, col), ar);
        return isError(c) ? c : test(c);
      };
    }
    const apply = (last ? operations(ar, true) : inner)[op]!;
    return (home, row, col) => {
      const a = left(home, row, col);
      const b = right(home, row, col);
      // Two numbers, the common case, need none of the checks below.
      if (typeof a === "number" && typeof b === "number") return apply(a, b);
      if (isError(a)) return a;
      if (isError(b)) return b;
      const x = toNum(a, ar);
      if (isError(x)) return x;
      const y = toNum(b, ar);
      return isError(y) ? y : apply(x, y);
    };
  };

  const call = (node: Extract<Node, { kind: "call" }>): Evaluator<Operand> => {
    const spec = lookupFunction(node.name);
    if (!spec) {
      missing.push(node.name.toUpperCase());
      // Compiled all the same: what its arguments read still orders the evaluation.
      for (const a of node.args) operand(a);
      return () => NAME;
    }
    const kinds = node.args.map((_, i) => kindAt(spec, i));
    // Only functions that take 3-D references (SUM and its kin) may be given one.
    const args = node.args.map((a): Evaluator<Operand> => {
      const x = operand(a);
      return a.kind === "ref" && a.sheetEnd !== undefined && !spec.spans ? () => VALUE : x;
    });
    const n = args.length;
    if (kinds.every((k) => k === "lazy")) return (home, row, col) => spec.call(args.map((a) => () => a(home, row, col)), cells, { sheet: home, row, col });
    return (home, row, col) => {
      const values: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const raw = args[i]!(home, row, col);
        const kind = kinds[i]!;
        if (kind === "ref") {
          values[i] = raw;
          continue;
        }
        const v = single(raw, cells, row, col);
        if (kind === "raw") {
          values[i] = v;
          continue;
        }
        if (isError(v)) return v;
        const coerced = coerce(v, kind, ar);
        if (isError(coerced)) return coerced;
        values[i] = coerced;
      }
      return spec.call(values, cells, { sheet: home, row, col });
    };
  };

  // Excel's near-zero rule is for the last operation of a formula: its top `+` or `-`, unless the whole formula is in parentheses.
  const last = result === "value" && !grouped && node.kind === "binary" && (node.op === "+" || node.op === "-");
  const evaluate = last ? binary(node as Extract<Node, { kind: "binary" }>, true) : result === "value" ? value(node) : operand(node);
  return { evaluate, reads, readsNames: reads.some((r) => r instanceof NameRead), missing };
}

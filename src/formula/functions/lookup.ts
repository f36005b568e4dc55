import { jsNumber, type Arithmetic, type Num } from "../arithmetic.js";
import { compare, isError, isNumber, NA, REF, toNum, VALUE, type Value } from "../values.js";
import { wildcard } from "./criteria.js";
import { grid, isRange, single, type Cells, type FunctionSpec, type Operand } from "./spec.js";

/** A lookup vector: a single row or column of values. */
function vector(x: Operand, cells: Cells): Value[] | undefined {
  const g = grid(x, cells);
  if (g.length === 1) return g[0]!;
  if (g.every((row) => row.length === 1)) return g.map((row) => row[0]!);
  return undefined;
}

function sameKind(a: Value, b: Value): boolean {
  return (isNumber(a) && isNumber(b)) || (typeof a === "string" && typeof b === "string") || (typeof a === "boolean" && typeof b === "boolean");
}

/**
 * The position (0-based) MATCH, VLOOKUP and HLOOKUP find: `exact` with wildcards for
 * text; otherwise Excel's binary search over a sorted vector for the last value ≤
 * (type 1) or ≥ (type −1) the one sought.
 */
function find(sought: Value, values: Value[], type: number, ar: Arithmetic): number {
  if (type === 0) {
    const re = typeof sought === "string" ? wildcard(sought) : undefined;
    return values.findIndex((v) => (re ? typeof v === "string" && re.test(v) : sameKind(v, sought) && compare(v, sought, ar) === 0));
  }
  // Excel bisects without checking the order; for sorted data this is the last match.
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid]!;
    if (!sameKind(v, sought)) {
      // Skip values of another kind, as Excel's search does, by narrowing from the top.
      hi = mid - 1;
      continue;
    }
    const k = compare(v, sought, ar) as number;
    if (type > 0 ? k <= 0 : k >= 0) {
      // Ascending (1): last value ≤ sought; descending (−1): last value ≥ sought.
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function tableLookup(horizontal: boolean) {
  return ([sought, table, index, approximate]: [Value, Operand, Num, boolean | undefined], cells: Cells): Value => {
    if (!isRange(table)) return VALUE;
    const g = grid(table, cells);
    const n = Math.trunc(jsNumber(index));
    const width = horizontal ? g.length : (g[0]?.length ?? 0);
    if (n < 1) return VALUE;
    if (n > width) return REF;
    const keys = horizontal ? g[0]! : g.map((row) => row[0]!);
    const i = find(sought, keys, approximate === false ? 0 : 1, cells.arithmetic);
    if (i < 0) return NA;
    return horizontal ? g[n - 1]![i]! : g[i]![n - 1]!;
  };
}

export const LOOKUP: FunctionSpec[] = [
  {
    name: "INDEX",
    min: 2,
    max: 3,
    args: ["ref", "number", "number"],
    // A reference to the cell, not its value: INDEX(...) can end a range.
    call: ([area, row, col]: [Operand, Num, Num | undefined]): Operand => {
      let i = Math.trunc(jsNumber(row));
      if (!isRange(area)) return i === 0 || i === 1 ? area : REF;
      const height = area.r2 - area.r1 + 1;
      const width = area.c2 - area.c1 + 1;
      let j = col === undefined ? 1 : Math.trunc(jsNumber(col));
      if (col === undefined && height === 1) [i, j] = [1, i];
      if (i < 0 || j < 0 || i > height || j > width) return REF;
      if (i === 0 || j === 0) return VALUE;
      return { sheet: area.sheet, r1: area.r1 + i - 1, c1: area.c1 + j - 1, r2: area.r1 + i - 1, c2: area.c1 + j - 1 };
    },
  },
  {
    name: "MATCH",
    min: 2,
    max: 3,
    args: ["any", "ref", "number"],
    call: ([sought, where, type]: [Value, Operand, Num | undefined], cells) => {
      const values = vector(where, cells);
      if (!values) return NA;
      const i = find(sought, values, type === undefined ? 1 : Math.sign(jsNumber(type)), cells.arithmetic);
      return i < 0 ? NA : i + 1;
    },
  },
  { name: "VLOOKUP", min: 3, max: 4, args: ["any", "ref", "number", "boolean"], call: tableLookup(false) },
  { name: "HLOOKUP", min: 3, max: 4, args: ["any", "ref", "number", "boolean"], call: tableLookup(true) },
  {
    name: "CHOOSE",
    min: 2,
    max: 255,
    args: ["lazy"],
    call: ([index, ...choices]: (() => Operand)[], cells): Operand => {
      const i = toNum(single(index!(), cells), cells.arithmetic);
      if (isError(i)) return i;
      const n = Math.trunc(jsNumber(i));
      return n >= 1 && n <= choices.length ? choices[n - 1]!() : VALUE;
    },
  },
];

import type { Num } from "../arithmetic.js";
import { isError, isNumber, toNum, VALUE, type ExcelError, type Value } from "../values.js";
import { criterion } from "./criteria.js";
import { grid, isRange, single, type Cells, type FunctionSpec, type Operand } from "./spec.js";

/** The cells of `sum` that line up with those of `range` (same shape, from sum's top-left corner). */
function aligned(range: Operand, sum: Operand | undefined, cells: Cells): { tests: Value[][]; values: Value[][] } {
  const tests = grid(range, cells);
  if (sum === undefined) return { tests, values: tests };
  if (!isRange(sum)) return { tests, values: [[sum]] };
  const height = tests.length;
  const width = tests[0]?.length ?? 0;
  const values = grid({ ...sum, r2: sum.r1 + height - 1, c2: sum.c1 + width - 1 }, cells);
  return { tests, values };
}

function sumWhere(pairs: { tests: Value[][]; test: (v: Value) => boolean }[], values: Value[][], cells: Cells): Value {
  const total = cells.arithmetic.sum();
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < (values[r]?.length ?? 0); c++) {
      if (!pairs.every((p) => p.test(p.tests[r]?.[c] ?? null))) continue;
      const v = values[r]![c]!;
      if (isError(v)) return v;
      if (isNumber(v)) total.add(v, true);
    }
  }
  return total.total();
}

export const STATISTICAL: FunctionSpec[] = [
  {
    name: "COUNT",
    min: 1,
    max: 255,
    args: ["ref"],
    // Numbers only from references; numbers, numeric text and booleans as written arguments.
    call: (args: Operand[], cells) =>
      args.reduce<number>((n, a) => {
        if (isRange(a)) return n + grid(a, cells).flat().filter(isNumber).length;
        if (a === null || isError(a)) return n;
        return n + (isNumber(a) || typeof a === "boolean" || (typeof a === "string" && !isError(toNum(a, cells.arithmetic))) ? 1 : 0);
      }, 0),
  },
  {
    name: "COUNTA",
    min: 1,
    max: 255,
    args: ["ref"],
    call: (args: Operand[], cells) => args.reduce<number>((n, a) => n + (isRange(a) ? grid(a, cells).flat().filter((v) => v !== null).length : a === null ? 0 : 1), 0),
  },
  {
    name: "COUNTIF",
    min: 2,
    max: 2,
    args: ["ref", "any"],
    call: ([range, c]: [Operand, Value], cells) => {
      const test = criterion(c, cells.arithmetic);
      return grid(range, cells).flat().filter(test).length;
    },
  },
  {
    name: "SUMIF",
    min: 2,
    max: 3,
    args: ["ref", "any", "ref"],
    call: ([range, c, sum]: [Operand, Value, Operand | undefined], cells) => {
      const { tests, values } = aligned(range, sum, cells);
      return sumWhere([{ tests, test: criterion(c, cells.arithmetic) }], values, cells);
    },
  },
  {
    name: "SUMIFS",
    min: 3,
    max: 255,
    args: ["ref", "ref", "any"],
    repeat: 2,
    call: (args: Operand[], cells) => {
      const values = grid(args[0]!, cells);
      const pairs = [];
      for (let i = 1; i < args.length; i += 2) {
        const tests = grid(args[i]!, cells);
        if (tests.length !== values.length || (tests[0]?.length ?? 0) !== (values[0]?.length ?? 0)) return VALUE;
        pairs.push({ tests, test: criterion(single(args[i + 1]!, cells), cells.arithmetic) });
      }
      return sumWhere(pairs, values, cells);
    },
  },
  {
    name: "SUMPRODUCT",
    min: 1,
    max: 255,
    args: ["ref"],
    call: (args: Operand[], cells) => {
      const grids = args.map((a) => grid(a, cells));
      const h = grids[0]!.length;
      const w = grids[0]![0]?.length ?? 0;
      if (grids.some((g) => g.length !== h || (g[0]?.length ?? 0) !== w)) return VALUE;
      const { arithmetic: ar } = cells;
      const total = ar.sum();
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          let product: Num | ExcelError = 1;
          for (const g of grids) {
            const v = g[r]![c]!;
            if (isError(v)) return v;
            // Text and blanks count as 0 in SUMPRODUCT.
            if (!isError(product)) product = isNumber(v) ? ar.mul(product, v) : 0;
          }
          if (isError(product)) return product;
          total.add(product, false);
        }
      }
      return total.total();
    },
  },
];

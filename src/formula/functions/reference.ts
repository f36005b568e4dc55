import { isRange, type Caller, type Cells, type FunctionSpec, type Operand } from "./spec.js";
import { VALUE } from "../values.js";

/**
 * ROW, COLUMN, ROWS and COLUMNS: facts about a reference, not about its cells, so a
 * whole column is 1,048,576 rows whatever the sheet holds. ROW(A3:B9) in one cell is
 * the first row, 3, as Excel before dynamic arrays shows it.
 */
const position = (name: string, of: (r: { r1: number; c1: number }) => number): FunctionSpec => ({
  name,
  min: 0,
  max: 1,
  args: ["ref"],
  call: ([x]: (Operand | undefined)[], _cells: Cells, at: Caller) => {
    if (x === undefined) return of({ r1: at.row, c1: at.col });
    return isRange(x) ? of(x) : VALUE;
  },
});

const size = (name: string, of: (r: { r1: number; r2: number; c1: number; c2: number }) => number): FunctionSpec => ({
  name,
  min: 1,
  max: 1,
  args: ["ref"],
  // A single value (ROWS(5)) is one row and one column.
  call: ([x]: Operand[]) => (isRange(x!) ? of(x) : 1),
});

export const REFERENCE: FunctionSpec[] = [
  position("ROW", (r) => r.r1),
  position("COLUMN", (r) => r.c1),
  size("ROWS", (r) => r.r2 - r.r1 + 1),
  size("COLUMNS", (r) => r.c2 - r.c1 + 1),
];

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellPart, Node } from "../../src/formula/ast.js";
import { parse } from "../../src/formula/parse.js";
import { agrees, hasShape, shapeOf } from "../../src/formula/shape.js";
import { columnLetters } from "../../src/template/a1.js";

/** A tree with its cells and ranges moved as a copy moves them; whole columns and rows as written, corners in order. */
function moved(node: Node, rows: number, cols: number): unknown {
  const part = (p: CellPart): { row: number; col: number } => ({ row: p.rowAbsolute ? p.row : p.row + rows, col: p.colAbsolute ? p.col : p.col + cols });
  switch (node.kind) {
    case "ref": {
      const moves = node.shape === "cell" || node.shape === "range";
      const a = moves ? part(node.start) : node.start;
      const b = moves ? part(node.end) : node.end;
      const area = { r1: Math.min(a.row, b.row), c1: Math.min(a.col, b.col), r2: Math.max(a.row, b.row), c2: Math.max(a.col, b.col) };
      return { kind: "ref", sheet: node.sheet, sheetEnd: node.sheetEnd, shape: node.shape, ...area };
    }
    case "unary":
    case "percent":
      return { ...node, operand: moved(node.operand, rows, cols) };
    case "binary":
    case "range":
      return { ...node, left: moved(node.left, rows, cols), right: moved(node.right, rows, cols) };
    case "call":
      return { ...node, args: node.args.map((a) => moved(a, rows, cols)) };
    default:
      return node;
  }
}

const cellText = (c: CellPart): string => `${c.colAbsolute ? "$" : ""}${columnLetters(c.col)}${c.rowAbsolute ? "$" : ""}${c.row}`;

/** Pieces of formula text that glue onto cells in every way the lexer might read differently from the shape pass. */
const fragment = fc.constantFrom(
  ..."+-*/^&%=<>(),: .$_!'\"#[é\u0001".split(""),
  "SUM(",
  "IF(",
  "LOG10(",
  "A",
  "XFD",
  "1",
  "0.5",
  "1E",
  "1E+",
  "TRUE",
  "Sheet1!",
  "'It''s'!",
  "Jan:Mar!",
  "Q1!",
  '"x"',
  '"A1"',
  "#REF!",
  "A:C",
  "$A:$B",
  "3:5",
  "_xlfn.",
);

const cell = fc.record({
  row: fc.integer({ min: 11, max: 40 }),
  col: fc.integer({ min: 11, max: 40 }),
  rowAbsolute: fc.boolean(),
  colAbsolute: fc.boolean(),
});

describe("formulas of one shape are one formula copied", () => {
  it("texts with one shape parse to one tree moved: a shape never joins formulas that mean different things", () => {
    let claimed = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fragment, cell, cell), { maxLength: 10 }),
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: -10, max: 10 }),
        (pieces, rows, cols) => {
          const copy = (c: CellPart): CellPart => ({ ...c, row: c.rowAbsolute ? c.row : c.row + rows, col: c.colAbsolute ? c.col : c.col + cols });
          const first = pieces.map((p) => (typeof p === "string" ? p : cellText(p))).join("");
          const second = pieces.map((p) => (typeof p === "string" ? p : cellText(copy(p)))).join("");
          const shape = shapeOf(first, 50, 50);
          if (shape === undefined || shapeOf(second, 50 + rows, 50 + cols) !== shape) return;
          expect(hasShape(second, 50 + rows, 50 + cols, shape)).toBe(true);
          let tree: Node;
          try {
            tree = parse(first);
          } catch {
            return;
          }
          if (!agrees(first, 50, 50, tree)) return;
          claimed++;
          expect(moved(parse(second), 0, 0)).toEqual(moved(tree, rows, cols));
        },
      ),
      { numRuns: 20_000, seed: 11, interruptAfterTimeLimit: 20_000 },
    );
    // The property held for enough formulas that parse to mean something.
    expect(claimed).toBeGreaterThan(500);
  });

  it("the shape pass finds the references the parser reads, wherever text glues onto them", () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, cell, cell), { maxLength: 10 }), (pieces) => {
        // Rows and columns ascending along the text, so that no range is written bottom-up (which the parser reorders).
        const cells = pieces.filter((p): p is CellPart => typeof p !== "string");
        const rows = cells.map((c) => c.row).sort((a, b) => a - b);
        const cols = cells.map((c) => c.col).sort((a, b) => a - b);
        let k = 0;
        const text = pieces.map((p) => (typeof p === "string" ? p : cellText({ ...p, row: rows[k]!, col: cols[k++]! }))).join("");
        if (shapeOf(text, 50, 50) === undefined) return;
        let tree: Node;
        try {
          tree = parse(text);
        } catch {
          return;
        }
        parsed++;
        expect(agrees(text, 50, 50, tree)).toBe(true);
      }),
      { numRuns: 20_000, seed: 12, interruptAfterTimeLimit: 20_000 },
    );
    expect(parsed).toBeGreaterThan(500);
  });

  it("copies of a formula have its shape; other formulas, or the same text elsewhere, do not", () => {
    const shape = shapeOf("SUM(B5:B13)+$A$1*B$2", 14, 2)!;
    expect(shape).toBeDefined();
    expect(shapeOf("SUM(C15:C23)+$A$1*C$2", 24, 3)).toBe(shape);
    expect(hasShape("SUM(C15:C23)+$A$1*C$2", 24, 3, shape)).toBe(true);
    expect(shapeOf("SUM(B5:B13)+$A$1*B$2", 15, 2)).not.toBe(shape);
    expect(shapeOf("SUM(B5:B13)+$A$2*B$2", 14, 2)).not.toBe(shape);
    expect(shapeOf("SUM(B5:B13)+$A$1*B2", 14, 2)).not.toBe(shape);
    expect(hasShape("SUM(B5:B13)+$A$1*B$2", 15, 2, shape)).toBe(false);
    expect(hasShape("SUM(B5:B13)+$A$1*B$2+1", 14, 2, shape)).toBe(false);
    expect(hasShape("SUM(B5:B13)", 14, 2, shape)).toBe(false);
  });

  it("sheet names, functions, text and names are not references; what the pass is unsure of has no shape", () => {
    expect(shapeOf("'Income Statement'!B22/1000", 5, 3)).toBe(shapeOf("'Income Statement'!C22/1000", 5, 4));
    expect(shapeOf("Q1!A1", 1, 1)).toBe(shapeOf("Q1!A2", 2, 1));
    expect(shapeOf('LOG10(A1)&"B2"', 1, 1)).toBe(shapeOf('LOG10(A2)&"B2"', 2, 1));
    expect(shapeOf("A1B2+A1.5", 1, 1)).toBe(shapeOf("A1B2+A1.5", 2, 2));
    for (const text of ["#REF!+A1", "[1]Sheet1!A1", "Données!A1", "A1\u0001", "XFE1+A1", "A0", '"open', "'Sheet'A1"]) expect(shapeOf(text, 1, 1)).toBeUndefined();
  });

  it("a range written bottom-up does not agree with its shape, so it is parsed on its own", () => {
    expect(agrees("SUM(B9:B1)", 10, 2, parse("SUM(B9:B1)"))).toBe(false);
    expect(agrees("SUM(B1:B9)", 10, 2, parse("SUM(B1:B9)"))).toBe(true);
  });
});

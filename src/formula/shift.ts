import { MAX_COLUMNS, MAX_ROWS } from "../template/a1.js";
import type { CellPart, Node } from "./ast.js";
import { parse } from "./parse.js";
import { print } from "./print.js";

function shiftPart(p: CellPart, rows: number, cols: number): CellPart | undefined {
  const row = p.rowAbsolute ? p.row : p.row + rows;
  const col = p.colAbsolute ? p.col : p.col + cols;
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLUMNS) return undefined;
  return { ...p, row, col };
}

function shiftNode(node: Node, rows: number, cols: number): Node {
  switch (node.kind) {
    case "ref": {
      // Whole columns keep their rows, whole rows their columns.
      const start = shiftPart(node.start, node.shape === "columns" ? 0 : rows, node.shape === "rows" ? 0 : cols);
      const end = shiftPart(node.end, node.shape === "columns" ? 0 : rows, node.shape === "rows" ? 0 : cols);
      return start && end ? { ...node, start, end } : { kind: "error", code: "#REF!" };
    }
    case "unary":
    case "percent":
      return { ...node, operand: shiftNode(node.operand, rows, cols) };
    case "binary":
    case "range":
      return { ...node, left: shiftNode(node.left, rows, cols), right: shiftNode(node.right, rows, cols) };
    case "call":
      return { ...node, args: node.args.map((a) => shiftNode(a, rows, cols)) };
    default:
      return node;
  }
}

/**
 * The formula a cell gets when a formula is copied `rows` down and `cols` across:
 * relative references move, absolute ones stay. This is how a shared formula in a
 * file reads in each cell that shares it.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  return print(shiftNode(parse(formula), rows, cols));
}

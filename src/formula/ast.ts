import type { ErrorCode } from "./values.js";

/** One corner of a reference: row and column (1-based) and whether each is absolute (`$`). */
export interface CellPart {
  row: number;
  col: number;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

/**
 * A reference as written: a cell (`B7`), a range (`B7:C9`), whole columns (`A:C`) or
 * whole rows (`3:5`), on the formula's own sheet, a named one, or every sheet from
 * `sheet` to `sheetEnd` in tab order (a 3-D reference: `Jan:Mar!B7`).
 */
export interface ReferenceNode {
  kind: "ref";
  sheet?: string | undefined;
  /** The last sheet of a 3-D reference; absent for a reference to one sheet. */
  sheetEnd?: string | undefined;
  /** `cell`: one cell (start only); `range`: start:end; `columns`/`rows`: whole lines. */
  shape: "cell" | "range" | "columns" | "rows";
  start: CellPart;
  end: CellPart;
}

export type UnaryOperator = "-" | "+";
export type BinaryOperator = "^" | "*" | "/" | "+" | "-" | "&" | "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Node =
  | { kind: "number"; text: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; code: ErrorCode }
  | { kind: "missing" }
  | ReferenceNode
  | { kind: "name"; name: string; sheet?: string | undefined }
  | { kind: "unary"; op: UnaryOperator; operand: Node }
  | { kind: "percent"; operand: Node }
  | { kind: "binary"; op: BinaryOperator; left: Node; right: Node }
  | { kind: "call"; name: string; args: Node[] }
  /** `B1:INDEX(B1:B9, 3)`: the range operator between references that are not both plain cells. */
  | { kind: "range"; left: Node; right: Node };

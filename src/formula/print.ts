import type { Node } from "./ast.js";
import { quoteSheetName } from "../template/a1.js";
import { referenceText } from "./address.js";
import { PRECEDENCE } from "./parse.js";

/** Binds tighter than any binary operator: a unary or % operand needs no parentheses unless binary. */
const PREFIX = 6;
const POSTFIX = 7;
const ATOM = 8;

function precedence(node: Node): number {
  if (node.kind === "binary") return PRECEDENCE[node.op];
  if (node.kind === "unary") return PREFIX;
  if (node.kind === "percent") return POSTFIX;
  return ATOM;
}

function wrap(node: Node, needs: boolean): string {
  return needs ? `(${print(node)})` : print(node);
}

/**
 * Formula text for an AST, without the leading `=`, with just the parentheses the
 * tree needs: parse(print(ast)) gives the same tree back.
 */
export function print(node: Node): string {
  switch (node.kind) {
    case "number":
      return node.text;
    case "string":
      return `"${node.value.replace(/"/g, '""')}"`;
    case "boolean":
      return node.value ? "TRUE" : "FALSE";
    case "error":
      return node.code;
    case "missing":
      return "";
    case "ref":
      return referenceText(node);
    case "name":
      return node.sheet === undefined ? node.name : `${quoteSheetName(node.sheet)}!${node.name}`;
    case "unary":
      return node.op + wrap(node.operand, precedence(node.operand) < PREFIX);
    case "percent":
      return `${wrap(node.operand, precedence(node.operand) < POSTFIX)}%`;
    case "binary": {
      const p = PRECEDENCE[node.op];
      // Left-associative: a right operand of equal precedence keeps its parentheses.
      return `${wrap(node.left, precedence(node.left) < p)}${node.op}${wrap(node.right, precedence(node.right) <= p)}`;
    }
    case "call":
      return `${node.name}(${node.args.map(print).join(",")})`;
    case "range":
      return `${print(node.left)}:${print(node.right)}`;
  }
}

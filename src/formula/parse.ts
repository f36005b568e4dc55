import { FormulaSyntaxError, type Where } from "../errors.js";
import type { BinaryOperator, Node } from "./ast.js";
import { arityProblem, lookupFunction } from "./functions/registry.js";
import { lex, type Token } from "./lex.js";

/** Excel's precedence, loosest first. Negation and % bind tighter than ^ (so -2^2 = 4). */
export const PRECEDENCE: Record<BinaryOperator, number> = {
  "=": 1, "<>": 1, "<": 1, "<=": 1, ">": 1, ">=": 1,
  "&": 2,
  "+": 3, "-": 3,
  "*": 4, "/": 4,
  "^": 5,
};

function isBinary(op: string): op is BinaryOperator {
  return op in PRECEDENCE;
}

/**
 * Parses Excel formula text (with or without the leading `=`) into an AST. Every
 * binary operator is left-associative, as in Excel (2^3^2 = 64).
 */
export function parse(formula: string, where?: Where): Node {
  const tokens = lex(formula, where);
  let i = 0;
  const peek = (): Token => tokens[i]!;
  const fail = (message: string, token: Token = peek()): never => {
    throw new FormulaSyntaxError(`${message} at position ${token.pos + 1} of "${formula}"`, formula, token.pos, where);
  };
  const isOp = (t: Token, op: string): boolean => t.type === "op" && t.op === op;

  const binary = (min: number): Node => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.type !== "op" || !isBinary(t.op) || PRECEDENCE[t.op] < min) return left;
      i++;
      const right = binary(PRECEDENCE[t.op] + 1);
      left = { kind: "binary", op: t.op, left, right };
    }
  };

  const unary = (): Node => {
    const t = peek();
    if (isOp(t, "-") || isOp(t, "+")) {
      i++;
      return { kind: "unary", op: (t as { op: "-" | "+" }).op, operand: unary() };
    }
    let node = primary();
    while (isOp(peek(), ":") && (node.kind === "ref" || node.kind === "call" || node.kind === "name" || node.kind === "range")) {
      i++;
      node = { kind: "range", left: node, right: primary() };
    }
    while (isOp(peek(), "%")) {
      i++;
      node = { kind: "percent", operand: node };
    }
    return node;
  };

  const primary = (): Node => {
    const t = peek();
    i++;
    switch (t.type) {
      case "number":
        return { kind: "number", text: t.text };
      case "string":
        return { kind: "string", value: t.value };
      case "boolean":
        return { kind: "boolean", value: t.value };
      case "error":
        return { kind: "error", code: t.code };
      case "ref":
        return t.ref;
      case "name":
        return t.sheet === undefined ? { kind: "name", name: t.name } : { kind: "name", name: t.name, sheet: t.sheet };
      case "function": {
        const node = call(t.name);
        // A known function with the wrong number of arguments is refused here, where its place is known.
        const spec = lookupFunction(t.name);
        const problem = spec && arityProblem(spec, node.args.length);
        if (problem) fail(problem, t);
        return node;
      }
      case "op":
        if (t.op === "(") {
          const inner = binary(1);
          if (!isOp(peek(), ")")) fail('expected ")"');
          i++;
          return inner;
        }
        return fail(`unexpected "${t.op}"`, t);
      case "end":
        return fail("the formula ends where a value was expected", t);
    }
  };

  const call = (name: string): Extract<Node, { kind: "call" }> => {
    i++; // "("
    const args: Node[] = [];
    if (isOp(peek(), ")")) {
      i++;
      return { kind: "call", name, args };
    }
    for (;;) {
      const t = peek();
      args.push(isOp(t, ",") || isOp(t, ")") ? { kind: "missing" } : binary(1));
      const next = peek();
      i++;
      if (isOp(next, ")")) return { kind: "call", name, args };
      if (!isOp(next, ",")) fail(`expected "," or ")" in the arguments of ${name}`, next);
    }
  };

  if (peek().type === "end") fail("the formula is empty");
  const node = binary(1);
  if (peek().type !== "end") fail("unexpected text after the end of the formula");
  return node;
}

/**
 * Whether the whole formula is one group in parentheses (`(A1-A2)`, not `(A1)-A2`).
 * Excel applies its near-zero rule to the last `+` or `-` of a formula, and not when
 * that operation is inside parentheses: =0.5-0.4-0.1 is 0, =(0.5-0.4-0.1) is
 * -2.77555756156289E-17.
 */
export function isGrouped(formula: string): boolean {
  // Most formulas start otherwise: no need to read them again.
  if (!/^=?\s*\(/.test(formula)) return false;
  const tokens = lex(formula);
  const first = tokens[0];
  if (first?.type !== "op" || first.op !== "(") return false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== "op") continue;
    if (t.op === "(") depth++;
    else if (t.op === ")" && --depth === 0) return tokens[i + 1]?.type === "end";
  }
  return false;
}

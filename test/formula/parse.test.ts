import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormulaSyntaxError } from "../../src/errors.js";
import type { Node } from "../../src/formula/ast.js";
import { parse } from "../../src/formula/parse.js";
import { print } from "../../src/formula/print.js";

describe("formula text ⇄ AST", () => {
  it.each([
    "SUM(B7:B10)",
    "'Income Statement'!C31/1000",
    "'It''s Q2'!$A$1+Sheet2!B$3-$C4",
    "SUM('Balance Sheet'!D5:D20)",
    "SUM(A:A)+SUM(3:5)",
    'IF(B5=0,"",C5/B5-1)',
    '"say ""hi"""&A1',
    "IFERROR(1/0,#N/A)",
    "-2^2",
    "2^3^2",
    "2^(3^2)",
    "1-(2-3)",
    "1-2-3",
    "-(1+2)",
    "50%*2",
    "(1+2)%",
    "1=1=TRUE",
    "ROUND(A1,-2)",
    "IF(A1,,B1)",
    "_xlfn.IFNA(A1,0)",
  ])("%s prints back as written", (text) => {
    expect(print(parse(text))).toBe(text);
  });

  it("a leading = and spaces are accepted, and the printed text is normal", () => {
    expect(print(parse("= SUM( B7:B10 ) + 1"))).toBe("SUM(B7:B10)+1");
  });

  it("a quoted sheet name with spaces and an apostrophe is one sheet", () => {
    const node = parse("'It''s a sheet'!B2:C9");
    expect(node).toMatchObject({ kind: "ref", sheet: "It's a sheet", shape: "range", start: { row: 2, col: 2 }, end: { row: 9, col: 3 } });
  });

  it("absolute and mixed references keep their $ per part", () => {
    expect(parse("$B7")).toMatchObject({ start: { colAbsolute: true, rowAbsolute: false } });
    expect(parse("B$7")).toMatchObject({ start: { colAbsolute: false, rowAbsolute: true } });
  });

  it("parentheses the tree does not need are not kept: (-2)^2 is -2^2", () => {
    expect(print(parse("(-2)^2"))).toBe("-2^2");
  });

  it("unary minus binds tighter than ^, and ^ is left-associative, as in Excel", () => {
    expect(parse("-2^2")).toMatchObject({ kind: "binary", op: "^", left: { kind: "unary" } });
    expect(parse("2^3^2")).toMatchObject({ kind: "binary", op: "^", left: { kind: "binary", op: "^" } });
  });

  it.each([
    ["SUM(1,2", /expected "," or "\)"/],
    ["1+", /ends where a value was expected/],
    ['"open', /unterminated text/],
    ["1 2", /unexpected text after the end/],
    ["", /empty/],
    ["A1048577", /outside Excel's grid/],
  ])("%s is a syntax error with its position", (text, message) => {
    let error: unknown;
    try {
      parse(text, { file: "t.json", path: "row x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    expect((error as FormulaSyntaxError).message).toMatch(message);
    expect((error as FormulaSyntaxError).file).toBe("t.json");
    expect((error as FormulaSyntaxError).position).toBeGreaterThanOrEqual(0);
  });

  it("any AST prints to text that parses back to the same AST", () => {
    const leaf = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map((n): Node => ({ kind: "number", text: String(n) })),
      fc.string({ maxLength: 5 }).map((value): Node => ({ kind: "string", value })),
      fc.boolean().map((value): Node => ({ kind: "boolean", value })),
      fc.constantFrom("#DIV/0!", "#N/A", "#REF!").map((code): Node => ({ kind: "error", code: code as "#N/A" })),
      fc.record({ row: fc.integer({ min: 1, max: 500 }), col: fc.integer({ min: 1, max: 60 }), sheet: fc.constantFrom(undefined, "Data", "It's Q2") }).map(
        ({ row, col, sheet }): Node => ({ kind: "ref", sheet, shape: "cell", start: { row, col, rowAbsolute: false, colAbsolute: false }, end: { row, col, rowAbsolute: false, colAbsolute: false } }),
      ),
    );
    const tree = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.record({ op: fc.constantFrom("-", "+"), operand: tie("node") }).map(({ op, operand }): Node => ({ kind: "unary", op: op as "-", operand })),
        tie("node").map((operand): Node => ({ kind: "percent", operand })),
        fc
          .record({ op: fc.constantFrom("^", "*", "/", "+", "-", "&", "=", "<>", "<", "<=", ">", ">="), left: tie("node"), right: tie("node") })
          .map(({ op, left, right }): Node => ({ kind: "binary", op: op as "+", left, right })),
        fc.record({ name: fc.constantFrom("SUM", "IF", "ROUND"), args: fc.array(tie("node"), { maxLength: 3 }) }).map(({ name, args }): Node => ({ kind: "call", name, args })),
      ),
    }));
    fc.assert(
      fc.property(tree.node, (ast) => {
        expect(parse(print(ast))).toEqual(JSON.parse(JSON.stringify(ast)));
      }),
      { numRuns: 500, seed: 20181106 },
    );
  });
});

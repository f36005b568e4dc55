import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormulaSyntaxError } from "../../src/errors.js";
import type { Node } from "../../src/formula/ast.js";
import { parse } from "../../src/formula/parse.js";
import { print } from "../../src/formula/print.js";
import { ERROR_CODES } from "../../src/formula/values.js";

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
    "_xlfn.STDEV.S(A1:A9)",
    "$A$1+A$1+$A1+A1",
    "SUM(Sheet2!A:C)+Data!$3:$5",
    "SUM(Jan:Mar!B7)",
    "SUM('Q1 2018:Q2 2018'!B7:C9)",
    "SUM('It''s Q1:Q2'!A1)",
    "ROUND(SUM(A1:A3)/MAX(1,ABS(B1)),2)",
    '"It\'s ""quoted"""',
    "IF(#NULL!,#NUM!,#VALUE!)&#NAME?",
    "IFERROR(#DIV/0!,#REF!)",
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

  it("a 3-D reference names its first and last sheet, quoted together when either needs it", () => {
    expect(parse("SUM(Jan:Mar!B7:B9)")).toMatchObject({ args: [{ kind: "ref", sheet: "Jan", sheetEnd: "Mar", shape: "range" }] });
    expect(parse("'Q1 2018:Q2 2018'!A1")).toMatchObject({ kind: "ref", sheet: "Q1 2018", sheetEnd: "Q2 2018", shape: "cell" });
    // A range between two cells is not a span of sheets.
    expect(parse("A1:B2")).not.toHaveProperty("sheetEnd");
    expect(parse("A1:Data!B2")).toMatchObject({ kind: "range" });
  });

  it("function names keep their spelling (lower case, dots, _xlfn.) and whole columns or rows are references", () => {
    expect(parse("sum(a:c)")).toMatchObject({ kind: "call", name: "sum", args: [{ kind: "ref", shape: "columns", start: { col: 1 }, end: { col: 3 } }] });
    expect(parse("_xlfn.STDEV.S(3:5)")).toMatchObject({ name: "_xlfn.STDEV.S", args: [{ shape: "rows", start: { row: 3 }, end: { row: 5 } }] });
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
    ["Jan:Mar!Revenue", /3-D reference must be followed by a cell/],
    ["ROUND(1)", /ROUND takes 2 arguments, not 1/],
    ["IF(TRUE)", /IF takes 2 to 3 arguments, not 1/],
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

  it.each([
    ["1+", 2],
    ["SUM(1,2", 7],
    ['1&"open', 2],
    ["1 2", 2],
    ["=1+*2", 3],
    ["1+ROUND(1)", 2],
    ["'Data'A1", 0],
    ["1+)", 2],
  ])("the position of the error in %s is %i (0-based)", (text, position) => {
    expect(() => parse(text)).toThrow(expect.objectContaining({ position }));
  });

  it("any AST prints to text that parses back to the same AST", () => {
    const part = (row: number, col: number, rowAbsolute: boolean, colAbsolute: boolean) => ({ row, col, rowAbsolute, colAbsolute });
    const sheets = fc.constantFrom<[string | undefined, string | undefined]>(
      [undefined, undefined],
      ["Data", undefined],
      ["It's Q2", undefined],
      ["Balance Sheet", undefined],
      ["Jan", "Mar"],
      ["Q1 2018", "Q2 2018"],
    );
    const flags = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean());
    const cell = fc.record({ row: fc.integer({ min: 1, max: 1_048_576 }), col: fc.integer({ min: 1, max: 16_384 }) });
    const reference = fc
      .record({ shape: fc.constantFrom("cell", "range", "columns", "rows"), a: cell, b: cell, sheets, flags })
      .map(({ shape, a, b, sheets: [sheet, sheetEnd], flags: [ra, ca, rb, cb] }): Node => {
        const r1 = Math.min(a.row, b.row);
        const r2 = Math.max(a.row, b.row);
        const c1 = Math.min(a.col, b.col);
        const c2 = Math.max(a.col, b.col);
        const ref = (start: ReturnType<typeof part>, end: ReturnType<typeof part>): Node =>
          sheetEnd === undefined ? { kind: "ref", sheet, shape: shape as "cell", start, end } : { kind: "ref", sheet, sheetEnd, shape: shape as "cell", start, end };
        if (shape === "cell") return ref(part(r1, c1, ra, ca), part(r1, c1, ra, ca));
        if (shape === "range") return ref(part(r1, c1, ra, ca), part(r2, c2, rb, cb));
        if (shape === "columns") return ref(part(1, c1, false, ca), part(1_048_576, c2, false, cb));
        return ref(part(r1, 1, ra, false), part(r2, 16_384, rb, false));
      });
    const leaf = fc.oneof(
      fc.oneof(fc.integer({ min: 0, max: 10_000 }).map(String), fc.constantFrom("0.5", "1.25", "1E+3", ".5")).map((text): Node => ({ kind: "number", text })),
      fc.string({ maxLength: 5 }).map((value): Node => ({ kind: "string", value })),
      fc.boolean().map((value): Node => ({ kind: "boolean", value })),
      fc.constantFrom(...ERROR_CODES).map((code): Node => ({ kind: "error", code })),
      fc.constantFrom("Revenue", "gross_margin", "fy2018.total").map((name): Node => ({ kind: "name", name })),
      reference,
    );
    // Known functions get an argument count they accept (any other is refused when parsed); unknown ones any count.
    const calls: [string, number, number][] = [
      ["SUM", 1, 3],
      ["IF", 2, 3],
      ["ROUND", 2, 2],
      ["_xlfn.STDEV.S", 0, 3],
      ["Foo.Bar", 0, 3],
    ];
    const tree = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.record({ op: fc.constantFrom("-", "+"), operand: tie("node") }).map(({ op, operand }): Node => ({ kind: "unary", op: op as "-", operand })),
        tie("node").map((operand): Node => ({ kind: "percent", operand })),
        fc
          .record({ op: fc.constantFrom("^", "*", "/", "+", "-", "&", "=", "<>", "<", "<=", ">", ">="), left: tie("node"), right: tie("node") })
          .map(({ op, left, right }): Node => ({ kind: "binary", op: op as "+", left, right })),
        fc
          .record({ call: fc.constantFrom(...calls), args: fc.array(tie("node"), { maxLength: 3 }) })
          .filter(({ call: [, min, max], args }) => args.length >= min && args.length <= max)
          .map(({ call: [name], args }): Node => ({ kind: "call", name, args })),
      ),
    }));
    fc.assert(
      fc.property(tree.node, (ast) => {
        expect(parse(print(ast))).toEqual(JSON.parse(JSON.stringify(ast)));
      }),
      { numRuns: 1000, seed: 20181106 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CycleError, FormulaSyntaxError } from "../../src/errors.js";
import { FormulaBook } from "../../src/formula/book.js";
import { parse } from "../../src/formula/parse.js";
import { print } from "../../src/formula/print.js";

/** Formula-like text: the characters formulas are made of, so the fuzzer reaches deep into the grammar. */
const formulaText = fc.string({
  unit: fc.constantFrom(..."A1B2$:!'\"()+-*/^&%=<>,. #SUMIFROUND[]_xlfn.TRUE0123456789eE\\".split(""), "SUM(", "'It''s'!", "#DIV/0!", "A1:B2", "1E+", "\"\""),
  maxLength: 40,
});

describe("fuzzing the formula parser (bounded budget)", () => {
  it("any text either parses (and prints back to an equivalent formula) or is a FormulaSyntaxError — never a crash or a hang", () => {
    fc.assert(
      fc.property(fc.oneof(formulaText, fc.string({ maxLength: 40 })), (text) => {
        let ast;
        try {
          ast = parse(text);
        } catch (e) {
          expect(e).toBeInstanceOf(FormulaSyntaxError);
          return;
        }
        expect(parse(print(ast))).toEqual(ast);
      }),
      { numRuns: 5000, seed: 42, interruptAfterTimeLimit: 20_000 },
    );
  });

  it("any parsed formula evaluates to a value or an Excel error — never a JavaScript exception", () => {
    fc.assert(
      fc.property(formulaText, (text) => {
        const book = new FormulaBook();
        book.addSheet("Sheet1");
        book.addSheet("It's");
        try {
          book.setFormula("Sheet1", 100, 100, text);
        } catch (e) {
          expect(e).toBeInstanceOf(FormulaSyntaxError);
          return;
        }
        try {
          book.recalculate();
        } catch (e) {
          // `A:MA` in CV100 reads itself: a cycle is a typed error naming the cell (found by this fuzzer).
          expect(e).toBeInstanceOf(CycleError);
          return;
        }
        book.value("Sheet1", 100, 100);
      }),
      { numRuns: 3000, seed: 7, interruptAfterTimeLimit: 20_000 },
    );
  });
});

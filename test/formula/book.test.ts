import { describe, expect, it } from "vitest";
import { CycleError } from "../../src/errors.js";
import { FormulaBook } from "../../src/formula/book.js";
import { toStored } from "../../src/formula/stored.js";
import { Decimal } from "../../src/formula/values.js";

describe("the book evaluates in dependency order", () => {
  it("formulas are evaluated after what they read, whatever order they were set in", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 1, 1, "A2*2");
    book.setFormula("Sheet1", 2, 1, "A3+1");
    book.setValue("Sheet1", 3, 1, new Decimal(4));
    book.recalculate();
    expect(toStored(book.value("Sheet1", 1, 1))).toBe(10);
  });

  it("references across sheets, names case-insensitive, quoted names with apostrophes", () => {
    const book = new FormulaBook();
    book.addSheet("It's Q2");
    book.addSheet("Summary");
    book.setValue("It's Q2", 1, 1, new Decimal(7));
    book.setFormula("Summary", 1, 1, "'IT''S Q2'!A1*3");
    book.recalculate();
    expect(toStored(book.value("Summary", 1, 1))).toBe(21);
  });

  it("defined names resolve, workbook- and sheet-scoped", () => {
    const book = new FormulaBook();
    book.addSheet("Data");
    book.addSheet("Calc");
    book.setValue("Data", 1, 1, new Decimal(5));
    book.setValue("Data", 2, 1, new Decimal(6));
    book.defineName("Revenue", "Data!$A$1");
    book.defineName("Revenue", "Data!$A$2", "Calc");
    book.setFormula("Data", 3, 1, "Revenue*10");
    book.setFormula("Calc", 1, 1, "Revenue*10");
    book.recalculate();
    expect(toStored(book.value("Data", 3, 1))).toBe(50);
    expect(toStored(book.value("Calc", 1, 1))).toBe(60);
  });

  it("a cycle is an error naming its cells in order", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 1, 1, "B1+1");
    book.setFormula("Sheet1", 1, 2, "C1+1");
    book.setFormula("Sheet1", 1, 3, "SUM(A1:A2)");
    expect(() => book.recalculate()).toThrow(CycleError);
    expect(() => book.recalculate()).toThrow("circular reference: Sheet1!A1 → Sheet1!B1 → Sheet1!C1 → Sheet1!A1");
  });

  it("a chain 100,000 cells deep evaluates without overflowing the stack", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    const n = 100_000;
    // Set in reverse so that evaluation must walk the whole chain from the top.
    for (let row = n; row >= 2; row--) book.setFormula("Sheet1", row, 1, `A${row - 1}+1`);
    book.setValue("Sheet1", 1, 1, new Decimal(1));
    book.recalculate();
    expect(toStored(book.value("Sheet1", n, 1))).toBe(n);
  });

  it("an unsupported function is reported by name and cell, and gives #NAME? rather than 0", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 2, 3, "XLOOKUP(1,A1:A2,B1:B2)");
    expect(book.unsupported()).toEqual([{ cell: "Sheet1!C2", name: "XLOOKUP" }]);
    book.recalculate();
    expect(toStored(book.value("Sheet1", 2, 3))).toEqual({ error: "#NAME?" });
  });
});

import { describe, expect, it } from "vitest";
import { CycleError, FormulaSyntaxError, InputError } from "../../src/errors.js";
import { FormulaBook } from "../../src/formula/book.js";
import { shiftFormula } from "../../src/formula/shift.js";
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

  it("a 3-D reference sums the same cells on every sheet from the first to the last, in tab order", () => {
    const book = new FormulaBook();
    for (const name of ["Jan", "Feb", "Mar", "Total"]) book.addSheet(name);
    book.setValue("Jan", 1, 2, new Decimal("1.1"));
    book.setFormula("Feb", 1, 2, "A1*2");
    book.setValue("Feb", 1, 1, new Decimal(10));
    book.setValue("Mar", 1, 2, new Decimal("0.2"));
    book.setValue("Mar", 2, 2, "text is skipped");
    book.setFormula("Total", 1, 1, "SUM(Jan:Mar!B1:B2)");
    book.setFormula("Total", 2, 1, "SUM(Mar:Jan!B1)");
    book.setFormula("Total", 3, 1, "Jan:Mar!B1+1");
    book.setFormula("Total", 4, 1, "VLOOKUP(1,Jan:Mar!A1:B2,2)");
    book.setFormula("Total", 5, 1, "SUM(Jan:Nowhere!B1)");
    book.recalculate();
    expect(String(book.value("Total", 1, 1))).toBe("21.3");
    expect(String(book.value("Total", 2, 1))).toBe("21.3");
    expect(toStored(book.value("Total", 3, 1))).toEqual({ error: "#VALUE!" });
    expect(toStored(book.value("Total", 4, 1))).toEqual({ error: "#VALUE!" });
    expect(toStored(book.value("Total", 5, 1))).toEqual({ error: "#REF!" });
  });

  it("a cycle through a range that holds the formula itself names that cell twice", () => {
    const book = new FormulaBook();
    book.addSheet("P&L");
    book.setValue("P&L", 1, 1, new Decimal(1));
    book.setFormula("P&L", 3, 1, "SUM(A1:A3)");
    let error: unknown;
    try {
      book.recalculate();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CycleError);
    expect((error as CycleError).cells).toEqual(["'P&L'!A3", "'P&L'!A3"]);
    expect((error as CycleError).path).toBe("'P&L'!A3");
  });

  it("defined names that refer to each other are a cycle naming them, not a stack overflow", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.defineName("a", "b+1");
    book.defineName("b", "a*2");
    book.setFormula("Sheet1", 1, 1, "a");
    expect(() => book.recalculate()).toThrow(expect.objectContaining({ cells: ["a", "b", "a"] }));
  });

  it("a syntax error carries the caller's place, and the cell as path when the caller names none", () => {
    const book = new FormulaBook();
    book.addSheet("Summary");
    const errorOf = (where?: { file?: string; path?: string }): FormulaSyntaxError => {
      try {
        book.setFormula("Summary", 7, 3, "SUM(B1:B6", where);
      } catch (e) {
        return e as FormulaSyntaxError;
      }
      throw new Error("no error");
    };
    expect(errorOf()).toMatchObject({ path: "Summary!C7", position: 9 });
    expect(errorOf({ file: "t.json" })).toMatchObject({ file: "t.json", path: "Summary!C7" });
    expect(errorOf({ file: "t.json", path: "row total" })).toMatchObject({ file: "t.json", path: "row total" });
    expect(book.formulaCells()).toBe(0);
  });

  it("sheet names are unique ignoring case, and a value written over a formula replaces it", () => {
    const book = new FormulaBook();
    book.addSheet("Data");
    expect(() => book.addSheet("DATA")).toThrow(InputError);
    book.setFormula("data", 1, 1, "NOSUCH(1)");
    book.setFormula("Data", 2, 1, "A1+1");
    expect(book.formulaCells()).toBe(2);
    expect(book.unsupported()).toEqual([{ cell: "Data!A1", name: "NOSUCH" }]);
    book.setValue("Data", 1, 1, new Decimal(41));
    expect(book.formulaCells()).toBe(1);
    expect(book.unsupported()).toEqual([]);
    book.recalculate();
    expect(toStored(book.value("DATA", 2, 1))).toBe(42);
    expect(book.value("Data", 9, 9)).toBeNull();
  });

  it("a whole-column SUM reads only the cells that exist, formulas included, after they are computed", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    const n = 50_000;
    for (let row = 1; row <= n; row++) {
      book.setValue("Sheet1", row, 1, new Decimal(row));
      book.setFormula("Sheet1", row, 2, `A${row}*2`);
    }
    book.setFormula("Sheet1", 1, 3, "SUM(B:B)");
    book.setFormula("Sheet1", 2, 3, "SUM($A:$B)-C1");
    book.recalculate();
    expect(String(book.value("Sheet1", 1, 3))).toBe(String(n * (n + 1)));
    expect(String(book.value("Sheet1", 2, 3))).toBe(String((n * (n + 1)) / 2));
  });

  it("a chain of 100,000 formulas set in order, read through a name at its end, evaluates", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    const n = 100_000;
    // Halves, which doubles add without rounding.
    book.setValue("Sheet1", 1, 1, new Decimal("0.5"));
    for (let row = 2; row <= n; row++) book.setFormula("Sheet1", row, 1, `A${row - 1}+0.5`);
    book.defineName("last", `Sheet1!$A$${n}`);
    book.setFormula("Sheet1", 1, 2, "last*2");
    book.recalculate();
    expect(String(book.value("Sheet1", 1, 2))).toBe(String(n));
  });

  it("a whole-column range that includes its own cell is a cycle (found by fuzzing: A:MA in CV100)", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 100, 100, "A:MA");
    expect(() => book.recalculate()).toThrow("circular reference: Sheet1!CV100 → Sheet1!CV100");
  });

  it("a cycle through a branch IF does not take is still a cycle: dependency order follows every reference", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 1, 1, "IF(TRUE,1,B1)");
    book.setFormula("Sheet1", 1, 2, "A1+1");
    expect(() => book.recalculate()).toThrow("circular reference: Sheet1!A1 → Sheet1!B1 → Sheet1!A1");
  });

  it("a cycle through copies of one formula names its cells in order", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 1, 1, "A2+1");
    book.setFormula("Sheet1", 2, 1, "A3+1");
    book.setFormula("Sheet1", 3, 1, "A4+1");
    book.setFormula("Sheet1", 4, 1, "A2*2");
    expect(() => book.recalculate()).toThrow("circular reference: Sheet1!A2 → Sheet1!A3 → Sheet1!A4 → Sheet1!A2");
  });

  it("copies of a formula down and across each give what the formula gives set alone in its cell", () => {
    const sheets = ["Jan", "Feb", "Data"];
    const values = (book: FormulaBook): void => {
      for (const s of sheets) book.addSheet(s);
      for (const s of sheets) for (let row = 1; row <= 40; row++) for (let col = 1; col <= 12; col++) book.setValue(s, row, col, new Decimal(`${row}.${col}${s.length}`));
      book.defineName("rate", "Data!$A$1");
      book.defineName("block", "Data!$B$2:$C$3");
    };
    // Written for T5 and copied down and across from there: relative parts move, $ parts stay, every reference lands on a value.
    const formulas = [
      "A1+B2",
      "$A$1*A1-A$1/$A1",
      "SUM(A1:B3)+SUM($A$1:A2)",
      "SUM(A$1:A4)",
      "SUM(Jan:Feb!A1:B2)-Data!B2",
      "'Data'!$A1*rate+SUM(block)",
      "SUM(A:A)+SUM($2:$2)",
      'IF(A1>B1,"more",B1-A1)',
      "A1:B1",
    ];
    const copies = formulas.flatMap((f, i) => [0, 1, 2].flatMap((dr) => [0, 1, 2].map((dc) => ({ row: 5 + 4 * i + dr, col: 20 + dc, text: shiftFormula(f, 4 * i + dr, dc) }))));
    const shared = new FormulaBook();
    values(shared);
    for (const c of copies) shared.setFormula("Jan", c.row, c.col, c.text);
    shared.recalculate();
    for (const c of copies) {
      const alone = new FormulaBook();
      values(alone);
      alone.setFormula("Jan", c.row, c.col, c.text);
      alone.recalculate();
      expect(String(shared.value("Jan", c.row, c.col)), c.text).toBe(String(alone.value("Jan", c.row, c.col)));
    }
    // The copies compute what they name, not the same as one another.
    expect(new Set(copies.map((c) => String(shared.value("Jan", c.row, c.col)))).size).toBeGreaterThan(50);
  });

  it("a copied range whose moving corner passes its fixed one reads the cells between, as a range written that way does", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    for (let row = 1; row <= 9; row++) book.setValue("Sheet1", row, 1, new Decimal(10 ** (row - 1)));
    book.setFormula("Sheet1", 9, 2, "SUM(A$5:A8)");
    book.setFormula("Sheet1", 3, 2, "SUM(A$5:A2)");
    book.recalculate();
    expect(toStored(book.value("Sheet1", 9, 2))).toBe(11110000);
    expect(toStored(book.value("Sheet1", 3, 2))).toBe(11110);
  });

  it("copies of a formula that read cells set later, or each other in reverse order, wait for them", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    for (let row = 10; row >= 2; row--) book.setFormula("Sheet1", row, 2, `B${row - 1}+A${row}`);
    book.setFormula("Sheet1", 1, 2, "SUM(A1:A10)");
    for (let row = 1; row <= 10; row++) book.setValue("Sheet1", row, 1, new Decimal(row));
    book.recalculate();
    expect(toStored(book.value("Sheet1", 10, 2))).toBe(55 + 54);
  });

  it("each copy of a formula that calls a function the library lacks is reported", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    book.setFormula("Sheet1", 1, 2, "XLOOKUP(A1,C:C,D:D)");
    book.setFormula("Sheet1", 2, 2, "XLOOKUP(A2,C:C,D:D)");
    expect(book.unsupported()).toEqual([
      { cell: "Sheet1!B1", name: "XLOOKUP" },
      { cell: "Sheet1!B2", name: "XLOOKUP" },
    ]);
  });

  it("formulas the shape pass cannot read are parsed on their own, and one text in two cells reads the same cells", () => {
    const book = new FormulaBook();
    book.addSheet("Données");
    book.addSheet("Sheet1");
    for (let row = 1; row <= 3; row++) book.setValue("Données", row, 1, new Decimal(row * 10));
    for (let row = 1; row <= 3; row++) book.setValue("Sheet1", row, 1, new Decimal(row));
    for (const row of [1, 2]) {
      book.setFormula("Sheet1", row, 2, "Données!A1*2");
      book.setFormula("Sheet1", row, 3, "SUM(A3:A1)");
      book.setFormula("Sheet1", row, 4, "IFERROR(#N/A,A2)");
    }
    book.recalculate();
    for (const row of [1, 2]) {
      expect(toStored(book.value("Sheet1", row, 2))).toBe(20);
      expect(toStored(book.value("Sheet1", row, 3))).toBe(6);
      expect(toStored(book.value("Sheet1", row, 4))).toBe(2);
    }
  });

  it("formulas far apart in a column, set bottom-up, each wait for the one they read", () => {
    const book = new FormulaBook();
    book.addSheet("Sheet1");
    // Gaps of 1,000 rows and more: the column's slots are not all written out.
    const rows = [1, 1_000, 5_000, 100_000, 1_000_000];
    for (let i = rows.length - 1; i > 0; i--) book.setFormula("Sheet1", rows[i]!, 2, `B${rows[i - 1]}+A${rows[i]}`);
    book.setFormula("Sheet1", 1, 2, "A1");
    for (const row of rows) book.setValue("Sheet1", row, 1, new Decimal(row));
    book.recalculate();
    expect(toStored(book.value("Sheet1", 1_000_000, 2))).toBe(rows.reduce((a, b) => a + b, 0));
  });
});

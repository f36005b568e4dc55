import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/errors.js";
import { compile } from "../../src/template/compile.js";
import { layOut, type Layout } from "../../src/template/layout.js";
import { sheet as sheetSchema } from "../../src/template/schema.js";

/**
 * Two small sheets. Rows start at 5 (title, status, blank, header above), labels in
 * column A, so period columns are B, C and the comparison column D.
 */
function twoSheets(): Layout {
  const is = sheetSchema.parse({
    id: "is",
    name: "Income Statement",
    title: "t",
    unit: "JPY thousands",
    columns: [{ period: "1H17" }, { period: "1H18" }, { id: "yoy", header: "YoY", formula: "@1H18 - @1H17" }],
    rows: [
      { heading: "Revenues" },
      { id: "rev_a", label: "A" },
      { id: "rev_b", label: "B" },
      { id: "rev_total", label: "Total", formula: "SUM(rev_a:rev_b)" },
    ],
  });
  const summary = sheetSchema.parse({
    id: "summary",
    name: "It's a summary",
    title: "t",
    unit: "JPY millions",
    columns: [{ period: "1H17" }, { period: "1H18" }],
    rows: [{ id: "rev_total", label: "Total", formula: "ROUND(is.rev_total/1000, 0)", basis: "is.rev_total" }],
  });
  return layOut({ file: "/t/template.json", title: "t", files: [], sheets: [{ ...is, file: "/t/is.json" }, { ...summary, file: "/t/summary.json" }] });
}

describe("template formulas compile to A1 references", () => {
  const layout = twoSheets();
  const is = layout.byId.get("is")!;
  const summary = layout.byId.get("summary")!;
  const where = { file: "/t/is.json", path: "$.rows[3].formula" };

  it("a range of row ids becomes a range of the column's cells", () => {
    expect(compile("SUM(rev_a:rev_b)", { layout, sheet: is, home: is, column: "1H17", where }).text).toBe("SUM(B6:B7)");
    expect(compile("SUM(rev_a:rev_b)", { layout, sheet: is, home: is, column: "1H18", where }).text).toBe("SUM(C6:C7)");
  });

  it("a row of another sheet gets that sheet's name, quoted when Excel needs quotes", () => {
    expect(compile("ROUND(is.rev_total/1000, 0)", { layout, sheet: summary, home: summary, column: "1H18", where }).text).toBe(
      "ROUND('Income Statement'!C8/1000, 0)",
    );
    expect(compile("summary.rev_total - rev_total", { layout, sheet: is, home: is, column: "1H17", where }).text).toBe(
      "'It''s a summary'!B5 - B8",
    );
  });

  it("@col names the basis row in another column, row@col any row", () => {
    const basis = { sheet: is, row: "rev_total" };
    expect(compile("@1H18 / @1H17 - 1", { layout, sheet: summary, home: summary, column: "yoy", basis, where }).text).toBe(
      "'Income Statement'!C8 / 'Income Statement'!B8 - 1",
    );
    expect(compile("rev_a@1H18", { layout, sheet: is, home: is, column: "1H17", where }).text).toBe("C6");
  });

  it("strings, numbers, error literals and function names are copied as written", () => {
    expect(compile('IF(rev_a=0,"rev_a",rev_a/1E3)&#N/A', { layout, sheet: is, home: is, column: "1H17", where }).text).toBe(
      'IF(B6=0,"rev_a",B6/1E3)&#N/A',
    );
  });

  it("an unknown row is an error naming the file, the formula and the nearest id", () => {
    const attempt = (): unknown => compile("SUM(rev_a:rev_totl)", { layout, sheet: is, home: is, column: "1H17", where });
    expect(attempt).toThrow(TemplateError);
    expect(attempt).toThrow(/unknown row "rev_totl".*did you mean "rev_total"/);
    try {
      attempt();
    } catch (e) {
      expect((e as TemplateError).file).toBe("/t/is.json");
      expect((e as TemplateError).path).toBe("$.rows[3].formula");
    }
  });

  it("an unknown sheet or column is an error too", () => {
    expect(() => compile("bs.cash", { layout, sheet: is, home: is, column: "1H17", where })).toThrow(/unknown sheet "bs"/);
    expect(() => compile("rev_a@2Q18", { layout, sheet: is, home: is, column: "1H17", where })).toThrow(/has no column "2Q18"/);
  });
});

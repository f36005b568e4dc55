import { describe, expect, it } from "vitest";
import { figureId, rowCells, rowsOf } from "../../src/model/row.js";
import type { ModelRow, ModelSheet } from "../../src/model/types.js";

const sheet = (rows: ModelRow[]): ModelSheet => ({ id: "is", name: "Income", file: "sheet.json", title: "Income", headerRow: 4, firstValueColumn: 2, rows, columnIds: [undefined, undefined, "1H17", "1H18", "yoy"] });

describe("a template row keeps its label and plain figures bare", () => {
  const row: ModelRow = {
    row: 7,
    id: "rev",
    label: "Revenues",
    source: "Statement of income",
    style: "total",
    indent: 1,
    cells: [{ row: 7, col: 4, role: "formula", formula: "C7/B7-1", format: "percent", where: { path: "$.rows[2]" } }],
    figures: [undefined, undefined, 100, undefined, undefined],
    look: { format: "amount", unit: "JPY thousands" },
  };

  it("walked, it is its label, its figures and its other cells left to right, each figure with its row's look and place", () => {
    const cells = rowCells(sheet([row]), row);
    expect(cells.map((c) => [c.col, c.role, c.value ?? c.formula])).toEqual([
      [1, "label", "Revenues"],
      [2, "input", 100],
      [4, "formula", "C7/B7-1"],
    ]);
    expect(cells[0]).toMatchObject({ source: "Statement of income", style: "total", indent: 1, where: { file: "sheet.json", path: "$.rows[2]" } });
    expect(cells[1]).toMatchObject({ format: "amount", unit: "JPY thousands", where: { file: "sheet.json", path: "$.rows[2]" } });
  });

  it("a figure's id is the row's, the sheet's and its column's; a label or a row of another kind has none", () => {
    const s = sheet([row]);
    expect(figureId(s, row, 2)).toEqual({ sheet: "is", row: "rev", column: "1H17" });
    expect(figureId(s, row, 1)).toBeUndefined();
    expect(figureId(s, { row: 4, cells: [] }, 2)).toBeUndefined();
  });

  it("cells given in any order become ascending rows, each left to right", () => {
    const rows = rowsOf([
      { row: 6, col: 2, role: "text", value: "b", where: {} },
      { row: 5, col: 3, role: "text", value: "c", where: {} },
      { row: 5, col: 1, role: "text", value: "a", where: {} },
    ]);
    expect(rows.map((r) => [r.row, r.cells.map((c) => c.value)])).toEqual([
      [5, ["a", "c"]],
      [6, ["b"]],
    ]);
  });
});

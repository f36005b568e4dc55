import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/model/row.js";
import type { Model, ModelRow, ModelSheet } from "../../src/model/types.js";
import { buildManifest, figureOf, manifestFigures, manifestText, readManifestHead, type Manifest } from "../../src/workbook/manifest.js";
import { builtPack } from "../support/pack.js";

const head = [{ name: "x.xlsx", sha256: "0" }, "0.0.0", { "report.json": "1" }, { ok: true }] as const;

function model(sheets: Model["sheets"]): Model {
  return { title: "T", subject: "S", company: "C", released: "2018-11-06", sheets, verdicts: [], master: { sheet: "Checks", row: 2, col: 2 } };
}

function sheet(rows: ModelRow[]): ModelSheet {
  return { id: "s", name: "S", title: "S", headerRow: 4, firstValueColumn: 2, rows, columnIds: [] };
}

describe("the manifest, written a row at a time", () => {
  it("is JSON with one row of figures to a line, and its head reads alone as the whole file's head (IIJ pack)", async () => {
    const { result } = await builtPack();
    const text = readFileSync(result.manifest, "utf8");
    const whole = JSON.parse(text) as Manifest;
    const rows = Object.values(whole.sheets).flatMap((s) => Object.values(s.rows));
    const rowLines = text.split("\n").filter((l) => l.includes('"values":'));
    expect(rowLines).toHaveLength(rows.length);
    for (const [i, line] of rowLines.entries()) expect(JSON.parse(line.replace(/^\s*"[^"]*": /, "").replace(/,$/, ""))).toEqual(rows[i]);
    const { sheets: _, ...head } = whole;
    expect(readManifestHead(result.manifest)).toEqual(head);
  });

  it("is valid JSON for a model without figures and for a sheet without figures", () => {
    const empty = buildManifest(model([]), () => null, ...head);
    expect(empty.sheets).toEqual({});
    const labelsOnly = buildManifest(model([sheet(rowsOf([{ row: 1, col: 1, role: "title", value: "S", where: {} }]))]), () => null, ...head);
    expect(labelsOnly.sheets).toEqual({});
  });

  it("indexes figures by sheet, row and column id, and refuses a row whose figures are apart", () => {
    const rows: ModelRow[] = [
      { row: 5, id: "a", cells: [{ row: 5, col: 2, role: "input", value: 1, unit: "JPY thousands", where: {} }, { row: 5, col: 3, role: "formula", formula: "B5*2", where: {} }] },
      { row: 6, id: "b", cells: [{ row: 6, col: 2, role: "input", value: 3, where: {} }] },
    ];
    const values: Record<string, number> = { B5: 1, C5: 2, B6: 3 };
    const value = (_: string, row: number, col: number) => values[`${String.fromCharCode(64 + col)}${row}`] ?? null;
    const columnIds = [undefined, undefined, "P1", "P2"];
    const m = buildManifest(model([{ ...sheet(rows), columnIds }]), value, ...head);
    expect(m.sheets).toEqual({
      s: {
        name: "S",
        columns: [
          { id: "P1", column: "B" },
          { id: "P2", column: "C" },
        ],
        rows: {
          a: { row: 5, values: [1, 2], kind: ["input", "formula"], unit: ["JPY thousands", null] },
          b: { row: 6, values: [3, null], kind: ["input", null] },
        },
      },
    });
    expect(figureOf(m, "s", "a", "P1")).toEqual({ cell: "S!B5", value: 1, kind: "input", unit: "JPY thousands" });
    expect(figureOf(m, "s", "a", "P2")).toEqual({ cell: "S!C5", value: 2, kind: "formula" });
    expect(figureOf(m, "s", "b", "P2")).toBeUndefined();
    expect([...manifestFigures(m)].map((f) => `${f.row}@${f.column}`)).toEqual(["a@P1", "a@P2", "b@P1"]);
    const apart: ModelRow[] = [...rows, { row: 7, id: "a", cells: [{ row: 7, col: 2, role: "input", value: 4, where: {} }] }];
    expect(() => [...manifestText(model([{ ...sheet(apart), columnIds }]), value, ...head)]).toThrow(/row "a" of sheet "S" are not together/);
  });

  it("a template row's figures, bare inputs among them, are indexed by the row's id and the column's; the label is not a figure", () => {
    const rows: ModelRow[] = [
      {
        row: 5,
        id: "rev",
        cells: [{ row: 5, col: 1, role: "label", value: "Revenue", where: {} }, { row: 5, col: 4, role: "formula", formula: "B5+C5", where: {} }],
        figures: [, , 10, 20],
        look: { format: "amount", unit: "JPY thousands" },
      },
    ];
    const values: Record<string, number> = { B5: 10, C5: 20, D5: 30 };
    const value = (_: string, row: number, col: number) => values[`${String.fromCharCode(64 + col)}${row}`] ?? null;
    const m = buildManifest(model([{ ...sheet(rows), columnIds: [, , "P1", "P2", "T"] }]), value, ...head);
    expect(m.sheets.s!.rows).toEqual({ rev: { row: 5, values: [10, 20, 30], kind: ["input", "input", "formula"], unit: ["JPY thousands", "JPY thousands", null] } });
    expect(figureOf(m, "s", "rev", "P2")).toEqual({ cell: "S!C5", value: 20, kind: "input", unit: "JPY thousands" });
    expect(figureOf(m, "s", "rev", "T")).toEqual({ cell: "S!D5", value: 30, kind: "formula" });
  });
});

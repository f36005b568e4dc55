import { describe, expect, it } from "vitest";
import type { Period } from "../../src/data/schema.js";
import { TemplateError } from "../../src/errors.js";
import { compile } from "../../src/template/compile.js";
import { layOut, type PeriodBinding } from "../../src/template/layout.js";
import { sheet as sheetSchema } from "../../src/template/schema.js";

const d = (start: string, end: string, label: string): Period => ({ label, kind: "duration", start, end });
const binding: PeriodBinding = {
  roles: new Map(Object.entries({ current: "FY2023", prior: "FY2022", prior2: "FY2021", closing: "2023-09-30" })),
  periods: {
    FY2021: d("2020-09-27", "2021-09-25", "Fiscal 2021"),
    FY2022: d("2021-09-26", "2022-09-24", "Fiscal 2022"),
    FY2023: d("2022-09-25", "2023-09-30", "Fiscal 2023"),
    "2023-09-30": { label: "As of September 30, 2023", kind: "instant", end: "2023-09-30" },
  },
};

function lay(spec: Record<string, unknown>, b: PeriodBinding = binding) {
  const s = sheetSchema.parse({ id: "is", name: "Income", title: "t", unit: "USD millions", rows: [{ id: "rev", label: "Revenue" }, { id: "cost", label: "Cost" }], ...spec });
  return layOut({ file: "/t/template.json", title: "t", files: [], sheets: [{ ...s, file: "/t/is.json" }] }, b);
}

function failure(f: () => unknown): TemplateError {
  try {
    f();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("role columns are bound to the report's periods", () => {
  it("a role column shows the period its role is bound to; its id is the role", () => {
    const sheet = lay({ columns: [{ role: "prior" }, { role: "current" }] }).byId.get("is")!;
    expect(sheet.columns.map((c) => [c.id, c.period, c.header])).toEqual([
      ["prior", "FY2022", "FY2022"],
      ["current", "FY2023", "FY2023"],
    ]);
  });

  it("trailing columns spread out, oldest first, each headed by its own period", () => {
    const sheet = lay({ columns: [{ role: "current", trailing: 3, header: "{period:label}" }] }).byId.get("is")!;
    expect(sheet.columns.map((c) => [c.id, c.header])).toEqual([
      ["prior2", "Fiscal 2021"],
      ["prior", "Fiscal 2022"],
      ["current", "Fiscal 2023"],
    ]);
  });

  it("formulas name roles; data files name periods, which find the column of the role bound to them (@[2023-09-30] when the id has a dash)", () => {
    const layout = lay({ columns: [{ role: "prior" }, { role: "current" }, { id: "yoy", header: "YoY", formula: "@current/@prior-1" }] });
    const sheet = layout.byId.get("is")!;
    const where = { file: "/t/is.json", path: "$" };
    expect(compile("rev@prior + rev@FY2023", { layout, sheet, home: sheet, column: "current", where }).text).toBe("B5 + C5");
    expect(compile("is.rev", { layout, column: "FY2022", where }).text).toBe("Income!B5");
    const bs = lay({ unit: "USD millions", columns: [{ role: "closing" }] });
    expect(compile("is.rev@[2023-09-30]", { layout: bs, column: "closing", where }).text).toBe("Income!B5");
    expect(failure(() => compile("is.rev@2023-09-30", { layout: bs, column: "closing", where })).message).toMatch(/is written @\[2023-…\]/);
  });

  it("{role} placeholders in titles, labels and headers print the bound period's id, label or dates", () => {
    const sheet = lay({
      title: "Results for {current:label}, with {prior}",
      columns: [{ role: "prior", header: "{prior:end}" }, { role: "current", header: "{current:start} – {current:end}" }],
      rows: [{ heading: "As of {closing:end}" }, { id: "rev", label: "Revenue, {current}" }],
    }).byId.get("is")!;
    expect(sheet.sheet.title).toBe("Results for Fiscal 2023, with FY2022");
    expect(sheet.columns.map((c) => c.header)).toEqual(["September 24, 2022", "September 25, 2022 – September 30, 2023"]);
    expect(sheet.rows.map((r) => ("heading" in r.spec ? r.spec.heading : r.spec.label))).toEqual(["As of September 30, 2023", "Revenue, FY2023"]);
  });

  it("a role the report does not bind is an error at the column, with the periods that would fit", () => {
    const e = failure(() => lay({ columns: [{ role: "prior3" }] }));
    expect(e.file).toBe("/t/is.json");
    expect(e.path).toBe("$.columns[0].role");
    expect(e.message).toBe('role "prior3" is not bound to a period in report.json');
    const hinted = failure(() => lay({ columns: [{ role: "prior2" }] }, { ...binding, roles: new Map([["current", "FY2023"]]) }));
    expect(hinted.hint).toMatch(/"prior2": "FY2021"/);
  });

  it("a placeholder that names no bound role, a period shown twice, and a skip naming no column are errors", () => {
    expect(failure(() => lay({ title: "Results {curent}", columns: [{ role: "current" }] })).message).toMatch(/\{curent\}: "curent" is not a role/);
    const twice = { ...binding, roles: new Map([...binding.roles, ["year", "FY2023"]]) };
    expect(failure(() => lay({ columns: [{ role: "current" }, { role: "year" }] }, twice)).message).toMatch(/columns "current" and "year" both show period FY2023/);
    const skip = failure(() => lay({ columns: [{ role: "current" }], rows: [{ id: "rev", label: "R", skip: ["prior"] }] }));
    expect(skip.path).toBe("$.rows[0].skip[0]");
    expect(skip.message).toMatch(/names column "prior", which the sheet does not have/);
  });

  it("a skip list or column formula may name the period instead of the role: it is the same column", () => {
    const sheet = lay({ columns: [{ role: "prior" }, { role: "current" }], rows: [{ id: "rev", label: "R", skip: ["FY2022"], column_formulas: { FY2023: "1" } }] }).byId.get("is")!;
    const spec = sheet.rows[0]!.spec as { skip?: string[]; column_formulas?: Record<string, string> };
    expect(spec.skip).toEqual(["prior"]);
    expect(spec.column_formulas).toEqual({ current: "1" });
  });
});

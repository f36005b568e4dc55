import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReportData } from "../../src/data/load.js";
import { bindingProblem, parseRole, roleName, trailingRoles } from "../../src/data/role.js";
import type { Period } from "../../src/data/schema.js";
import { DataError } from "../../src/errors.js";

const d = (start: string, end: string, label = "period"): Period => ({ label, kind: "duration", start, end });
const i = (end: string): Period => ({ label: "as of", kind: "instant", end });

/** IIJ's periods (report.json of the interim pack): a half-year report. */
const periods: Record<string, Period> = {
  "1H17": d("2017-04-01", "2017-09-30"),
  "1H18": d("2018-04-01", "2018-09-30"),
  "1H16": d("2016-04-01", "2016-09-30"),
  "2Q18": d("2018-07-01", "2018-09-30"),
  "1Q18": d("2018-04-01", "2018-06-30"),
  FY2018: d("2018-04-01", "2019-03-31"),
  Mar18: i("2018-03-31"),
  Sep18: i("2018-09-30"),
  Sep17: i("2017-09-30"),
};
const binding = (roles: Record<string, string>) => ({ roles: new Map(Object.entries(roles)), periods });

describe("roles name periods relative to the report's period", () => {
  it("are written one way each: prior, prior2, quarter_prior, quarter_lag1", () => {
    expect(parseRole("prior")).toEqual({ base: "current", shift: "prior", by: 1 });
    expect(parseRole("prior3")).toEqual({ base: "current", shift: "prior", by: 3 });
    expect(parseRole("quarter_prior")).toEqual({ base: "quarter", shift: "prior", by: 1 });
    expect(parseRole("closing_prior2")).toEqual({ base: "closing", shift: "prior", by: 2 });
    expect(parseRole("quarter_lag1")).toEqual({ base: "quarter", shift: "lag", by: 1 });
    expect(parseRole("current")).toEqual({ base: "current", shift: undefined, by: 0 });
    for (const bad of ["current_prior", "prior1", "quarter_prior1", "last", "Prior"]) expect(parseRole(bad), bad).toBeUndefined();
    for (const r of ["prior", "prior2", "quarter", "quarter_prior", "derived_quarter_prior", "opening", "closing_prior2", "year_prior", "quarter_lag3", "current_lag1"]) expect(roleName(parseRole(r)!)).toBe(r);
  });

  it("trailing periods, oldest first, by year or by period", () => {
    expect(trailingRoles("current", 3, "year")).toEqual(["prior2", "prior", "current"]);
    expect(trailingRoles("quarter", 4, "period")).toEqual(["quarter_lag3", "quarter_lag2", "quarter_lag1", "quarter"]);
    expect(trailingRoles("prior", 2, "year")).toBeUndefined();
  });

  it("a binding is checked against the periods' dates", () => {
    const good = binding({ current: "1H18", prior: "1H17", quarter: "2Q18", derived_quarter: "1Q18", opening: "Mar18", closing: "Sep18", closing_prior: "Sep17", year: "FY2018" });
    for (const [role, id] of good.roles) expect(bindingProblem(role, id, good), role).toBeUndefined();
    expect(bindingProblem("prior", "1H16", binding({ current: "1H18", prior: "1H16" }))).toMatch(/1H16 cannot be the report's period, one year earlier: it ends 2016-09-30, the role about 2017-09-30/);
    expect(bindingProblem("opening", "Sep18", binding({ current: "1H18", opening: "Sep18" }))).toMatch(/ends 2018-09-30, the role 2018-03-31/);
    expect(bindingProblem("closing", "1H18", binding({ current: "1H18", closing: "1H18" }))).toMatch(/it is a duration, the role a balance sheet date/);
    expect(bindingProblem("derived_quarter", "1Q18", binding({ current: "1H18", derived_quarter: "1Q18" }))).toMatch(/known only from role "quarter"/);
    expect(bindingProblem("quarter", "1H18", binding({ current: "1H18", quarter: "1H18" }))).toMatch(/lasts 183 days, the role 80–100/);
  });

  it("52/53-week fiscal years are a year apart within a week (Apple: FY2023 ends 2023-09-30, FY2022 2022-09-24)", () => {
    const apple = {
      roles: new Map(Object.entries({ current: "FY2023", prior: "FY2022", closing: "2023-09-30", closing_prior: "2022-09-24" })),
      periods: { FY2023: d("2022-09-25", "2023-09-30"), FY2022: d("2021-09-26", "2022-09-24"), "2023-09-30": i("2023-09-30"), "2022-09-24": i("2022-09-24") },
    };
    for (const [role, id] of apple.roles) expect(bindingProblem(role, id, apple), role).toBeUndefined();
  });
});

describe("report.json's roles", () => {
  function report(roles: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "tieout-roles-"));
    const file = join(dir, "report.json");
    writeFileSync(join(dir, "data.json"), "{}");
    writeFileSync(file, JSON.stringify({ company: "C", title: "T", released: "2018-11-06", source: "S", periods, roles, files: ["data.json"] }));
    return file;
  }

  it("load as a role → period map", () => {
    expect(loadReportData(report({ current: "1H18", prior: "1H17" })).roles).toEqual(new Map([["current", "1H18"], ["prior", "1H17"]]));
  });

  it("a wrong binding is a DataError at the role's path, with the periods that fit as the hint", () => {
    const error = (() => {
      try {
        loadReportData(report({ current: "1H18", prior: "1H16" }));
      } catch (e) {
        return e as DataError;
      }
      throw new Error("loaded");
    })();
    expect(error).toBeInstanceOf(DataError);
    expect(error.path).toBe("$.roles.prior");
    expect(error.hint).toBe('"prior": "1H17"');
  });

  it("an unknown period, and an unknown role, are refused", () => {
    expect(() => loadReportData(report({ current: "1H19" }))).toThrow(/unknown period "1H19"/);
    expect(() => loadReportData(report({ previous: "1H17" }))).toThrow(/a role: current, prior/);
  });
});

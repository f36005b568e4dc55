import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tieout } from "../../support/cli.js";
import { figureOf } from "../../../src/workbook/manifest.js";

describe("tieout init starts a report that builds and ties out at once", () => {
  it("in an empty folder: init, then build, exits 0 with the check and the printed figures holding", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-init-"));
    const init = tieout(["init"], dir);
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    for (const f of ["tieout.config.json", "data/example/report.json", "data/example/income-statement.json", "templates/example/template.json", "templates/example/income-statement.json", "schemas/sheet.schema.json"]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const build = tieout(["build"], dir);
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/example: ties out/);
    expect(build.stdout).toMatch(/checks 2\/2 passed, published figures 7\/7 reproduced/);
    expect(build.stdout).not.toMatch(/warning/);
    expect(existsSync(join(dir, "out", "example.xlsx"))).toBe(true);
  });

  it("in the unit asked for, its template naming roles only", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-init-"));
    expect(tieout(["init", "--name", "acme", "--unit", "EUR thousands", "--company", "Acme SE"], dir).status).toBe(0);
    const sheet = readFileSync(join(dir, "templates/acme/income-statement.json"), "utf8");
    expect(JSON.parse(sheet).unit).toBe("EUR thousands");
    expect(sheet).not.toMatch(/FY20\d\d/);
    expect(tieout(["build", "--strict"], dir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "acme.manifest.json"), "utf8"));
    expect(figureOf(manifest, "is", "rev_total", "FY2024")).toMatchObject({ unit: "EUR thousands", role: "current" });
  });

  it("overwrites nothing: a second init of the same report is refused, exit 2; another name joins the config", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-init-"));
    expect(tieout(["init"], dir).status).toBe(0);
    const before = readFileSync(join(dir, "tieout.config.json"), "utf8");
    const again = tieout(["init"], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; init writes a new report and overwrites nothing/);
    expect(readFileSync(join(dir, "tieout.config.json"), "utf8")).toBe(before);
    expect(tieout(["init", "--name", "second"], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "tieout.config.json"), "utf8")).reports.map((r: { name: string }) => r.name)).toEqual(["example", "second"]);
    expect(tieout(["build"], dir).status).toBe(0);
    expect(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".xlsx")).sort()).toEqual(["example.xlsx", "second.xlsx"]);
  });

  it("a unit that is not an amount is refused before anything is written", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-init-"));
    const run = tieout(["init", "--unit", "dollars"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--unit "dollars"/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, type BuildResult } from "../../src/build/build-report.js";
import { figureOf, manifestFigures, type Manifest } from "../../src/workbook/manifest.js";
import { builtPack, IIJ, type BuiltPack } from "../support/pack.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

/** `1H18` → `1H19`, `Sep17` → `Sep18`, `FY2018` → `FY2019`: the same period one year later. */
const later = (id: string): string => id.replace(/(\d+)$/, (digits) => String(Number(digits) + 1).padStart(digits.length, "0"));
const yearLater = (date: string): string => date.replace(/^(\d{4})/, (y) => String(Number(y) + 1));

/**
 * The IIJ data with every period one year later and the same figures: report.json's
 * periods (ids, labels, dates) and roles, each statement's periods and values, each
 * published figure's period and the period references in its formulas. Free text
 * (sources, labels of lines) is left as it is: only the template's own text must follow.
 */
function relabelled(): { report: string; ids: Map<string, string> } {
  const from = dirname(IIJ.data);
  const to = mkdtempSync(join(tmpdir(), "tieout-roll-"));
  const report = JSON.parse(readFileSync(IIJ.data, "utf8"));
  const ids = new Map(Object.keys(report.periods).map((id) => [id, later(id)]));
  const ref = new RegExp(`@(${[...ids.keys()].sort((a, b) => b.length - a.length).join("|")})\\b`, "g");
  const refs = (formula: string): string => formula.replace(ref, (_, id: string) => `@${ids.get(id)}`);
  report.periods = Object.fromEntries(
    Object.entries(report.periods as Record<string, any>).map(([id, p]) => [
      ids.get(id),
      { ...p, label: p.label.replace(/\b(20\d\d)\b/g, (y: string) => String(Number(y) + 1)), end: yearLater(p.end), ...(p.start && { start: yearLater(p.start) }) },
    ]),
  );
  report.roles = Object.fromEntries(Object.entries(report.roles as Record<string, string>).map(([role, id]) => [role, ids.get(id)]));
  writeFileSync(join(to, "report.json"), JSON.stringify(report, null, 2));
  for (const file of report.files as string[]) {
    const data = JSON.parse(readFileSync(join(from, file), "utf8"));
    for (const st of Object.values((data.statements ?? {}) as Record<string, any>)) {
      st.periods = st.periods.map((p: string) => ids.get(p));
      for (const item of Object.values(st.items as Record<string, any>)) item.values = Object.fromEntries(Object.entries(item.values).map(([p, v]) => [ids.get(p), v]));
    }
    for (const p of data.published ?? []) {
      p.period = ids.get(p.period);
      p.measures = refs(p.measures);
      if (p.tolerance.low) [p.tolerance.low, p.tolerance.high] = [refs(p.tolerance.low), refs(p.tolerance.high)];
    }
    writeFileSync(join(to, file), JSON.stringify(data, null, 2));
  }
  return { report: join(to, "report.json"), ids };
}

describe("the IIJ template rolls forward: unchanged, it builds the same figures one year later", () => {
  let pack: BuiltPack;
  let rolled: BuildResult;
  let manifest: Manifest;
  let book: OpenedWorkbook;
  let ids: Map<string, string>;
  beforeAll(async () => {
    pack = await builtPack();
    const data = relabelled();
    ids = data.ids;
    const dir = mkdtempSync(join(tmpdir(), "tieout-roll-out-"));
    rolled = await buildReport({ name: "iij-rolled", template: IIJ.template, data: data.report, output: join(dir, "iij-rolled.xlsx") });
    manifest = JSON.parse(readFileSync(rolled.manifest, "utf8")) as Manifest;
    book = await openWorkbook(rolled.workbook);
  });

  it("ties out: every check and published figure, as many as the original", () => {
    expect(rolled.failures).toEqual([]);
    expect(rolled.ok).toBe(true);
    expect(rolled.checks).toEqual(pack.result.checks);
    expect(rolled.published).toEqual(pack.result.published);
  });

  it("its headers show the new periods (1H18 → 1H19, March 31, 2018 → March 31, 2019)", () => {
    const header = (sheet: string): string[] => book.read.sheets.find((s) => s.name === sheet)!.cells.filter((c) => c.row === 4 && c.col > 1).map((c) => String(c.value));
    expect(header("Summary")).toEqual(["1H18", "1H19", "YoY %"]);
    expect(header("Income Statement")).toEqual(["1H18", "1H19", "1H YoY change", "1H YoY %", "1Q18 (1H18 − 2Q18)", "2Q18", "1Q19 (1H19 − 2Q19)", "2Q19", "2Q YoY %"]);
    expect(header("Balance Sheet")).toEqual(["March 31, 2019", "September 30, 2019", "Change"]);
    expect(header("Dividends and Targets")).toEqual(["FY2018 (ended March 31, 2019)", "FY2019 (ending March 31, 2020)"]);
    expect(book.cached("Summary!A1")).toMatch(/^1H19 Financial Results Summary/);
  });

  it("no text the template writes names a period that is gone (1H17, 2Q17, Sep17, FY2017… or their dates)", () => {
    const gone = [...ids.keys()].filter((id) => ![...ids.values()].includes(id));
    expect(gone).toEqual(expect.arrayContaining(["1H17", "2Q17", "1Q17", "Sep17", "Mar17", "FY2017"]));
    const goneDates = ["March 31, 2017", "September 30, 2017", "April 1, 2017"];
    const template = book.read.sheets.filter((s) => s.name !== "Published");
    const texts = template.flatMap((s) => s.cells.filter((c) => typeof c.value === "string" && c.formula === undefined).map((c) => ({ where: `${s.name}!${c.row},${c.col}`, text: String(c.value) })));
    const stale = texts.filter(({ text }) => gone.some((id) => new RegExp(`\\b${id}\\b`).test(text)) || goneDates.some((d) => text.includes(d)));
    expect(stale).toEqual([]);
  });

  it("each figure is the original's figure, found by its role (current, prior…) instead of its period", () => {
    let compared = 0;
    for (const { sheet: sheetId, row: rowId, column, figure } of manifestFigures(pack.manifest)) {
      const moved = figureOf(manifest, sheetId, rowId, ids.get(column) ?? column)!;
      expect(moved?.value, `${sheetId}.${rowId}@${column}`).toEqual(figure.value);
      expect(moved.role).toBe(figure.role);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("the IIJ template holds no period: it names roles only", () => {
  it("no template file names a period id of the report, one of its periods' dates, or a fiscal year", () => {
    const report = JSON.parse(readFileSync(IIJ.data, "utf8"));
    const ids = Object.keys(report.periods);
    const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const long = (d: string): string => `${months[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}, ${d.slice(0, 4)}`;
    const dates = Object.values(report.periods as Record<string, { start?: string; end: string }>).flatMap((p) => [p.end, ...(p.start ? [p.start] : [])]).map(long);
    // A period id anywhere, also inside an id (mes_fv_mar18) or a column list.
    const id = new RegExp(`(?<![A-Za-z0-9])(${ids.join("|")})(?![0-9])`, "i");
    const dir = dirname(IIJ.template);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text.match(id)?.[0], `${file} names a period`).toBeUndefined();
      for (const d of dates) expect(text.includes(d), `${file} names ${d}`).toBe(false);
      expect(text.match(/\bFY\s?\d{2,4}\b|\b[1-4][HQ]\d{2}\b/)?.[0], `${file} names a fiscal period`).toBeUndefined();
    }
  });
});

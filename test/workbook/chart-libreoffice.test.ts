import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { convertToPdf, findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { unescapeXml } from "../../src/workbook/xml.js";
import { readCharts, type ReadChart } from "../support/chart.js";
import { builtPack } from "../support/pack.js";

const soffice = findSoffice();
const required = process.env.CI === "true";
if (!soffice && !required) process.stderr.write("LibreOffice (soffice) not found: skipping the chart round trip (CI=true makes this a failure)\n");

/** What a chart is, whoever wrote it: its plots' types, groupings, axis sides and series ranges. */
function shape(c: ReadChart): unknown {
  return {
    title: c.title,
    plots: c.plots.map((p) => ({ type: p.type, grouping: p.grouping, axis: p.axis.position, series: p.series.map((s) => ({ categories: s.categories, values: s.values, name: s.name.ref ?? s.name.text })) })),
  };
}

/** Every note of a package as `cell|text`, sorted: LibreOffice renumbers the parts, may split the text into runs and writes line breaks as `&#10;`. */
async function notesOf(zip: JSZip): Promise<string[]> {
  const out: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/comments\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    for (const m of xml.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)) {
      const text = [...m[2]!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join("");
      out.push(`${m[1]}|${unescapeXml(text)}`);
    }
  }
  return out.sort();
}

describe.skipIf(!soffice && !required)("LibreOffice loads the pack's charts and notes without loss", () => {
  let ours: ReadChart[];
  let theirs: ReadChart[];
  let notes: { ours: string[]; theirs: string[] };
  beforeAll(async () => {
    expect(soffice, "LibreOffice must be installed where CI=true").toBeDefined();
    const pack = await builtPack();
    const ourZip = await JSZip.loadAsync(readFileSync(pack.result.workbook));
    ours = await readCharts(ourZip);
    const saved = await recalculateWithLibreOffice(pack.result.workbook);
    const theirZip = await JSZip.loadAsync(readFileSync(saved));
    theirs = await readCharts(theirZip);
    notes = { ours: await notesOf(ourZip), theirs: await notesOf(theirZip) };
    rmSync(dirname(saved), { recursive: true, force: true });
  }, 180_000);

  it("saving as .xlsx again, it writes back every chart with the same kind, axes and series ranges", () => {
    expect(ours).toHaveLength(4);
    // LibreOffice writes a literal series name as a quoted formula.
    const unquote = (c: ReadChart): ReadChart => ({ ...c, plots: c.plots.map((p) => ({ ...p, series: p.series.map((s) => (s.name.ref?.startsWith('"') ? { ...s, name: { text: s.name.ref.slice(1, -1) } } : s)) })) });
    expect(theirs.map(unquote).map(shape)).toEqual(ours.map(shape));
    expect(theirs.map((c) => [c.sheet, c.from])).toEqual(ours.map((c) => [c.sheet, c.from]));
  });

  it("saving as .xlsx again, it writes back every note (one per row with figures) on its cell, with its text", () => {
    expect(notes.ours.length).toBeGreaterThan(600);
    expect(notes.ours.some((n) => n.startsWith("A") && n.includes("income-statement.json"))).toBe(true);
    expect(notes.theirs).toEqual(notes.ours);
  });

  it("its recalculated caches agree with ours", () => {
    const values = (charts: ReadChart[]): unknown => charts.map((c) => c.plots.map((p) => p.series.map((s) => s.valueCache.map((v) => (v === null ? null : Number(v.toPrecision(12)))))));
    expect(values(theirs)).toEqual(values(ours));
  });

  it("printed to PDF, the Summary page draws the charts (titles, axis labels), and renders to PNG", async () => {
    const pack = await builtPack();
    const dir = mkdtempSync(join(tmpdir(), "tieout-chart-pdf-"));
    try {
      const pdf = await convertToPdf(pack.result.workbook, dir);
      const page = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"], { encoding: "utf8" });
      for (const c of ours) expect(page).toContain(c.title);
      expect(page).toMatch(/Gross margin ratio 1H18/);
      expect(page).toMatch(/JPY millions/);
      execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "60", "-png", pdf, join(dir, "summary")]);
      const png = readdirSync(dir).find((n) => n.endsWith(".png"))!;
      expect(statSync(join(dir, png)).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

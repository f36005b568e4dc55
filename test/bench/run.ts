import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus as cpuList, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { FormulaBook } from "../../src/formula/book.js";
import { Decimal } from "../../src/formula/values.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { median, medianRun, row, type Run } from "./measure.js";
import { syntheticReport } from "./synthetic.js";
import { xbrlRow } from "./xbrl.js";

/**
 * `npm run bench`: each figure beside a baseline measured in the same run, as a
 * ratio; medians of several runs. Not part of `npm test`: timings are for reading,
 * never for asserting.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const cli = join(root, "dist/bin/main.js");
const work = mkdtempSync(join(tmpdir(), "tieout-bench-"));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const lines: string[] = ["| figure | tieout | baseline | ratio | budget | met |", "|---|---|---|---|---|---|"];
const met = (ok: boolean): string => (ok ? "yes" : "**no**");
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const mb = (x: number | undefined): string => (x === undefined ? "n/a" : `${x.toFixed(0)} MB`);

async function coldStart(): Promise<void> {
  const out = join(work, "pack.xlsx");
  const args = [cli, "build", "--force", "--template", join(root, "templates/interim-pack/template.json"), "--data", join(root, "data/iij-fy2018-1h/report.json"), "--out", out];
  const ours = medianRun(RUNS, args);
  const book = await readWorkbookCells(out);
  const dump = join(work, "cells.json");
  writeFileSync(dump, JSON.stringify({ sheets: book.sheets }));
  const base = medianRun(RUNS, [join(here, "baseline-exceljs.js"), dump, join(work, "baseline.xlsx")]);
  const ratio = ours.ms / base.ms;
  lines.push(row("cold start: `tieout build` of the IIJ pack vs minimal exceljs script, same cells", fmt(ours.ms), fmt(base.ms), ratio.toFixed(2), "ratio ≤ 1.5, ≤ 1.0 s", met(ratio <= 1.5 && ours.ms <= 1000)));
}

/** 200,000 formulas: chains (each cell the one above plus an input) and wide SUMs over whole input columns. */
function engineCells(rows: number): { values: number[]; formulas: { r: number; c: number; f: string }[] } {
  const values = Array.from({ length: rows }, (_, i) => i + 1);
  const formulas: { r: number; c: number; f: string }[] = [{ r: 1, c: 2, f: "A1" }];
  for (let r = 2; r <= rows - 10; r++) formulas.push({ r, c: 2, f: `B${r - 1}+A${r}` });
  for (let c = 3; c <= 12; c++) formulas.push({ r: 1, c, f: `SUM(A1:A${rows})` });
  return { values, formulas };
}

/** The engine's book of those cells; `setMs`: its setFormula calls. */
function engineBook(cells: ReturnType<typeof engineCells>): { book: FormulaBook; setMs: number } {
  const book = new FormulaBook();
  book.addSheet("S");
  cells.values.forEach((v, i) => book.setValue("S", i + 1, 1, new Decimal(v)));
  const t = performance.now();
  for (const { r, c, f } of cells.formulas) book.setFormula("S", r, c, f);
  return { book, setMs: performance.now() - t };
}

/** The same cells as a file for LibreOffice, made only after the engine is timed: a workbook object held meanwhile would add its collections to the engine's time. */
async function engineFile(cells: ReturnType<typeof engineCells>, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  cells.values.forEach((v, i) => (ws.getCell(i + 1, 1).value = v));
  for (const { r, c, f } of cells.formulas) ws.getCell(r, c).value = { formula: f } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file);
}

async function engine(): Promise<void> {
  const n = 200_000;
  const cells = engineCells(n);
  const times: number[] = [];
  const sets: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const built = engineBook(cells);
    sets.push(built.setMs);
    const t = performance.now();
    built.book.recalculate();
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const perSecond = n / (ms / 1000);
  let lo = "LibreOffice not installed";
  if (findSoffice()) {
    const file = join(work, "engine.xlsx");
    await engineFile(cells, file);
    const t = performance.now();
    rmSync(dirname(await recalculateWithLibreOffice(file, { timeoutMs: 600_000 })), { recursive: true, force: true });
    lo = `${fmt(performance.now() - t)} (LibreOffice headless: load, recalculate, save)`;
  }
  const ours = `${fmt(ms)} = ${Math.round(perSecond).toLocaleString("en")} cells/s (setFormula of the ${n.toLocaleString("en")}: ${fmt(median(sets))})`;
  lines.push(row(`engine: recalculate ${n.toLocaleString("en")} formulas (chains and wide SUMs)`, ours, lo, "", "≥ 1,000,000 cells/s", met(perSecond >= 1_000_000)));
}

const growth: { cells: number; ours: Run; base: Run }[] = [];

function large(cells: number, runs: number): void {
  const dir = join(work, `synthetic-${cells}`);
  const { data, template } = syntheticReport(dir, cells);
  const ours = medianRun(runs, [cli, "build", "--force", "--template", template, "--data", data, "--out", join(dir, "out.xlsx")]);
  const base = medianRun(runs, [join(here, "baseline-stream.js"), String(cells), join(dir, "baseline.xlsx")]);
  growth.push({ cells, ours, base });
  rmSync(dir, { recursive: true, force: true });
  const budget = cells >= 1_000_000;
  lines.push(
    row(
      `report of ${cells.toLocaleString("en")} cells (10 % formulas) vs exceljs streaming writer`,
      `${fmt(ours.ms)}, peak ${mb(ours.peakMb)}`,
      `${fmt(base.ms)}, peak ${mb(base.peakMb)}`,
      `time ${(ours.ms / base.ms).toFixed(2)}, memory ${ours.peakMb && base.peakMb ? (ours.peakMb / base.peakMb).toFixed(2) : "n/a"}`,
      budget ? "time ≤ 1.3×, ≤ 300 MB" : "growth",
      budget ? met(ours.ms / base.ms <= 1.3 && ours.peakMb !== undefined && ours.peakMb <= 300) : "",
    ),
  );
}

/** 500 reports through one template: how long a scheduler's run takes when nothing changed. */
function unchanged(): void {
  const dir = join(work, "many");
  const { data, template } = syntheticReport(dir, 100);
  const reports = Array.from({ length: 500 }, (_, i) => ({ name: `r${i}`, template, data, output: join(dir, "out", `r${i}.xlsx`) }));
  const config = join(dir, "tieout.config.json");
  writeFileSync(config, JSON.stringify({ reports }));
  medianRun(1, [cli, "build", "--config", config, "--jobs", "2"]);
  const again = medianRun(RUNS, [cli, "build", "--config", config, "--jobs", "2"]);
  const nothing = medianRun(RUNS, [cli, "--help"]);
  lines.push(row("re-check 500 unchanged reports (`tieout build`, nothing to do)", fmt(again.ms), `${fmt(nothing.ms)} (\`tieout --help\`)`, (again.ms / nothing.ms).toFixed(2), "< 1 s", met(again.ms < 1000)));
}

/**
 * Cost per thousand cells at each size, flat when growth is linear, and the exponent
 * of growth between the two largest sizes (time ∝ cells^k: 1 is linear); the smallest
 * size is mostly start-up.
 */
function growthRow(): void {
  if (growth.length < 2) return;
  const per = (x: Run, cells: number): string => `${((x.ms / cells) * 1000).toFixed(1)} ms${x.peakMb === undefined ? "" : ` / ${((x.peakMb / cells) * 1000).toFixed(2)} MB`}`;
  const [a, b] = growth.slice(-2) as [(typeof growth)[number], (typeof growth)[number]];
  const k = (x: number, y: number): number => Math.log(y / x) / Math.log(b.cells / a.cells);
  const time = k(a.ours.ms, b.ours.ms);
  const memory = a.ours.peakMb && b.ours.peakMb ? k(a.ours.peakMb, b.ours.peakMb) : undefined;
  lines.push(
    row(
      "growth: time / peak memory per 1,000 cells at " + growth.map((g) => g.cells.toLocaleString("en")).join(", ") + " cells",
      `${growth.map((g) => per(g.ours, g.cells)).join("; ")}; exponent ${b.cells.toLocaleString("en")} vs ${a.cells.toLocaleString("en")}: time ${time.toFixed(2)}${memory === undefined ? "" : `, memory ${memory.toFixed(2)}`}`,
      growth.map((g) => per(g.base, g.cells)).join("; "),
      "",
      "linear (exponent ≤ 1.1)",
      met(time <= 1.1 && (memory === undefined || memory <= 1.1)),
    ),
  );
}

/** The machine the figures are from: they are only comparable within one run. */
function machine(): string {
  const cpus = cpuList();
  const start = medianRun(RUNS, ["-e", "0"]);
  return `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version} (\`node -e 0\`: ${fmt(start.ms)}), ${RUNS} runs (median)`;
}

await coldStart();
lines.push(xbrlRow(root, here, RUNS, fmt, met));
unchanged();
await engine();
for (const cells of (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number)) large(cells, Math.min(RUNS, 3));
growthRow();
process.stdout.write(`${lines.join("\n")}\n\n${machine()}\n`);
rmSync(work, { recursive: true, force: true });

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { FormulaBook } from "../../src/formula/book.js";
import { Decimal } from "../../src/formula/values.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { median, medianRun, row, type Run } from "./measure.js";
import { syntheticReport } from "./synthetic.js";

/**
 * `npm run bench`: each figure beside a baseline measured in the same run, as a
 * ratio; medians of several runs. Not part of `npm test`: timings are for reading,
 * never for asserting.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const cli = join(root, "dist/src/cli/main.js");
const work = mkdtempSync(join(tmpdir(), "tieout-bench-"));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const lines: string[] = ["| figure | tieout | baseline | ratio | budget |", "|---|---|---|---|---|"];
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
  lines.push(row("cold start: `tieout build` of the IIJ pack vs minimal exceljs script, same cells", fmt(ours.ms), fmt(base.ms), (ours.ms / base.ms).toFixed(2), "ratio ≤ 1.5, ≤ 1.0 s"));
}

/** 200,000 formulas: chains (each cell the one above plus an input) and wide SUMs over whole input columns; `setMs`: the book's setFormula calls. */
function engineBook(n: number): { book: FormulaBook; wb: ExcelJS.Workbook; setMs: number } {
  const book = new FormulaBook();
  const wb = new ExcelJS.Workbook();
  book.addSheet("S");
  const ws = wb.addWorksheet("S");
  const rows = n;
  for (let r = 1; r <= rows; r++) {
    book.setValue("S", r, 1, new Decimal(r));
    ws.getCell(r, 1).value = r;
  }
  const formulas: { r: number; c: number; f: string }[] = [{ r: 1, c: 2, f: "A1" }];
  for (let r = 2; r <= rows - 10; r++) formulas.push({ r, c: 2, f: `B${r - 1}+A${r}` });
  for (let c = 3; c <= 12; c++) formulas.push({ r: 1, c, f: `SUM(A1:A${rows})` });
  const t = performance.now();
  for (const { r, c, f } of formulas) book.setFormula("S", r, c, f);
  const setMs = performance.now() - t;
  for (const { r, c, f } of formulas) ws.getCell(r, c).value = { formula: f } as ExcelJS.CellFormulaValue;
  return { book, wb, setMs };
}

async function engine(): Promise<void> {
  const n = 200_000;
  const times: number[] = [];
  const sets: number[] = [];
  let wb: ExcelJS.Workbook | undefined;
  for (let i = 0; i < RUNS; i++) {
    const built = engineBook(n);
    wb = built.wb;
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
    await wb!.xlsx.writeFile(file);
    const t = performance.now();
    rmSync(dirname(await recalculateWithLibreOffice(file, { timeoutMs: 600_000 })), { recursive: true, force: true });
    lo = `${fmt(performance.now() - t)} (LibreOffice headless: load, recalculate, save)`;
  }
  const ours = `${fmt(ms)} = ${Math.round(perSecond).toLocaleString("en")} cells/s (setFormula of the ${n.toLocaleString("en")}: ${fmt(median(sets))})`;
  lines.push(row(`engine: recalculate ${n.toLocaleString("en")} formulas (chains and wide SUMs)`, ours, lo, "", "≥ 1,000,000 cells/s"));
}

const growth: { cells: number; ours: Run; base: Run }[] = [];

function large(cells: number, runs: number): void {
  const dir = join(work, `synthetic-${cells}`);
  const { data, template } = syntheticReport(dir, cells);
  const ours = medianRun(runs, [cli, "build", "--force", "--template", template, "--data", data, "--out", join(dir, "out.xlsx")]);
  const base = medianRun(runs, [join(here, "baseline-stream.js"), String(cells), join(dir, "baseline.xlsx")]);
  growth.push({ cells, ours, base });
  rmSync(dir, { recursive: true, force: true });
  lines.push(
    row(
      `report of ${cells.toLocaleString("en")} cells (10 % formulas) vs exceljs streaming writer`,
      `${fmt(ours.ms)}, peak ${mb(ours.peakMb)}`,
      `${fmt(base.ms)}, peak ${mb(base.peakMb)}`,
      `time ${(ours.ms / base.ms).toFixed(2)}, memory ${ours.peakMb && base.peakMb ? (ours.peakMb / base.peakMb).toFixed(2) : "n/a"}`,
      cells >= 1_000_000 ? "time ≤ 1.3×, ≤ 300 MB" : "growth",
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
  lines.push(row("re-check 500 unchanged reports (`tieout build`, nothing to do)", fmt(again.ms), `${fmt(nothing.ms)} (\`tieout --help\`)`, (again.ms / nothing.ms).toFixed(2), "< 1 s"));
}

/** Cost per thousand cells at each size: flat when growth is linear. */
function growthRow(): void {
  if (growth.length < 2) return;
  const per = (x: Run, cells: number): string => `${((x.ms / cells) * 1000).toFixed(1)} ms${x.peakMb === undefined ? "" : ` / ${((x.peakMb / cells) * 1000).toFixed(2)} MB`}`;
  lines.push(
    row(
      "growth: time / peak memory per 1,000 cells at " + growth.map((g) => g.cells.toLocaleString("en")).join(", ") + " cells",
      growth.map((g) => per(g.ours, g.cells)).join("; "),
      growth.map((g) => per(g.base, g.cells)).join("; "),
      "",
      "linear",
    ),
  );
}

await coldStart();
unchanged();
await engine();
for (const cells of (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number)) large(cells, cells >= 1_000_000 ? 1 : Math.min(RUNS, 3));
growthRow();
process.stdout.write(`${lines.join("\n")}\n\nnode ${process.version}, ${RUNS} runs (median)\n`);
rmSync(work, { recursive: true, force: true });

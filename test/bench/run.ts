import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus as cpuList, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { FormulaBook } from "../../src/formula/book.js";
import { Decimal } from "../../src/formula/values.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { openZip } from "../../src/workbook/unzip.js";
import { alternate, median, medianRun, row, timeCommand, timeProcess, type Command, type Run } from "./measure.js";
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
  timeProcess(args);
  const book = await readWorkbookCells(out);
  const dump = join(work, "cells.json");
  writeFileSync(dump, JSON.stringify({ sheets: book.sheets }));
  const [ours, base] = alternate(RUNS, [
    { program: process.execPath, args },
    { program: process.execPath, args: [join(here, "baseline-exceljs.js"), dump, join(work, "baseline.xlsx")] },
  ]) as [Run, Run];
  const ratio = ours.ms / base.ms;
  lines.push(row("cold start: `tieout build` of the IIJ pack vs minimal exceljs script, same cells", fmt(ours.ms), fmt(base.ms), ratio.toFixed(2), "ratio ≤ 0.8, ≤ 1.0 s", met(ratio <= 0.8 && ours.ms <= 1000)));
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

/** A Python that has the module, or why there is none: the Debian packages install into the system's Python. */
function pythonWith(module: string): { python: string } | { missing: string } {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, ["-c", `import ${module}`], { encoding: "utf8" });
    if (r.status === 0) return { python };
    if (r.error === undefined && python === "python3") return { missing: `Python has no ${module} (Debian: python3-${module})` };
  }
  return { missing: "Python 3 is not installed" };
}

/** Unzips a workbook's parts into `dir`: the XML the floor deflates. */
function unzipParts(workbook: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const zip = openZip(readFileSync(workbook), workbook);
  zip.names().forEach((name, i) => writeFileSync(join(dir, `${String(i).padStart(2, "0")}-${name.replace(/\//g, "_")}`), zip.read(name)));
}

/** openpyxl keeps every comment of a write-only sheet until it saves (811 MB for 100,000 cells with notes here): past this it is not run with notes. */
const OPENPYXL_NOTES_MAX = 100_000;

/**
 * The synthetic report of `cells` cells against its floor and every peer writing the
 * same cells, all run in turn, one run of each per round. tieout writes a note (the
 * row's sources) on each input row; each peer is measured without notes and, as a
 * second row, with them.
 */
function large(cells: number, runs: number): void {
  const dir = join(work, `synthetic-${cells}`);
  const { data, template } = syntheticReport(dir, cells);
  const out = join(dir, "out.xlsx");
  const tieout: Command = { program: process.execPath, args: [cli, "build", "--force", "--template", template, "--data", data, "--out", out] };
  timeCommand(tieout.program, tieout.args);
  unzipParts(out, join(dir, "parts"));
  const inputs = ["report.json", "data.json", "template.json", "sheet.json"].map((f) => join(dir, f));
  const floor: Command = { program: process.execPath, args: [join(here, "floor.js"), join(dir, "parts"), join(dir, "floor.bin"), ...inputs] };
  const peers: { name: string; command: Command }[] = [];
  const skipped: string[] = [];
  for (const notes of [false, true]) {
    const flag = notes ? ["--notes"] : [];
    const suffix = notes ? ", a note on each input row" : "";
    peers.push({ name: `exceljs streaming${suffix}`, command: { program: process.execPath, args: [join(here, "baseline-stream.js"), String(cells), join(dir, "exceljs.xlsx"), ...flag] } });
    for (const [module, mode] of [["xlsxwriter", "constant_memory"], ["openpyxl", "write-only"]] as const) {
      const name = `${module} ${mode}${suffix}`;
      const python = pythonWith(module);
      if ("missing" in python) skipped.push(`${name}: skipped, ${python.missing}`);
      else if (module === "openpyxl" && notes && cells > OPENPYXL_NOTES_MAX) skipped.push(`${name}: skipped above ${OPENPYXL_NOTES_MAX.toLocaleString("en")} cells (it keeps every comment in memory)`);
      else peers.push({ name, command: { program: python.python, args: [join(root, "test/bench/peers.py"), module, String(cells), join(dir, `${module}.xlsx`), ...flag] } });
    }
  }
  const [ours, base, ...measured] = alternate(runs, [tieout, floor, ...peers.map((p) => p.command)]) as [Run, Run, ...Run[]];
  growth.push({ cells, ours, base });
  rmSync(dir, { recursive: true, force: true });
  const budget = cells >= 1_000_000;
  const size = cells.toLocaleString("en");
  const ourCell = `${fmt(ours.ms)}, peak ${mb(ours.peakMb)}`;
  const memory = (x: Run): string => (ours.peakMb && x.peakMb ? (ours.peakMb / x.peakMb).toFixed(2) : "n/a");
  const floorRatio = ours.ms / base.ms;
  lines.push(
    row(
      `report of ${size} cells (10 % formulas, a note per input row) vs its floor (node start, JSON.parse of the inputs, deflate of the same XML at level 6, crc, write, fsync)`,
      ourCell,
      `${fmt(base.ms)}, peak ${mb(base.peakMb)}`,
      `time ${floorRatio.toFixed(2)}`,
      budget ? "time ≤ 1.5×, peak ≤ 150 MB" : "growth",
      budget ? met(floorRatio <= 1.5 && ours.peakMb !== undefined && ours.peakMb <= 150) : "",
    ),
  );
  const budgets: Record<string, number> = { "exceljs streaming": 0.6, "xlsxwriter constant_memory": 1.0 };
  peers.forEach((p, i) => {
    const peer = measured[i]!;
    const ratio = ours.ms / peer.ms;
    const limit = budget ? budgets[p.name] : undefined;
    lines.push(
      row(
        `report of ${size} cells vs ${p.name}`,
        ourCell,
        `${fmt(peer.ms)}, peak ${mb(peer.peakMb)}`,
        `time ${ratio.toFixed(2)}, memory ${memory(peer)}`,
        limit === undefined ? "" : `time ${limit === 1 ? "< 1.0" : `≤ ${limit}`}×`,
        limit === undefined ? "" : met(limit === 1 ? ratio < 1 : ratio <= limit),
      ),
    );
  });
  for (const s of skipped) lines.push(row(`report of ${size} cells vs ${s.split(":")[0]}`, ourCell, s.split(": ").slice(1).join(": "), "", "", ""));
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
      `floor: ${growth.map((g) => per(g.base, g.cells)).join("; ")}`,
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

/** BENCH_ONLY=cold,xbrl,unchanged,engine,large runs only those figures (all when unset). */
const only = process.env.BENCH_ONLY?.split(",");
const wanted = (figure: string): boolean => only === undefined || only.includes(figure);
if (wanted("cold")) await coldStart();
if (wanted("xbrl")) lines.push(xbrlRow(root, here, RUNS, fmt, met));
if (wanted("unchanged")) unchanged();
if (wanted("engine")) await engine();
if (wanted("large")) for (const cells of (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number)) large(cells, Math.min(RUNS, 3));
growthRow();
process.stdout.write(`${lines.join("\n")}\n\n${machine()}\n`);
rmSync(work, { recursive: true, force: true });

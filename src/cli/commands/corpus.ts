import { resolve } from "node:path";
import { InputError } from "../../errors.js";
import { measureCorpus, type CorpusSummary } from "../../verify/corpus.js";
import { existsSync, statSync } from "node:fs";

export interface CorpusArgs {
  dir: string;
  json: boolean;
  /** List each stale and each unsupported cell, not only the counts. */
  cells: boolean;
}

const percent = (part: number, whole: number): string => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(2)} %`);

function describe(s: CorpusSummary, cells: boolean): string {
  const lines = [
    `files: ${s.files}`,
    `refused: ${s.refused.length}`,
    ...s.refused.map((r) => `  refused ${r.reason}`),
    `formula cells: ${s.formulaCells}`,
    `evaluated: ${s.evaluated} (${percent(s.evaluated, s.formulaCells)} of formula cells)`,
    `volatile (evaluated, never compared): ${s.volatile}`,
    `agreeing with Excel's cached value: ${s.agreeing} (${percent(s.agreeing, s.evaluated - s.volatile)} of evaluated cells compared)`,
    `stale: ${s.stale}`,
    `unsupported: ${s.formulaCells - s.evaluated} cells`,
    ...s.unsupported.map((u) => `  ${u.what}: ${u.cells}`),
  ];
  if (cells) {
    for (const f of s.perFile) {
      for (const m of f.stale) lines.push(`stale ${f.file}: ${m.cell} =${m.formula}: cached ${JSON.stringify(m.cached)}, recomputed ${JSON.stringify(m.recomputed)}`);
      for (const u of f.unsupported) lines.push(`unsupported ${f.file}: ${u.cell}: ${u.what}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Measures the engine on a folder of Excel-saved workbooks; exit 0 unless the folder cannot be read. */
export async function runCorpus(args: CorpusArgs): Promise<number> {
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError("not a folder", { file: args.dir, hint: "a folder of .xlsx/.xlsm workbooks saved by Excel" });
  const summary = await measureCorpus(dir);
  if (args.json) {
    const { perFile, ...totals } = summary;
    process.stdout.write(`${JSON.stringify(args.cells ? summary : { ...totals, perFile: perFile.map((f) => ({ ...f, stale: f.stale.length, unsupported: f.unsupported.length })) })}\n`);
  } else process.stdout.write(describe(summary, args.cells));
  return 0;
}

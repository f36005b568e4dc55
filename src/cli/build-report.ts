import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, relative } from "node:path";
import { loadReportData } from "../data/load.js";
import { evaluateModel } from "../formula/model.js";
import { buildModel } from "../model/build.js";
import { loadTemplate } from "../template/load.js";
import { writeFileAtomic } from "../workbook/atomic.js";
import { buildManifest } from "../workbook/manifest.js";
import { toExcel, workbookBytes } from "../workbook/write.js";
import { tally, type Tally } from "../verify/verdicts.js";
import type { ReportEntry } from "./config.js";
import { version } from "./version.js";

export interface BuildResult extends Tally {
  name: string;
  /** The workbook written: the output when everything ties, `<name>.failed.xlsx` beside it when not. */
  workbook: string;
  manifest: string;
  sheets: number;
  formulaCells: number;
  ok: boolean;
}

/** `out/x.xlsx` → `out/x.manifest.json` */
export function manifestPath(output: string): string {
  return output.replace(/\.xlsx$/, ".manifest.json");
}

/** `out/x.xlsx` → `out/x.failed.xlsx` */
export function failedPath(output: string): string {
  return output.replace(/\.xlsx$/, ".failed.xlsx");
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * Builds one report: data and template in, workbook and manifest out. Bad input
 * throws before anything is written. A workbook whose checks or published figures do
 * not hold is written beside the output (`.failed.xlsx`) for diagnosis, and never
 * replaces a good one.
 */
export async function buildReport(entry: ReportEntry): Promise<BuildResult> {
  const data = loadReportData(entry.data);
  const template = loadTemplate(entry.template);
  const model = buildModel(template, data);
  const evaluated = evaluateModel(model);
  const verdicts = tally(model, evaluated.value);
  const ok = verdicts.failures.length === 0;
  const bytes = await workbookBytes(toExcel(model, evaluated.value), new Date(`${model.released}T00:00:00Z`));
  const workbook = ok ? entry.output : failedPath(entry.output);
  const inputs = Object.fromEntries([...data.files, ...template.files].map((f) => [relative(dirname(workbook), f), sha256(f)]));
  const manifest = buildManifest(model, evaluated.value, basename(workbook), version(), inputs);
  mkdirSync(dirname(workbook), { recursive: true });
  writeFileAtomic(workbook, bytes);
  const manifestFile = manifestPath(workbook);
  writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  // A good build retires the diagnosis of an earlier failed one.
  if (ok) for (const stale of [failedPath(entry.output), manifestPath(failedPath(entry.output))]) rmSync(stale, { force: true });
  return {
    name: entry.name,
    workbook,
    manifest: manifestFile,
    sheets: model.sheets.length,
    formulaCells: evaluated.formulaCells,
    ok,
    ...verdicts,
  };
}

import { existsSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname } from "node:path";
import { loadReportData } from "../data/load.js";
import { evaluateModel } from "../formula/model.js";
import { buildModel } from "../model/build.js";
import type { Model } from "../model/types.js";
import { loadTemplate } from "../template/load.js";
import { tally, type Tally } from "../verify/verdicts.js";
import { onDisk } from "../errors.js";
import { manifestText } from "../workbook/manifest.js";
import { writeWorkbookInto } from "../workbook/write.js";
import type { ReportEntry } from "./config.js";
import { fingerprint } from "./fingerprint.js";
import { lockOutput, removeStrayTemporaries } from "./lock.js";
import { publishPair, settlePair } from "./pair.js";
import { failedPath, manifestPath, pdfPath } from "./paths.js";
import { unchangedResult } from "./state.js";

export interface BuildResult extends Tally {
  name: string;
  /** built: written now; up to date: nothing changed, nothing done; fails: checks or published figures do not hold. */
  status: "built" | "up to date" | "fails";
  /** The workbook: the output when everything ties, `<name>.failed.xlsx` beside it when not. */
  workbook: string;
  manifest: string;
  sheets: number;
  formulaCells: number;
  ok: boolean;
  /** What the build noticed but that did not stop it (an input row nothing uses), one line each. */
  warnings?: string[];
}

export interface BuildOptions {
  /** Build even when nothing changed. */
  force?: boolean;
  /** How long to wait for another build of the same output. */
  lockTimeoutMs?: number;
  /** Warnings are errors: an input row nothing uses stops the build (exit 2). */
  strict?: boolean;
}

export { failedPath, manifestPath } from "./paths.js";

/**
 * Builds one report: data and template in, workbook and manifest out. Nothing is done
 * when the inputs and tieout are those of the last build (unless forced). Bad input
 * throws before anything is written. A workbook whose checks or published figures do
 * not hold is written beside the output (`.failed.xlsx`) for diagnosis, and never
 * replaces a good one. A lock keeps two builds of one output from interleaving.
 */
export async function buildReport(entry: ReportEntry, options: BuildOptions = {}): Promise<BuildResult> {
  onDisk("create folder", dirname(entry.output), () => mkdirSync(dirname(entry.output), { recursive: true }));
  const unlock = await lockOutput(entry.output, options.lockTimeoutMs ?? 600_000);
  try {
    removeStrayTemporaries(dirname(entry.output));
    // What a build killed after its commit point left half done.
    settlePair(entry.output);
    settlePair(failedPath(entry.output));
    if (!options.force) {
      const unchanged = unchangedResult(entry);
      if (unchanged && !(options.strict && unchanged.warnings?.length)) {
        if (unchanged.ok) retireFailed(entry.output);
        return unchanged;
      }
    }
    return await build(entry, options.strict ?? false);
  } finally {
    unlock();
  }
}

/** The report as cells, and the fingerprint of what it was made from. The data and the template are let go on return: the model has what it needs of them. */
function modelOf(entry: ReportEntry, strict: boolean): { model: Model; inputs: ReturnType<typeof fingerprint> } {
  const data = loadReportData(entry.data);
  const template = loadTemplate(entry.template);
  return { inputs: fingerprint(entry, [...data.files, ...template.files]), model: buildModel(template, data, { strict }) };
}

async function build(entry: ReportEntry, strict: boolean): Promise<BuildResult> {
  const { model, inputs } = modelOf(entry, strict);
  const evaluated = evaluateModel(model);
  const verdicts = tally(model, evaluated.value);
  const ok = verdicts.failures.length === 0;
  const workbook = ok ? entry.output : failedPath(entry.output);
  const summary = { sheets: model.sheets.length, formulaCells: evaluated.formulaCells, ok, ...verdicts, ...(model.warnings?.length && { warnings: model.warnings }) };
  await publishPair(
    workbook,
    (out) => writeWorkbookInto(out, model, evaluated.value),
    (sha) => manifestText(model, evaluated.value, { name: basename(workbook), sha256: sha }, inputs.tieout, inputs.inputs, summary),
  );
  const manifestFile = manifestPath(workbook);
  if (ok) {
    retireFailed(entry.output);
    // A PDF of the workbook replaced is of another workbook now: --pdf writes it again.
    const pdf = pdfPath(entry.output);
    if (existsSync(pdf)) onDisk("remove the old PDF", pdf, () => rmSync(pdf, { force: true }));
  }
  return { name: entry.name, status: ok ? "built" : "fails", workbook, manifest: manifestFile, ...summary };
}

/** A good workbook retires the diagnosis of an earlier failed build; a failed one leaves the good workbook alone. */
function retireFailed(output: string): void {
  for (const stale of [failedPath(output), manifestPath(failedPath(output))]) onDisk("remove the failed build's leftovers", stale, () => rmSync(stale, { force: true }));
}

import { existsSync, statSync } from "node:fs";
import { describeError, InputError, ReportFailed } from "../../errors.js";
import { jobsFor } from "../../build/jobs.js";
import { failedPath, pdfPath } from "../../build/paths.js";
import type { BuildResult } from "../../build/build-report.js";
import type { Outcome } from "../../build/pool.js";
import { removeStrayTemporaries } from "../../build/lock.js";
import { unchangedResult } from "../../build/state.js";
import { Progress } from "../progress.js";
import { inShard, parseShard } from "../../build/shard.js";
import { loadConfig, type ReportEntry } from "../../build/config.js";
import { dirname, resolve } from "node:path";
import { describeFailure } from "../../verify/verdicts.js";

export interface BuildArgs {
  names?: string[] | undefined;
  config: string;
  template?: string | undefined;
  data?: string | undefined;
  out?: string | undefined;
  json: boolean;
  pdf?: boolean | undefined;
  force?: boolean | undefined;
  jobs?: number | undefined;
  shard?: string | undefined;
  lockTimeout?: number | undefined;
  forceJobs?: boolean | undefined;
  strict?: boolean | undefined;
}

/** Which reports to build: one given on the command line, or the config's (all, or those named). */
export function selectReports(args: BuildArgs): ReportEntry[] {
  const direct = [args.template, args.data, args.out];
  if (direct.some((a) => a !== undefined)) {
    if (direct.some((a) => a === undefined)) {
      throw new InputError("--template, --data and --out go together", { hint: "all three, or none (then the config is used)" });
    }
    const out = resolve(args.out!);
    if (!out.endsWith(".xlsx")) throw new InputError(`--out ${args.out} is not an .xlsx file`, { hint: "a path ending in .xlsx" });
    return [{ name: out.replace(/^.*\//, "").replace(/\.xlsx$/, ""), template: resolve(args.template!), data: resolve(args.data!), output: out }];
  }
  const reports = loadConfig(args.config);
  if (!args.names?.length) return reports;
  return args.names.map((name) => {
    const r = reports.find((x) => x.name === name);
    if (!r) throw new InputError(`no report named "${name}"`, { file: args.config, hint: reports.map((x) => x.name).join(", ") });
    return r;
  });
}

/** The PDF beside the workbook, or why there is none: LibreOffice is optional. */
async function writePdf(workbook: string): Promise<string> {
  const { findSoffice, convertToPdf } = await import("../../verify/libreoffice.js");
  if (!findSoffice()) {
    process.stderr.write("tieout: no PDF written: LibreOffice is not installed (apt-get install libreoffice-calc-nogui, or set TIEOUT_SOFFICE)\n");
    return "not written: LibreOffice is not installed";
  }
  return convertToPdf(workbook, dirname(workbook));
}

function summary(r: BuildResult & { pdf?: string; pdfError?: string }): string {
  if (r.status === "up to date") return `${r.name}: up to date (nothing changed) → ${r.workbook}`;
  const lines = [
    `${r.name}: ${r.ok ? "ties out" : "DOES NOT TIE OUT"} → ${r.workbook}`,
    `  ${r.sheets} sheets, ${r.formulaCells} formula cells; checks ${r.checks.passed}/${r.checks.total} passed, published figures ${r.published.passed}/${r.published.total} reproduced`,
    `  manifest → ${r.manifest}`,
  ];
  if (r.pdf) lines.push(`  pdf → ${r.pdf}`);
  if (r.pdfError) lines.push(`  pdf FAILED: ${r.pdfError}`);
  for (const w of r.warnings ?? []) lines.push(`  warning: ${w}`);
  for (const f of r.failures) lines.push(`  ${describeFailure(f)}`);
  return lines.join("\n");
}

/**
 * Builds the selected reports (in parallel with --jobs, a stable part of them with
 * --shard); the exit code is the worst outcome: 0 built or up to date, 1 a check or
 * published figure does not hold, 2 bad input, 3 unexpected.
 */
export async function runBuild(args: BuildArgs): Promise<number> {
  const lockTimeout = args.lockTimeout ?? 600;
  if (!Number.isFinite(lockTimeout) || lockTimeout < 0) throw new InputError(`--lock-timeout ${args.lockTimeout} is not a number of seconds ≥ 0`, { hint: "--lock-timeout 600" });
  const asked = args.jobs ?? 1;
  if (!Number.isInteger(asked) || asked < 1) throw new InputError(`--jobs ${args.jobs} is not a whole number ≥ 1`, { hint: "--jobs 4" });
  let reports = selectReports(args);
  if (args.shard) {
    const shard = parseShard(args.shard);
    reports = reports.filter((r) => inShard(r.name, shard));
  }
  const { jobs, capped } = jobsFor(asked, args.forceJobs ?? false);
  if (capped) process.stderr.write(`tieout: ${capped}\n`);
  const single = reports.length === 1 && !args.json;
  const progress = new Progress(args.json ? 0 : reports.length);
  let code = 0;
  const options = { force: args.force ?? false, lockTimeoutMs: lockTimeout * 1000, strict: args.strict ?? false };
  // Each outcome is printed the moment it is known: a run killed later has still said what it did.
  let printing = Promise.resolve();
  const report = (outcome: Outcome): void => {
    printing = printing.then(async () => {
      if ("error" in outcome) {
        // One report named on its own: its error is the command's error, on stderr.
        if (single) throw new ReportFailed(outcome.error.message, outcome.error.exitCode);
        code = Math.max(code, outcome.error.exitCode);
        progress.tick(outcome.name);
        progress.line(args.json ? JSON.stringify({ name: outcome.name, status: "error", error: outcome.error.message, exitCode: outcome.error.exitCode }) : `${outcome.name}: ${outcome.error.message}`);
        return;
      }
      const result = outcome.result as BuildResult & { pdf?: string; pdfError?: string };
      if (!result.ok) code = Math.max(code, 1);
      if (args.pdf && result.ok && pdfWanted(result)) {
        try {
          result.pdf = await writePdf(result.workbook);
        } catch (e) {
          // The workbook is good; the PDF beside it is not there, and the run says so.
          result.pdfError = describeError(e).message;
          code = Math.max(code, 3);
        }
      }
      progress.tick(result.name);
      progress.line(args.json ? JSON.stringify(result) : summary(result));
    });
    // Handled where it is awaited, at the end; until then a failure is not "unhandled".
    printing.catch(() => undefined);
  };
  // Leftovers of builds killed earlier go first, whatever this run then has to do.
  for (const dir of new Set(reports.map((r) => dirname(r.output)))) removeStrayTemporaries(dir);
  // Unchanged reports are answered from their manifests here; only the rest go to the builders
  // (and those with a failed build's leftovers to retire, which needs their lock).
  const toBuild = options.force
    ? reports
    : reports.filter((entry) => {
        let unchanged: BuildResult | undefined;
        try {
          unchanged = unchangedResult(entry);
        } catch {
          return true; // the builder says what is wrong
        }
        // Under --strict, an unchanged report whose last build warned is built again, to fail as it now must.
        const fresh = unchanged !== undefined && !(options.strict && unchanged.warnings?.length) && !(unchanged.ok && existsSync(failedPath(entry.output)));
        if (fresh) report({ name: entry.name, result: unchanged! });
        return !fresh;
      });
  if (toBuild.length) {
    const { buildAll } = await import("../../build/pool.js");
    await buildAll(toBuild, jobs, options, report);
  }
  await printing;
  return code;
}

/** A PDF is made for a workbook built now, or one whose PDF is missing or older than it. */
function pdfWanted(r: BuildResult): boolean {
  if (r.status !== "up to date") return true;
  const pdf = pdfPath(r.workbook);
  return !existsSync(pdf) || statSync(pdf).mtimeMs < statSync(r.workbook).mtimeMs;
}

import { InputError, TieoutError } from "../../errors.js";
import { buildReport, type BuildResult } from "../build-report.js";
import { loadConfig, type ReportEntry } from "../config.js";
import { dirname, resolve } from "node:path";

export interface BuildArgs {
  names?: string[] | undefined;
  config: string;
  template?: string | undefined;
  data?: string | undefined;
  out?: string | undefined;
  json: boolean;
  pdf?: boolean | undefined;
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

function summary(r: BuildResult & { pdf?: string }): string {
  const lines = [
    `${r.name}: ${r.ok ? "ties out" : "DOES NOT TIE OUT"} → ${r.workbook}`,
    `  ${r.sheets} sheets, ${r.formulaCells} formula cells; checks ${r.checks.passed}/${r.checks.total} passed, published figures ${r.published.passed}/${r.published.total} reproduced`,
    `  manifest → ${r.manifest}`,
  ];
  if (r.pdf) lines.push(`  pdf → ${r.pdf}`);
  for (const f of r.failures) {
    lines.push(`  FAIL ${f.kind} ${f.id} (${f.period}) at ${f.cell}: ${JSON.stringify(f.values[0])} vs ${JSON.stringify(f.values[1])} — ${f.label}`);
  }
  return lines.join("\n");
}

/** Builds the selected reports one after another; the exit code is the worst outcome. */
export async function runBuild(args: BuildArgs): Promise<number> {
  const reports = selectReports(args);
  let code = 0;
  for (const entry of reports) {
    try {
      const result = await buildReport(entry);
      if (!result.ok) code = Math.max(code, 1);
      if (args.pdf && result.ok) Object.assign(result, { pdf: await writePdf(result.workbook) });
      process.stdout.write(args.json ? `${JSON.stringify({ status: result.ok ? "built" : "fails", ...result })}\n` : `${summary(result)}\n`);
    } catch (error) {
      if (!(error instanceof TieoutError) || reports.length === 1) throw error;
      code = Math.max(code, error.exitCode);
      process.stdout.write(args.json ? `${JSON.stringify({ name: entry.name, status: "error", error: error.describe(), exitCode: error.exitCode })}\n` : `${entry.name}: ${error.describe()}\n`);
    }
  }
  return code;
}

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pairedManifest } from "../../build/pair.js";
import { manifestPath } from "../../build/paths.js";
import { checkWorkbook, type CheckResult } from "../../verify/check.js";
import { readWorkbookCells } from "../../workbook/read.js";

export interface CheckArgs {
  files: string[];
  json: boolean;
}

function describe(r: CheckResult): string {
  const lines = [`${r.file}: ${r.ok ? "ties out" : "DOES NOT TIE OUT"} (${r.formulaCells} formulas recomputed)`];
  for (const m of r.stale) lines.push(`  stale ${m.cell} =${m.formula}: cached ${JSON.stringify(m.cached)}, recomputed ${JSON.stringify(m.recomputed)}`);
  for (const f of r.failed) lines.push(`  FAIL ${f.cell} ${f.label}`);
  for (const u of r.unsupported) lines.push(`  unsupported ${u.cell}: ${u.what}`);
  for (const cell of r.volatile) lines.push(`  volatile ${cell}: recomputed by Excel at every calculation, its cached value kept`);
  return lines.join("\n");
}

/** Recomputes each workbook; exit 1 when any is stale, fails a check, or cannot be fully evaluated. */
export async function runCheck(args: CheckArgs): Promise<number> {
  let code = 0;
  for (const file of args.files) {
    const result = checkWorkbook(await readWorkbookCells(resolve(file)));
    if (!result.ok) code = 1;
    // A workbook built by tieout has a manifest by the pairing rule (src/build/pair.ts); one beside it that records another workbook is a mismatched pair.
    const paired = pairedManifest(resolve(file))?.manifest;
    const mismatch = !paired && /\.xlsx$/.test(file) && existsSync(manifestPath(resolve(file)));
    if (mismatch) code = 1;
    const manifest = paired ?? (mismatch ? "does not match" : undefined);
    const line = args.json ? JSON.stringify({ ...result, ...(manifest && { manifest }) }) : `${describe(result)}${mismatch ? `\n  manifest ${manifestPath(resolve(file))} records another workbook (not this file's sha256)` : ""}`;
    process.stdout.write(`${line}\n`);
  }
  return code;
}

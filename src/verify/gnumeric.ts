import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GnumericError } from "../errors.js";
import { ended, existingWorkbook, fileStem, isExecutable, onPath, run } from "./program.js";

/**
 * gnumeric, the second independent spreadsheet engine that referees our cached
 * values: `ssconvert --recalc` loads the workbook, recalculates every formula and
 * writes it as .xlsx again, with each formula's new value cached beside it, which
 * workbook/read.ts reads back. (gnumeric writes numbers with 21 significant digits:
 * the Debian build computes in 80-bit extended precision, see the README.)
 */

export { GnumericError } from "../errors.js";

export interface GnumericOptions {
  /** Kill ssconvert after this long. Default 120 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const INSTALL_HINT = "gnumeric's ssconvert (Debian: apt-get install gnumeric), or TIEOUT_SSCONVERT=/path/to/ssconvert";

/** Where ssconvert is: `TIEOUT_SSCONVERT` if set (taken as given), then PATH, then the usual place. */
export function findSsconvert(): string | undefined {
  const configured = process.env.TIEOUT_SSCONVERT;
  if (configured) return configured;
  return onPath(["ssconvert"]) ?? ["/usr/bin/ssconvert", "/usr/local/bin/ssconvert"].find(isExecutable);
}

/**
 * Has gnumeric load `xlsx`, recalculate every formula and write it again as .xlsx.
 * Returns the new file's path, in a temporary folder of its own (the caller may
 * remove that folder); `xlsx` itself is never touched.
 */
export async function recalculateWithGnumeric(xlsx: string, options: GnumericOptions = {}): Promise<string> {
  const source = await existingWorkbook(xlsx);
  const ssconvert = findSsconvert();
  const where = { file: xlsx };
  if (!ssconvert) throw new GnumericError("gnumeric (ssconvert) not found", { ...where, hint: INSTALL_HINT });
  const home = await mkdtemp(join(tmpdir(), "tieout-recalculated-"));
  const scratch = await mkdtemp(join(tmpdir(), "tieout-gnumeric-"));
  const target = join(home, `${fileStem(xlsx)}.xlsx`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    // Settings go to memory, not to the user's dconf, and HOME is a scratch folder removed afterwards: nothing of gnumeric's stays behind.
    const env = { ...process.env, GSETTINGS_BACKEND: "memory", HOME: scratch };
    let result;
    try {
      result = await run(ssconvert, ["--recalc", "--export-type=Gnumeric_Excel:xlsx2", source, target], timeoutMs, env);
    } catch (e) {
      throw new GnumericError(`cannot run ${ssconvert}: ${(e as Error).message}`, { ...where, hint: INSTALL_HINT });
    }
    if (result.timedOut) throw new GnumericError(`gnumeric did not finish recalculating within ${timeoutMs} ms`, where, result.output);
    const wrote = await stat(target).then(
      (s) => s.isFile() && s.size > 0,
      () => false,
    );
    if (result.code !== 0 || !wrote) {
      const said = result.output ? `: ${result.output.split("\n").slice(-3).join(" ")}` : "";
      throw new GnumericError(`gnumeric could not recalculate the workbook (${ended(result)}, ${wrote ? "wrote a file" : "wrote nothing"})${said}`, where, result.output);
    }
    return target;
  } catch (e) {
    await rm(home, { recursive: true, force: true });
    throw e;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

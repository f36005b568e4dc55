import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LibreOfficeError } from "../errors.js";
import { ended, existingWorkbook, fileStem, isExecutable, moveFile, onPath, run, type Run } from "./program.js";

/**
 * LibreOffice Calc, run headless, is the independent spreadsheet engine that
 * referees our cached values. Every run gets a throw-away profile that forces a
 * full recalculation on load: LibreOffice's default for .xlsx is to keep the
 * cached values, which would make it agree with whatever we wrote.
 */

export { LibreOfficeError } from "../errors.js";

export interface LibreOfficeOptions {
  /** Kill soffice (and everything it started) after this long. Default 120 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const INSTALL_HINT = "LibreOffice Calc (Debian: apt-get install libreoffice-calc-nogui), or TIEOUT_SOFFICE=/path/to/soffice";

/**
 * `/org.openoffice.Office.Calc/Formula/Load`: 0 = always recalculate, 1 = never,
 * 2 = ask (which headless means never). Both formats, so an .ods round trip is refereed too.
 */
const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function optInstalls(): string[] {
  try {
    return readdirSync("/opt")
      .filter((d) => d.startsWith("libreoffice"))
      .sort()
      .reverse()
      .map((d) => join("/opt", d, "program", "soffice"));
  } catch {
    return [];
  }
}

/**
 * Where soffice is: `TIEOUT_SOFFICE` if set (taken as given, so a wrong setting
 * fails loudly rather than falling back), then `soffice` or `libreoffice` on PATH,
 * then the usual install places on Linux and macOS.
 */
export function findSoffice(): string | undefined {
  const configured = process.env.TIEOUT_SOFFICE;
  if (configured) return configured;
  const found = onPath(["soffice", "libreoffice"]);
  if (found) return found;
  const known = [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    ...optInstalls(),
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ];
  return known.find(isExecutable);
}

/** The one file a conversion wrote into `outDir`, or undefined. */
async function written(outDir: string): Promise<string | undefined> {
  const names = await readdir(outDir);
  return names.length === 1 ? join(outDir, names[0]!) : undefined;
}

/**
 * Converts `input` with soffice into a fresh folder under a throw-away profile and
 * hands the single file it wrote to `keep`, which moves it where it belongs. The
 * profile and the scratch folder are always removed, so calls can run side by side.
 */
async function convert<T>(
  input: string,
  filter: string,
  options: LibreOfficeOptions,
  keep: (file: string) => Promise<T>,
): Promise<T> {
  const source = await existingWorkbook(input);
  const soffice = findSoffice();
  if (!soffice) throw new LibreOfficeError("LibreOffice (soffice) not found", { file: input, hint: INSTALL_HINT });

  const scratch = await mkdtemp(join(tmpdir(), "tieout-soffice-"));
  try {
    const profile = join(scratch, "profile");
    const outDir = join(scratch, "out");
    await mkdir(join(profile, "user"), { recursive: true });
    await mkdir(outDir);
    await writeFile(join(profile, "user", "registrymodifications.xcu"), RECALCULATE_ON_LOAD);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nologo",
      "--nodefault",
      "--convert-to",
      filter,
      "--outdir",
      outDir,
      source,
    ];
    let result: Run;
    try {
      result = await run(soffice, args, timeoutMs);
    } catch (e) {
      throw new LibreOfficeError(`cannot run ${soffice}: ${(e as Error).message}`, { file: input, hint: INSTALL_HINT });
    }
    const where = { file: input };
    if (result.timedOut) {
      throw new LibreOfficeError(`LibreOffice did not finish converting to ${filter} within ${timeoutMs} ms`, where, result.output);
    }
    const file = await written(outDir);
    if (result.code !== 0 || file === undefined) {
      const status = ended(result);
      const wrote = file === undefined ? "wrote nothing" : "wrote a file";
      const said = result.output ? `: ${result.output}` : "";
      throw new LibreOfficeError(`LibreOffice could not convert the workbook to ${filter} (${status}, ${wrote})${said}`, where, result.output);
    }
    return await keep(file);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Has LibreOffice Calc load `xlsx`, recalculate every formula from scratch, and save
 * it again as .xlsx. Returns the path of the new file, in a new temporary folder of
 * its own (the caller may remove that folder); `xlsx` itself is never touched.
 */
export async function recalculateWithLibreOffice(xlsx: string, options: LibreOfficeOptions = {}): Promise<string> {
  return convert(xlsx, "xlsx:Calc MS Excel 2007 XML", options, async (file) => {
    const home = await mkdtemp(join(tmpdir(), "tieout-recalculated-"));
    const target = join(home, `${fileStem(xlsx)}.xlsx`);
    try {
      await moveFile(file, target);
    } catch (e) {
      await rm(home, { recursive: true, force: true });
      throw e;
    }
    return target;
  });
}

/** Prints `xlsx` to PDF with LibreOffice (recalculated on load too) into `outDir`; returns the PDF's path. */
export async function convertToPdf(xlsx: string, outDir: string, options: LibreOfficeOptions = {}): Promise<string> {
  return convert(xlsx, "pdf:calc_pdf_Export", options, async (file) => {
    await mkdir(outDir, { recursive: true });
    const target = join(resolve(outDir), `${fileStem(xlsx)}.pdf`);
    await moveFile(file, target);
    return target;
  });
}

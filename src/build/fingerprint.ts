import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mappingFileOf } from "../data/csv/mapping.js";
import type { ReportEntry } from "./config.js";
import { version } from "./version.js";

/** What a build depends on: tieout's version and each input file's sha256 (paths relative to the output). */
export interface Fingerprint {
  tieout: string;
  inputs: Record<string, string>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

let code: string | undefined;

/**
 * tieout's own code as part of the fingerprint: its version and a hash of its modules,
 * so that a changed tieout rebuilds even when the version number did not move.
 */
export function codeFingerprint(): string {
  if (code) return code;
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled by tsc, this module sits in the tree's build folder, beside the other stages; bundled, in the bundle's folder with all the code it runs.
  const src = basename(here) === "build" ? resolve(here, "..") : here;
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) hash.update(relative(src, path)).update(readFileSync(path));
    }
  };
  walk(src);
  return (code = `${version()}+${hash.digest("hex").slice(0, 12)}`);
}

/** A file's listed neighbours (`files` of report.json, `sheets` of template.json), or none when it cannot be read. */
function listed(file: string, key: "files" | "sheets"): string[] {
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const list = json[key];
    if (!Array.isArray(list)) return [];
    const files = list.filter((x): x is string => typeof x === "string").map((f) => resolve(dirname(file), f));
    // A CSV data file is read with its mapping: a changed mapping is a changed input.
    return files.flatMap((f) => (/\.csv$/i.test(f) ? [f, mappingFileOf(f)] : [f]));
  } catch {
    return [];
  }
}

/** Every file a report is built from, found without building it. */
export function inputFiles(entry: ReportEntry): string[] {
  return [entry.data, ...listed(entry.data, "files"), entry.template, ...listed(entry.template, "sheets")];
}

/** The fingerprint of a report's inputs now; a file that cannot be read hashes as "missing". */
export function fingerprint(entry: ReportEntry, files = inputFiles(entry)): Fingerprint {
  const base = dirname(entry.output);
  const inputs: Record<string, string> = {};
  for (const f of files) {
    let hash = "missing";
    try {
      hash = sha256(readFileSync(f));
    } catch {
      // A missing input makes the report stale; building it reports the error.
    }
    inputs[relative(base, f)] = hash;
  }
  return { tieout: codeFingerprint(), inputs };
}

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
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

/** A file's listed neighbours (`files` of report.json, `sheets` of template.json), or none when it cannot be read. */
function listed(file: string, key: "files" | "sheets"): string[] {
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const list = json[key];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string").map((f) => resolve(dirname(file), f)) : [];
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
  return { tieout: version(), inputs };
}

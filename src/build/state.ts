import { existsSync, readFileSync } from "node:fs";
import { readManifestHead } from "../workbook/manifest.js";
import type { BuildResult } from "./build-report.js";
import { failedPath, manifestPath } from "./paths.js";
import type { ReportEntry } from "./config.js";
import { fingerprint, sha256, type Fingerprint } from "./fingerprint.js";
import { pairedManifest } from "./pair.js";

export type ReportState =
  | { state: "up to date"; workbook: string; manifest: string }
  | { state: "failed last time"; workbook: string; manifest: string; why: string }
  | { state: "stale"; why: string };

interface Recorded extends Fingerprint {
  workbookSha256?: string;
}

/**
 * The manifest of a workbook by the pairing rule (see pair.ts) and what it records;
 * when none pairs, `NAME.manifest.json` (which then says the workbook was modified, or is missing).
 */
function recorded(workbook: string): { head: Recorded; manifest: string } | undefined {
  const manifest = pairedManifest(workbook)?.manifest ?? manifestPath(workbook);
  const head = readManifestHead(manifest) as Recorded | undefined;
  return head && { head, manifest };
}

/** Why the recorded build is not the one the inputs would make now, or undefined when it is. */
function difference(was: Recorded, now: Fingerprint, workbook: string): string | undefined {
  if (was.tieout !== now.tieout) return `tieout changed (${was.tieout} → ${now.tieout})`;
  const changed = Object.keys(now.inputs).filter((f) => was.inputs?.[f] !== now.inputs[f]);
  if (changed.length) return `${changed.join(", ")} changed`;
  const gone = Object.keys(was.inputs ?? {}).filter((f) => !(f in now.inputs));
  if (gone.length) return `${gone.join(", ")} no longer used`;
  if (!existsSync(workbook)) return `${workbook} is missing`;
  if (was.workbookSha256 && sha256(readFileSync(workbook)) !== was.workbookSha256) return `${workbook} was modified since it was built`;
  return undefined;
}

/**
 * Whether a report needs building: its manifest records the fingerprint it was built
 * from and the workbook's hash; same fingerprint and untouched workbook mean no work.
 */
export function reportState(entry: ReportEntry, now = fingerprint(entry)): ReportState {
  const good = recorded(entry.output);
  const failed = recorded(failedPath(entry.output));
  if (failed && difference(failed.head, now, failedPath(entry.output)) === undefined) {
    return { state: "failed last time", workbook: failedPath(entry.output), manifest: failed.manifest, why: "checks or published figures did not hold" };
  }
  if (!good) return { state: "stale", why: "never built" };
  const why = difference(good.head, now, entry.output);
  return why ? { state: "stale", why } : { state: "up to date", workbook: entry.output, manifest: good.manifest };
}

/**
 * The result the last build recorded, when nothing has changed since: what a
 * scheduler's run reports without loading the pipeline, let alone building.
 */
export function unchangedResult(entry: ReportEntry): BuildResult | undefined {
  const state = reportState(entry);
  if (state.state === "stale") return undefined;
  const build = readManifestHead(state.manifest)?.build as Omit<BuildResult, "name" | "workbook" | "manifest" | "status"> | undefined;
  if (!build) return undefined;
  return { ...build, name: entry.name, workbook: state.workbook, manifest: state.manifest, status: build.ok ? "up to date" : "fails" };
}

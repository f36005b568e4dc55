import { existsSync, readFileSync } from "node:fs";
import { readManifestHead } from "../workbook/manifest.js";
import type { BuildResult } from "./build-report.js";
import { failedPath, manifestPath } from "./paths.js";
import type { ReportEntry } from "./config.js";
import { fingerprint, sha256, type Fingerprint } from "./fingerprint.js";

export type ReportState =
  | { state: "up to date"; workbook: string }
  | { state: "failed last time"; workbook: string; why: string }
  | { state: "stale"; why: string };

interface Recorded extends Fingerprint {
  workbookSha256?: string;
}

function recorded(file: string): Recorded | undefined {
  return readManifestHead(file) as Recorded | undefined;
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
  const good = recorded(manifestPath(entry.output));
  const failed = recorded(manifestPath(failedPath(entry.output)));
  if (failed && difference(failed, now, failedPath(entry.output)) === undefined) {
    return { state: "failed last time", workbook: failedPath(entry.output), why: "checks or published figures did not hold" };
  }
  if (!good) return { state: "stale", why: "never built" };
  const why = difference(good, now, entry.output);
  return why ? { state: "stale", why } : { state: "up to date", workbook: entry.output };
}

/**
 * The result the last build recorded, when nothing has changed since: what a
 * scheduler's run reports without loading the pipeline, let alone building.
 */
export function unchangedResult(entry: ReportEntry): BuildResult | undefined {
  const state = reportState(entry);
  if (state.state === "stale") return undefined;
  const build = readManifestHead(manifestPath(state.workbook))?.build as Omit<BuildResult, "name" | "workbook" | "manifest" | "status"> | undefined;
  if (!build) return undefined;
  return { ...build, name: entry.name, workbook: state.workbook, manifest: manifestPath(state.workbook), status: build.ok ? "up to date" : "fails" };
}

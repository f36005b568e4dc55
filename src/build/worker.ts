import { parentPort } from "node:worker_threads";
import { TieoutError } from "../errors.js";
import { buildReport, type BuildOptions } from "./build-report.js";
import type { ReportEntry } from "./config.js";

/** A build thread: takes one report at a time, answers with its result or its error. */
parentPort?.on("message", async ({ entry, options }: { entry: ReportEntry; options: BuildOptions }) => {
  try {
    parentPort!.postMessage({ name: entry.name, result: await buildReport(entry, options) });
  } catch (error) {
    const e = error instanceof TieoutError ? { message: error.describe(), exitCode: error.exitCode } : { message: `unexpected error: ${(error as Error)?.stack ?? String(error)}`, exitCode: 3 };
    parentPort!.postMessage({ name: entry.name, error: e });
  }
});

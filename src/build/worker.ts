import { parentPort } from "node:worker_threads";
import { describeError } from "../errors.js";
import { buildReport, type BuildOptions } from "./build-report.js";
import type { ReportEntry } from "./config.js";

/**
 * Fault injection for tieout's own tests (test/build/faults.test.ts): the worker
 * building the report named here crashes (`throw:NAME`) or exits (`exit:NAME`)
 * instead, as an out-of-memory kill or a native crash would end it.
 */
const fault = /^(throw|exit):(.+)$/.exec(process.env.TIEOUT_TEST_WORKER_FAULT ?? "");

/** A build thread: takes one report at a time, answers with its result or its error. */
parentPort?.on("message", async ({ entry, options }: { entry: ReportEntry; options: BuildOptions }) => {
  if (fault?.[2] === entry.name) {
    if (fault[1] === "exit") process.exit(9);
    setImmediate(() => {
      throw new Error("injected crash");
    });
    return;
  }
  try {
    parentPort!.postMessage({ name: entry.name, result: await buildReport(entry, options) });
  } catch (error) {
    parentPort!.postMessage({ name: entry.name, error: describeError(error) });
  }
});

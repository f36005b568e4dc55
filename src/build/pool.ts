import { Worker } from "node:worker_threads";
import { TieoutError } from "../errors.js";
import type { BuildOptions, BuildResult } from "./build-report.js";
import type { ReportEntry } from "./config.js";

export type Outcome = { name: string; result: BuildResult } | { name: string; error: { message: string; exitCode: number } };

/** Builds reports one after another in this thread. */
async function serial(entries: ReportEntry[], options: BuildOptions, done: (o: Outcome) => void): Promise<void> {
  // Loaded only when there is something to build.
  const { buildReport } = await import("./build-report.js");
  for (const entry of entries) {
    try {
      done({ name: entry.name, result: await buildReport(entry, options) });
    } catch (error) {
      if (!(error instanceof TieoutError)) throw error;
      done({ name: entry.name, error: { message: error.describe(), exitCode: error.exitCode } });
    }
  }
}

/**
 * Builds reports on `jobs` worker threads, each taking the next report when it is
 * free; results arrive in completion order.
 */
export async function buildAll(entries: ReportEntry[], jobs: number, options: BuildOptions, done: (o: Outcome) => void): Promise<void> {
  if (jobs <= 1 || entries.length <= 1) return serial(entries, options, done);
  const queue = [...entries];
  const workerFile = new URL("./worker.js", import.meta.url);
  await Promise.all(
    Array.from({ length: Math.min(jobs, entries.length) }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerFile);
        const next = (): void => {
          const entry = queue.shift();
          if (!entry) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage({ entry, options });
        };
        worker.on("message", (outcome: Outcome) => {
          done(outcome);
          next();
        });
        worker.on("error", reject);
        next();
      }),
    ),
  );
}

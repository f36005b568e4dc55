import { Worker } from "node:worker_threads";
import { describeError } from "../errors.js";
import type { BuildOptions, BuildResult } from "./build-report.js";
import type { ReportEntry } from "./config.js";
import { releaseForThread } from "./lock.js";

export type Outcome = { name: string; result: BuildResult } | { name: string; error: { message: string; exitCode: 1 | 2 | 3 } };

/** Builds reports one after another in this thread; whatever one of them throws is its outcome, and the next is built. */
async function serial(entries: ReportEntry[], options: BuildOptions, done: (o: Outcome) => void): Promise<void> {
  // Loaded only when there is something to build.
  const { buildReport } = await import("./build-report.js");
  for (const entry of entries) {
    try {
      done({ name: entry.name, result: await buildReport(entry, options) });
    } catch (error) {
      done({ name: entry.name, error: describeError(error) });
    }
  }
}

/**
 * Builds reports on `jobs` worker threads, each taking the next report when it is
 * free; results arrive in completion order. A worker that crashes or exits while
 * building a report fails that report (exit 3), its lock is released, and a new
 * worker takes the next report.
 */
export async function buildAll(entries: ReportEntry[], jobs: number, options: BuildOptions, done: (o: Outcome) => void): Promise<void> {
  if (jobs <= 1 || entries.length <= 1) return serial(entries, options, done);
  const queue = [...entries];
  const workerFile = new URL("./worker.js", import.meta.url);
  const lane = (): Promise<void> =>
    new Promise<void>((resolve) => {
      let current: ReportEntry | undefined;
      let worker: Worker;
      const start = (): void => {
        worker = new Worker(workerFile);
        const thread = worker.threadId;
        let failed = false;
        const fail = (why: string): void => {
          if (failed) return;
          failed = true;
          if (current) {
            releaseForThread(current.output, thread);
            done({ name: current.name, error: { message: why, exitCode: 3 } });
            current = undefined;
          }
          if (queue.length) start();
          else resolve();
        };
        worker.on("message", (outcome: Outcome) => {
          current = undefined;
          done(outcome);
          next();
        });
        worker.on("error", (e) => fail(`the build's worker crashed: ${describeError(e).message}`));
        worker.on("exit", (code) => fail(`the build's worker exited (code ${code}) before it finished`));
        next();
      };
      const next = (): void => {
        current = queue.shift();
        if (!current) {
          worker.removeAllListeners("exit");
          worker.removeAllListeners("error");
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage({ entry: current, options });
      };
      start();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, entries.length) }, lane));
}

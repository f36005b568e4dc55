import { availableParallelism, freemem } from "node:os";

/** What one build thread may need at its peak: a million-cell report's model, values and deflate buffers. */
export const JOB_MEMORY = 512 * 1024 * 1024;

/**
 * How many reports to build at once: what was asked, capped by the cores there are
 * and the free memory (JOB_MEMORY each), unless forced. Gives the number and, when
 * capped, why, in words.
 */
export function jobsFor(asked: number, force: boolean, cores = availableParallelism(), free = freemem()): { jobs: number; capped?: string } {
  if (force) return { jobs: asked };
  const byMemory = Math.max(1, Math.floor(free / JOB_MEMORY));
  const jobs = Math.min(asked, cores, byMemory);
  if (jobs === asked) return { jobs };
  return { jobs, capped: `--jobs ${asked} capped to ${jobs} (${cores} cores, ${Math.round(free / 2 ** 20)} MiB free memory at ${JOB_MEMORY / 2 ** 20} MiB a build); --force-jobs to use ${asked}` };
}

import { closeSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TieoutError } from "../errors.js";
import { TEMP_PREFIX } from "../workbook/atomic.js";

/** Another build holds the output's lock for too long. */
export class LockedError extends TieoutError {
  readonly exitCode = 3 as const;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Takes `<output>.lock` (created exclusively, holding our pid) so two builds of one
 * output never interleave. A lock whose process is gone (killed) is taken over; a
 * live one is waited for, up to `waitMs`.
 */
export async function lockOutput(output: string, waitMs: number): Promise<() => void> {
  const file = `${output}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(file, "utf8"));
    } catch {
      continue; // released between our two looks
    }
    if (!Number.isInteger(holder) || !alive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(`another build (pid ${holder}) is writing ${output}`, { file, hint: "wait for it to finish, or raise --lock-timeout" });
    }
    await sleep(100);
  }
}

/** Removes temporary files that killed builds left beside the output (their pid is in the name). */
export function removeStrayTemporaries(output: string): string[] {
  const dir = dirname(output);
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX) || !name.includes(basename(output).replace(/\.xlsx$/, ""))) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

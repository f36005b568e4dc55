import { closeSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
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

/**
 * Removes what killed builds left in a folder: temporary files whose writer (its pid
 * is in the name) is gone, and locks whose holder is gone. A live build's are left alone.
 */
export function removeStrayTemporaries(dir: string): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (name.endsWith(".xlsx.lock")) {
      // A lock whose holder was killed: nobody will release it.
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(join(dir, name), "utf8"));
      } catch {
        continue;
      }
      if (Number.isInteger(holder) && holder !== process.pid && !alive(holder)) {
        rmSync(join(dir, name), { force: true });
        removed.push(name);
      }
      continue;
    }
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(name.slice(TEMP_PREFIX.length).split("-")[0]);
    // Our own pid: a sibling worker thread is writing it right now.
    if (pid === process.pid || (Number.isInteger(pid) && alive(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

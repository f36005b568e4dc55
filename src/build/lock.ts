import { closeSync, fstatSync, linkSync, lstatSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeSync, fsyncSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FileSystemError, LockedError, onDisk } from "../errors.js";
import { TEMP_PREFIX } from "../workbook/atomic.js";
import { holderTag, holderText, judge, judgeTag, parseHolder, self, type Holder } from "./holder.js";

/**
 * A lock from another machine (or PID namespace) on shared storage cannot be looked
 * at: it is waited for, and broken only once it is this old (no build of one report
 * takes an hour; a machine that died holding it must not wedge the output for ever).
 */
export const FOREIGN_LOCK_MAX_AGE_MS = 60 * 60 * 1000;
/** Breaking a stale lock takes microseconds: a `.break` lock this old was left by a breaker that died. */
const BREAK_MAX_AGE_MS = 10_000;
const POLL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a lock file says, read without following links or blocking on a FIFO. */
type Seen =
  | { kind: "gone" }
  | { kind: "held"; holder: Holder; ino: number; ageMs: number }
  | { kind: "garbage"; ino: number; ageMs: number; why: string };

function look(file: string): Seen {
  let st;
  try {
    st = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "gone" };
    throw FileSystemError.of(e, "look at lock", file);
  }
  // Waiting on these would be waiting for ever: a person has to look.
  if (st.isDirectory()) throw new FileSystemError("use lock", file, "EISDIR", "the lock path is a directory");
  if (st.isSymbolicLink()) throw new FileSystemError("use lock", file, "ELOOP", "the lock path is a symbolic link, not a lock tieout made");
  if (!st.isFile()) throw new FileSystemError("use lock", file, "EINVAL", "the lock path is not a regular file");
  let text = "";
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    if (fstatSync(fd).ino !== st.ino) return { kind: "gone" }; // replaced between the two looks: look again
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    text = buf.subarray(0, n).toString("utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "gone" };
    throw FileSystemError.of(e, "read lock", file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const ageMs = Date.now() - st.mtimeMs;
  const holder = parseHolder(text);
  if (holder) return { kind: "held", holder, ino: st.ino, ageMs };
  return { kind: "garbage", ino: st.ino, ageMs, why: text.length === 0 ? "empty" : "not a lock tieout wrote" };
}

/**
 * Whether a lock nobody will release can be taken over. Locks are created whole (see
 * `create`), so an empty or garbled one was never a live tieout's: stale by rule.
 */
function stale(seen: Seen): boolean {
  if (seen.kind === "gone") return false;
  if (seen.kind === "garbage") return true;
  const verdict = judge(seen.holder);
  if (verdict === "dead") return true;
  if (verdict === "foreign") return seen.ageMs > FOREIGN_LOCK_MAX_AGE_MS;
  return false;
}

/**
 * The lock file created with its content in one step: the record is written to a
 * temporary file, flushed, and hard-linked to the lock's name, which fails if the
 * name exists (link is atomic, on NFS too). Nobody ever sees the lock empty or half
 * written, however full the disk. Gives false when the lock exists.
 */
function create(file: string): boolean {
  const temp = join(dirname(file), `${TEMP_PREFIX}${holderTag()}-${Math.random().toString(36).slice(2, 10)}-${basename(file)}`);
  try {
    onDisk("create lock", temp, () => {
      const fd = openSync(temp, "wx");
      try {
        const bytes = Buffer.from(holderText());
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    try {
      linkSync(temp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw FileSystemError.of(e, "create lock", file);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a stale lock without racing another build: under `<lock>.break` (taken the
 * same way), the lock is looked at again and, if it is still the stale one seen
 * (same inode), renamed to a name of our own and then deleted. Only a breaker
 * removes a lock it does not hold, and there is one breaker at a time, so a lock
 * taken in between is never the one removed.
 */
function breakStale(file: string, seen: Seen & { ino: number }): void {
  const breaker = `${file}.break`;
  if (!create(breaker)) {
    const b = look(breaker);
    if (b.kind !== "gone" && (stale(b) || b.ageMs > BREAK_MAX_AGE_MS)) {
      const aside = `${breaker}.${holderTag()}.gone`;
      try {
        renameSync(breaker, aside);
        rmSync(aside, { force: true });
      } catch {
        // Another breaker got there first.
      }
    }
    return;
  }
  try {
    const again = look(file);
    if (again.kind === "gone" || again.ino !== seen.ino || !stale(again)) return;
    const aside = join(dirname(file), `${TEMP_PREFIX}${holderTag()}-broken-${basename(file)}`);
    onDisk("break stale lock", file, () => renameSync(file, aside));
    rmSync(aside, { force: true });
  } finally {
    release(breaker);
  }
}

/** Removes a lock if it is still this thread's (a lock broken and retaken by another build is theirs). */
function release(file: string): void {
  try {
    const seen = look(file);
    const me = self();
    if (seen.kind === "held" && seen.holder.pid === me.pid && seen.holder.start === me.start && seen.holder.thread === me.thread) unlinkSync(file);
  } catch {
    // Releasing is best effort: a lock we cannot look at will be judged by the next build.
  }
}

/** Releases the lock a thread of this process holds on `output` (a worker that died while building it). */
export function releaseForThread(output: string, thread: number): void {
  const file = `${output}.lock`;
  try {
    const seen = look(file);
    const me = self();
    if (seen.kind === "held" && seen.holder.pid === me.pid && seen.holder.start === me.start && seen.holder.thread === thread) unlinkSync(file);
  } catch {
    // As above.
  }
}

/**
 * Takes `<output>.lock` so two builds of one output never interleave. A live
 * holder on this machine (PID and start time still match) is waited for up to
 * `waitMs`; a dead one's lock, an empty or garbled one, or one from a previous
 * process with this PID is taken over at once; one from another machine is waited
 * for, and taken over only once older than FOREIGN_LOCK_MAX_AGE_MS. A lock path
 * that is a directory, a link or unreadable is an error at once (exit 2).
 */
export async function lockOutput(output: string, waitMs: number): Promise<() => void> {
  const file = `${output}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (create(file)) return () => release(file);
    const seen = look(file);
    if (seen.kind === "gone") continue; // released between our two looks
    if (stale(seen)) {
      breakStale(file, seen);
      continue;
    }
    if (Date.now() >= deadline) {
      const h = seen.kind === "held" ? seen.holder : undefined;
      const who = h ? `pid ${h.pid}${judge(h) === "foreign" ? ` on ${h.host}` : ""}` : "unknown";
      throw new LockedError(`another build (${who}) is writing ${output}`, { file, hint: "wait for it to finish, or raise --lock-timeout" });
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Removes what killed builds left in a folder: temporary files whose writer is gone
 * (its identity is in the name: a previous process with this very PID counts as
 * gone), and locks that are stale by the rules of lockOutput. A live build's, this
 * process's, and those of another machine younger than FOREIGN_LOCK_MAX_AGE_MS are left alone.
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
    const path = join(dir, name);
    if (!name.startsWith(TEMP_PREFIX)) {
      if (name.endsWith(".xlsx.lock.break")) {
        // A breaker killed in the middle: its lock is judged by age alone.
        try {
          const seen = look(path);
          if (seen.kind !== "gone" && (stale(seen) || seen.ageMs > BREAK_MAX_AGE_MS)) {
            rmSync(path, { force: true });
            removed.push(name);
          }
        } catch {
          // Reported by the build that needs it.
        }
      } else if (name.endsWith(".xlsx.lock")) {
        try {
          const seen = look(path);
          if (seen.kind !== "gone" && stale(seen)) {
            breakStale(path, seen);
            removed.push(name);
          }
        } catch {
          // A lock path that cannot be used is reported by the build that needs it.
        }
      }
      continue;
    }
    const tag = name.slice(TEMP_PREFIX.length).split("-")[0] ?? "";
    const verdict = judgeTag(tag);
    if (verdict === "self" || verdict === "alive") continue;
    if (verdict === "foreign") {
      try {
        if (Date.now() - statSync(path).mtimeMs <= FOREIGN_LOCK_MAX_AGE_MS) continue;
      } catch {
        continue;
      }
    }
    rmSync(path, { force: true });
    removed.push(name);
  }
  return removed;
}

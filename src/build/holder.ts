import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { threadId } from "node:worker_threads";

/**
 * Who holds a lock or writes a temporary file, so that a later build can tell a live
 * holder from a dead one without trusting a bare PID (PIDs repeat: the next CronJob
 * pod is PID 1 again): the PID with its start time (field 22 of /proc/PID/stat, clock
 * ticks since boot), the kernel's boot id and PID namespace (where that PID means
 * something), the host name, and the thread.
 */
export interface Holder {
  pid: number;
  /** Start time of the process in clock ticks since boot; "" where /proc is not there. */
  start: string;
  boot: string;
  pidns: string;
  host: string;
  thread: number;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

/** Field 22 of /proc/PID/stat, the process's start time; "" when there is no such process. */
export function startTime(pid: number): string {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return rest[19] ?? "";
}

let me: Holder | undefined;

/** This process (and thread). */
export function self(): Holder {
  me ??= {
    pid: process.pid,
    start: startTime(process.pid),
    boot: read("/proc/sys/kernel/random/boot_id"),
    pidns: (() => {
      try {
        return readlinkSync("/proc/self/ns/pid");
      } catch {
        return "";
      }
    })(),
    host: hostname(),
    thread: threadId,
  };
  return me;
}

/** A holder's record as text, one JSON line. */
export function holderText(h: Holder = self()): string {
  return `${JSON.stringify(h)}\n`;
}

/** A record read back, or undefined when it is empty, truncated or not one of ours. */
export function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (!Number.isInteger(h.pid) || (h.pid as number) < 1) return undefined;
    for (const k of ["start", "boot", "pidns", "host"] as const) if (typeof h[k] !== "string") return undefined;
    if (!Number.isInteger(h.thread)) return undefined;
    return h as Holder;
  } catch {
    return undefined;
  }
}

/**
 * What can be said of a holder from here:
 * - `self`: this very process (another of its threads);
 * - `alive`: a running process on this machine, the same one that took the lock;
 * - `dead`: its process is gone, or the PID is now another process's (start time differs), or the machine rebooted;
 * - `foreign`: on another machine or in another PID namespace, where its PID cannot be looked at.
 */
export function judge(h: Holder): "self" | "alive" | "dead" | "foreign" {
  const me = self();
  if (h.boot !== me.boot || h.pidns !== me.pidns) {
    // The same host with another boot id rebooted since: nothing of before runs.
    return h.host === me.host && h.boot !== me.boot ? "dead" : "foreign";
  }
  if (h.pid === me.pid) return h.start === me.start ? "self" : "dead";
  // Without /proc (not Linux) a PID is all there is to go by.
  if (me.start === "") return signalable(h.pid) ? "alive" : "dead";
  const now = startTime(h.pid);
  if (now === "") return "dead";
  return now === h.start ? "alive" : "dead";
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The holder's identity as a file-name part: `pid.start.boot.ns` (boot id and namespace shortened). */
export function holderTag(h: Holder = self()): string {
  return [h.pid, h.start || "0", h.boot.replace(/-/g, "").slice(0, 8) || "0", /\d+/.exec(h.pidns)?.[0] ?? "0"].join(".");
}

/** A tag read back from a file name, as much of a holder as it tells. */
export function judgeTag(tag: string): "self" | "alive" | "dead" | "foreign" {
  const m = /^(\d+)\.(\d+)\.([0-9a-f]+)\.(\d+)$/.exec(tag);
  if (!m) return "dead";
  const me = self();
  const [, pid, start, boot, ns] = m;
  const mine = holderTag(me).split(".");
  if (boot !== mine[2] || ns !== mine[3]) return "foreign";
  return judge({ ...me, pid: Number(pid), start: start === "0" ? "" : start! });
}

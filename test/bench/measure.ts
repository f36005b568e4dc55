import { spawnSync } from "node:child_process";

export interface Run {
  ms: number;
  /** Peak resident set size of the child process, in MB (from /usr/bin/time when available). */
  peakMb?: number;
}

/** Runs a node script in a fresh process and measures its wall time and peak memory. */
export function timeProcess(args: string[], env: Record<string, string> = {}): Run {
  return timeCommand(process.execPath, args, env);
}

/** Runs any program in a fresh process and measures its wall time and peak memory. */
export function timeCommand(program: string, args: string[], env: Record<string, string> = {}): Run {
  const time = "/usr/bin/time";
  const useTime = spawnSync(time, ["-f", "%M", "true"]).status === 0;
  const start = performance.now();
  const r = useTime
    ? spawnSync(time, ["-f", "%M", program, ...args], { encoding: "utf8", env: { ...process.env, ...env } })
    : spawnSync(program, args, { encoding: "utf8", env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${r.stderr}`);
  const kb = useTime ? Number(r.stderr.trim().split("\n").pop()) : Number.NaN;
  return Number.isFinite(kb) ? { ms, peakMb: kb / 1024 } : { ms };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time (and peak memory) of several runs. */
export function medianRun(runs: number, args: string[], env: Record<string, string> = {}): Run {
  return medianOf(Array.from({ length: runs }, () => timeProcess(args, env)));
}

function medianOf(rs: Run[]): Run {
  const peaks = rs.map((r) => r.peakMb).filter((x): x is number => x !== undefined);
  const ms = median(rs.map((r) => r.ms));
  return peaks.length ? { ms, peakMb: median(peaks) } : { ms };
}

/** A command of an alternating measurement: a program and its arguments. */
export interface Command {
  program: string;
  args: string[];
}

/**
 * Medians of several commands run in turn, one run of each per round: a change of
 * the machine's load during the measurement falls on all of them alike.
 */
export function alternate(runs: number, commands: Command[]): Run[] {
  const all = commands.map(() => [] as Run[]);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => all[j]!.push(timeCommand(c.program, c.args)));
  return all.map(medianOf);
}

export function row(label: string, ours: string, baseline: string, ratio: string, budget: string, met: string): string {
  return `| ${label} | ${ours} | ${baseline} | ${ratio} | ${budget} | ${met} |`;
}

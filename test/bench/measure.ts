import { spawnSync } from "node:child_process";

export interface Run {
  ms: number;
  /** Peak resident set size of the child process, in MB (from /usr/bin/time when available). */
  peakMb?: number;
}

/** Runs a command in a fresh process and measures its wall time and peak memory. */
export function timeProcess(args: string[], env: Record<string, string> = {}): Run {
  const time = "/usr/bin/time";
  const useTime = spawnSync(time, ["-f", "%M", "true"]).status === 0;
  const start = performance.now();
  const r = useTime
    ? spawnSync(time, ["-f", "%M", process.execPath, ...args], { encoding: "utf8", env: { ...process.env, ...env } })
    : spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
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
  const rs = Array.from({ length: runs }, () => timeProcess(args, env));
  const peaks = rs.map((r) => r.peakMb).filter((x): x is number => x !== undefined);
  return peaks.length ? { ms: median(rs.map((r) => r.ms)), peakMb: median(peaks) } : { ms: median(rs.map((r) => r.ms)) };
}

export function row(label: string, ours: string, baseline: string, ratio: string, budget: string, met: string): string {
  return `| ${label} | ${ours} | ${baseline} | ${ratio} | ${budget} | ${met} |`;
}

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./root.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` compiles it first) as a user would, in a fresh process. */
export function tieout(args: string[], cwd = ROOT, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, "dist/bin/main.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

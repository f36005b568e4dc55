import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { median, row } from "./measure.js";

/** Wall and CPU milliseconds the child reports, in fresh processes, medians of `runs`. */
function childMs(script: string, args: string[], runs: number): { wall: number; cpu: number } {
  const times = Array.from({ length: runs }, () => {
    const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    const [wall, cpu] = r.stdout.trim().split(" ").map(Number) as [number, number];
    return { wall, cpu };
  });
  return { wall: median(times.map((t) => t.wall)), cpu: median(times.map((t) => t.cpu)) };
}

/**
 * What loading Apple's FY2023 10-K (instance of 1.4 MB and 1,164 facts, schema, four
 * linkbases: 3.2 MB) adds to a build: importing the reader and loadFiling in a fresh
 * process, beside saxes merely tokenizing the same files in a fresh process.
 */
export function xbrlRow(root: string, here: string, runs: number, fmt: (ms: number) => string, met: (ok: boolean) => string): string {
  const folder = join(root, "data/sec/aapl-10k-fy2023");
  const script = join(here, "xbrl-load.js");
  const ours = childMs(script, ["ours", folder], runs);
  const tokens = childMs(script, ["tokens", folder], runs);
  const saxes = childMs(script, ["saxes", folder], runs);
  return row(
    "XBRL: load Apple's FY2023 10-K (instance 1.4 MB, 1,164 facts; schema and 4 linkbases, 3.2 MB in all) in a fresh process; its XML alone, tokenized by tieout's reader vs saxes",
    `${fmt(ours.wall)} (CPU ${fmt(ours.cpu)}); XML alone ${fmt(tokens.wall)} (CPU ${fmt(tokens.cpu)})`,
    `saxes, XML alone: ${fmt(saxes.wall)} (CPU ${fmt(saxes.cpu)})`,
    `XML alone ${(tokens.wall / saxes.wall).toFixed(2)}`,
    "< 300 ms",
    met(ours.wall < 300),
  );
}

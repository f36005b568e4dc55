import { loadConfig } from "../../build/config.js";
import { reportState } from "../../build/state.js";

/** One line per report: up to date, stale and why, or failed last time. Exit 0. */
export async function runList(args: { config: string; json: boolean }): Promise<number> {
  for (const entry of loadConfig(args.config)) {
    const s = reportState(entry);
    const line = args.json
      ? JSON.stringify({ name: entry.name, output: entry.output, ...s })
      : `${entry.name.padEnd(24)} ${s.state}${"why" in s ? `: ${s.why}` : ""}`;
    process.stdout.write(`${line}\n`);
  }
  return 0;
}

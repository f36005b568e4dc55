import { watch, type FSWatcher } from "node:fs";
import { inputFiles } from "../../build/fingerprint.js";
import { runBuild, selectReports, type BuildArgs } from "./build.js";

/**
 * For report authors: rebuilds when a data or template file changes. Incremental
 * builds mean only the reports whose inputs changed do any work.
 */
export async function watchBuild(args: BuildArgs): Promise<void> {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const files = new Set(selectReports(args).flatMap(inputFiles));
  if (!args.template) files.add(args.config);
  process.stderr.write(`tieout: watching ${files.size} files; Ctrl-C to stop\n`);
  const rebuild = (): void => {
    clearTimeout(timer);
    // Editors write in several steps; wait for the last one.
    timer = setTimeout(() => {
      running = running.then(async () => {
        try {
          await runBuild({ ...args, force: false });
        } catch (e) {
          process.stderr.write(`tieout: ${(e as { describe?: () => string }).describe?.() ?? String(e)}\n`);
        }
      });
    }, 200);
  };
  for (const f of files) watchers.push(watch(f, rebuild));
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  watchers.forEach((w) => w.close());
}

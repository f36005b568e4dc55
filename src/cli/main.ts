#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { readFileSync } from "node:fs";
import { describeError, EXIT } from "../errors.js";

const COMMANDS = ["build", "check", "corpus", "list", "init", "schemas"] as const;

/** package.json is two folders above dist/bin/main.js (the bundle) and three above dist/src/cli/main.js. */
function packageVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "tieout" && pkg.version) return pkg.version;
    } catch {
      // not at this depth; try the next
    }
  }
  return "unknown";
}

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const first = argv.find((a) => !a.startsWith("-"));
  if (first !== undefined && !(COMMANDS as readonly string[]).includes(first)) {
    process.stderr.write(`tieout: unknown command "${first}"; the commands are: ${COMMANDS.join(", ")}\nRun 'tieout --help' for usage.\n`);
    return EXIT.input;
  }
  const parser = yargs(argv);
  // Piped help (CI logs, `| less`) gets a fixed width so yargs wraps on words instead of at an unknown terminal width.
  await parser
    .wrap(process.stdout.isTTY ? Math.min(120, parser.terminalWidth()) : 80)
    .scriptName("tieout")
    .usage("$0 <command> [options]\n\nFinancial report workbooks that tie out.")
    .command(
      "build [names..]",
      "Build report workbooks (all reports of the config, or the ones named)",
      (y) =>
        y
          .positional("names", { type: "string", array: true, describe: "Report names from the config (default: all)" })
          .option("config", { type: "string", default: "tieout.config.json", describe: "Project config listing the reports" })
          .option("template", { type: "string", describe: "Build one report from this template (with --data and --out)" })
          .option("data", { type: "string", describe: "Report data file (report.json)" })
          .option("out", { type: "string", describe: "Workbook to write (.xlsx)" })
          .option("json", { type: "boolean", default: false, describe: "Print one JSON result per report" })
          .option("pdf", { type: "boolean", default: false, describe: "Also write a PDF beside each workbook (needs LibreOffice)" })
          .option("force", { type: "boolean", default: false, describe: "Rebuild even when nothing changed" })
          .option("jobs", { type: "number", default: 1, describe: "Build this many reports at once, on worker threads" })
          .option("force-jobs", { type: "boolean", default: false, describe: "Use --jobs as given, beyond the cores and free memory there are" })
          .option("shard", { type: "string", describe: "Build only shard i of n (i/n, 1-based): a stable split by report name" })
          .option("lock-timeout", { type: "number", default: 600, describe: "Seconds to wait for another build of the same output" })
          .option("watch", { type: "boolean", default: false, describe: "Keep running; rebuild reports whose data or template change" })
          .option("strict", { type: "boolean", default: false, describe: "Treat warnings as errors (an input row no formula, check, chart or published figure uses: exit 2)" })
          .example("$0 build", "Build every report in tieout.config.json")
          .example("$0 build iij-fy2018-1h", "Build one report of the config")
          .example("$0 build --jobs 4 --shard 2/3 --json", "Build the second third of the reports, four at a time, one JSON line each")
          .example("$0 build --template templates/interim-pack/template.json --data data/iij-fy2018-1h/report.json --out /tmp/pack.xlsx", "Build without a config"),
      async (args) => {
        // Loaded on demand: `tieout --help` should not pay for the pipeline.
        const { runBuild } = await import("./commands/build.js");
        code = await runBuild(args);
        if (args.watch) {
          const { watchBuild } = await import("./commands/watch.js");
          await watchBuild(args);
        }
      },
    )
    .command(
      "check <files..>",
      "Recompute workbooks from their own formulas and say whether they still tie out",
      (y) =>
        y
          .positional("files", { type: "string", array: true, demandOption: true, describe: ".xlsx files" })
          .option("json", { type: "boolean", default: false, describe: "Print one JSON result per workbook" })
          .example("$0 check out/iij-fy2018-1h.xlsx", "Exit 0 when every cached value, check and published figure holds"),
      async (args) => {
        const { runCheck } = await import("./commands/check.js");
        code = await runCheck({ files: args.files, json: args.json });
      },
    )
    .command(
      "corpus <dir>",
      "Measure the engine on a folder of workbooks saved by Excel: files refused, formula cells evaluated, agreeing with Excel's cached values, stale, unsupported",
      (y) =>
        y
          .positional("dir", { type: "string", demandOption: true, describe: "Folder of .xlsx/.xlsm files (searched recursively)" })
          .option("json", { type: "boolean", default: false, describe: "Print the figures as one JSON object" })
          .option("cells", { type: "boolean", default: false, describe: "Also list every stale and unsupported cell" })
          .example("$0 corpus test/fixtures/excel-corpus", "The figures the README states"),
      async (args) => {
        const { runCorpus } = await import("./commands/corpus.js");
        code = await runCorpus({ dir: args.dir, json: args.json, cells: args.cells });
      },
    )
    .command(
      "list",
      "Show each report of the config and whether it is up to date",
      (y) =>
        y
          .option("config", { type: "string", default: "tieout.config.json", describe: "Project config listing the reports" })
          .option("json", { type: "boolean", default: false, describe: "One JSON line per report" }),
      async (args) => {
        const { runList } = await import("./commands/list.js");
        code = await runList(args);
      },
    )
    .command(
      "init [folder]",
      "Start a new report that builds and ties out at once: config entry, report.json, a data file, a one-sheet template",
      (y) =>
        y
          .positional("folder", { type: "string", default: ".", describe: "Folder to write it in (nothing there is overwritten)" })
          .option("name", { type: "string", default: "example", describe: "The report's name in the config" })
          .option("unit", { type: "string", default: "USD millions", describe: "The unit of its figures: a currency and a scale" })
          .option("company", { type: "string", default: "Example Inc.", describe: "The company's name" })
          .option("from-xbrl", { type: "string", describe: "Read the statements from this XBRL filing's folder (instance, schema, linkbases)" })
          .example("$0 init reports/acme --name acme-10k --unit \"USD millions\" --company \"Acme Corp.\"", "Then: cd reports/acme && tieout build"),
      async (args) => {
        const { initFromXbrl, initReport } = await import("./commands/init.js");
        const written = args.fromXbrl
          ? initFromXbrl({ folder: args.folder, name: args.name, company: args.company, filing: args.fromXbrl })
          : initReport({ folder: args.folder, name: args.name, unit: args.unit, company: args.company });
        for (const file of written) process.stdout.write(`${file}\n`);
        process.stdout.write("next: tieout build (in that folder)\n");
      },
    )
    .command(
      "schemas",
      "Write the JSON Schemas of data files, templates and the config (for editor autocompletion)",
      (y) => y.option("out", { type: "string", default: "schemas", describe: "Folder to write them to" }),
      async (args) => {
        const { writeSchemas } = await import("./commands/schemas.js");
        for (const file of writeSchemas(args.out)) process.stdout.write(`${file}\n`);
      },
    )
    .demandCommand(1, `Name a command: ${COMMANDS.join(", ")}`)
    .strict()
    .help()
    .version(packageVersion())
    .fail((message, error) => {
      if (error) throw error;
      process.stderr.write(`tieout: ${message}\nRun 'tieout --help' for usage.\n`);
      code = EXIT.input;
    })
    .parseAsync();
  return code;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line and an exit code, whatever went wrong (a stack only with TIEOUT_DEBUG=1).
    const { message, exitCode } = describeError(error);
    process.stderr.write(`tieout: ${message}\n`);
    process.exitCode = exitCode;
  },
);

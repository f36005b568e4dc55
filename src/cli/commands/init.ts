import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { loadFiling } from "../../data/xbrl/filing.js";
import { readXbrlSource } from "../../data/xbrl/source.js";
import { reportOfFiling, sheetsOfFiling } from "../../template/from-xbrl.js";
import { currencyOf, parseUnit, unit as unitSchema } from "../../data/unit.js";
import { InputError } from "../../errors.js";
import { writeFileAtomic } from "../../workbook/atomic.js";
import { loadConfig } from "../../build/config.js";
import { writeSchemas } from "./schemas.js";

export interface InitArgs {
  folder: string;
  name: string;
  /** The unit of the example's figures: `USD millions`. */
  unit: string;
  company: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A new report that builds and ties out at once, to start from: the project config,
 * a report file binding the template's roles to two fiscal years, one data file (an
 * income statement whose totals are printed, so the workbook must reproduce them, and
 * a printed YoY %), and a one-sheet template (the statement, a summary of margins, and
 * a check). Nothing is overwritten: a file that is already there stops it.
 */
export function initReport(args: InitArgs): string[] {
  const folder = resolve(args.folder);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(args.name)) throw new InputError(`--name ${args.name} is not a report name`, { hint: "letters, digits, . _ - (example-10k)" });
  const unitCheck = unitSchema.safeParse(args.unit);
  if (!unitCheck.success) throw new InputError(`--unit "${args.unit}": ${unitCheck.error.issues[0]!.message}`, { hint: "a currency unit such as USD millions, EUR thousands, JPY millions" });
  const parts = parseUnit(args.unit);
  if (!("kind" in parts) || parts.kind !== "quantity" || parts.per !== undefined || !currencyOf(args.unit)) {
    throw new InputError(`--unit "${args.unit}" is not an amount of a currency`, { hint: "an ISO 4217 currency and a scale: USD millions, EUR thousands, JPY millions" });
  }

  const entry = { name: args.name, template: `templates/${args.name}/template.json`, data: `data/${args.name}/report.json`, output: `out/${args.name}.xlsx` };
  const files: Record<string, string> = {
    [`data/${args.name}/report.json`]: json(reportFile(args)),
    [`data/${args.name}/income-statement.json`]: json(dataFile(args.unit)),
    [`templates/${args.name}/template.json`]: json({ $schema: "../../schemas/template.schema.json", title: `${args.company}: annual results`, sheets: ["income-statement.json"] }),
    [`templates/${args.name}/income-statement.json`]: json(sheetFile(args.unit)),
  };
  return writeNew(folder, files, entry);
}

/** Writes a new report's files and its config entry; a file already there stops it before anything is written. */
function writeNew(folder: string, files: Record<string, string>, entry: { name: string; template: string; data: string; output: string }): string[] {
  for (const name of Object.keys(files)) {
    if (existsSync(join(folder, name))) throw new InputError(`${join(folder, name)} already exists; init writes a new report and overwrites nothing`, { hint: "an empty folder, or another --name" });
  }
  files["tieout.config.json"] = configWith(join(folder, "tieout.config.json"), entry);
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
    written.push(path);
  }
  // The JSON Schemas the files name, for editors; ones already there (another report's) are left as they are.
  if (!existsSync(join(folder, "schemas"))) written.push(...writeSchemas(join(folder, "schemas")));
  return written.map((f) => relative(process.cwd(), f) || f);
}

export interface InitXbrlArgs {
  folder: string;
  name: string;
  company: string;
  /** The filing's folder: instance, schema and linkbases. */
  filing: string;
}

/**
 * A report read from an XBRL filing, to edit from there: a sheet per primary
 * statement in the filing's presentation order with its labels, each total of its
 * calculation linkbase a formula of its parts (and compared with the total the filing
 * reports), a summary with YoY %, and the checks every set of statements should pass.
 * The template names periods by role only, so the next filing builds with it too.
 */
export function initFromXbrl(args: InitXbrlArgs): string[] {
  const folder = resolve(args.folder);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(args.name)) throw new InputError(`--name ${args.name} is not a report name`, { hint: "letters, digits, . _ - (example-10k)" });
  const filingFolder = resolve(args.filing);
  const filing = loadFiling(filingFolder);
  const report = reportOfFiling(filing);
  if (!report.statements.is) throw new InputError(`the filing in ${args.filing} presents no income statement (a Statement role titled ...STATEMENTS OF OPERATIONS or ...OF INCOME)`, { file: filingFolder, hint: "a 10-K or 10-Q filing folder" });
  const dataDir = join(folder, "data", args.name);
  const sourceName = `${args.name}.xbrl.json`;
  const source = {
    $schema: "../../schemas/xbrl-source.schema.json",
    filing: relative(dataDir, filingFolder).split("\\").join("/"),
    source: `XBRL filing ${basename(filing.instance.file)}`,
    scale: "millions",
    shares_scale: "thousands",
    statements: Object.fromEntries(Object.entries(report.statements).map(([id, uri]) => [id, { role: uri.split("/").pop()! }])),
  };
  const sourcePath = join(dataDir, sourceName);
  const data = readXbrlSource(sourcePath, report.periods, source);
  const sheets = sheetsOfFiling(data, report);
  const entry = { name: args.name, template: `templates/${args.name}/template.json`, data: `data/${args.name}/report.json`, output: `out/${args.name}.xlsx` };
  const files: Record<string, string> = {
    [`data/${args.name}/report.json`]: json({
      $schema: "../../schemas/report.schema.json",
      company: args.company,
      title: `${args.company}: ${report.periods[report.roles.current!]!.label}`,
      released: report.periods[report.roles.current!]!.end,
      source: `SEC EDGAR XBRL filing: ${basename(filing.instance.file)}`,
      periods: report.periods,
      roles: report.roles,
      files: [sourceName],
    }),
    [`data/${args.name}/${sourceName}`]: json(source),
    [`templates/${args.name}/template.json`]: json({ $schema: "../../schemas/template.schema.json", title: `${args.company}: financial statements`, sheets: sheets.map((s) => s.file) }),
  };
  for (const s of sheets) files[`templates/${args.name}/${s.file}`] = json(s.sheet);
  return writeNew(folder, files, entry);
}

/** The project config with the new report's entry: a new config, or the one there with the entry added. */
function configWith(file: string, entry: { name: string; template: string; data: string; output: string }): string {
  if (!existsSync(file)) return json({ $schema: "./schemas/config.schema.json", reports: [entry] });
  // Validated first, so that a broken config is reported as such rather than rewritten.
  if (loadConfig(file).some((r) => r.name === entry.name)) throw new InputError(`the config already has a report named "${entry.name}"`, { file, hint: "another --name" });
  const config = JSON.parse(readFileSync(file, "utf8")) as { reports: unknown[] };
  config.reports.push(entry);
  return json(config);
}

function reportFile(args: InitArgs): unknown {
  return {
    $schema: "../../schemas/report.schema.json",
    company: args.company,
    title: `${args.company}: results for the fiscal year ended December 31, 2024`,
    released: "2025-02-14",
    source: "Replace with the document the figures are typed from (its title, date and address).",
    periods: {
      FY2023: { label: "Fiscal year ended December 31, 2023", kind: "duration", start: "2023-01-01", end: "2023-12-31" },
      FY2024: { label: "Fiscal year ended December 31, 2024", kind: "duration", start: "2024-01-01", end: "2024-12-31" },
    },
    roles: { current: "FY2024", prior: "FY2023" },
    files: ["income-statement.json"],
  };
}

/** Example figures: they add up, and the printed totals and YoY % are what the template's formulas give. */
function dataFile(unit: string): unknown {
  const line = (label: string, fy2023: number, fy2024: number, total = false): unknown => ({ label, ...(total && { total: true }), values: { FY2023: fy2023, FY2024: fy2024 } });
  return {
    $schema: "../../schemas/data.schema.json",
    statements: {
      is: {
        title: "Consolidated statements of operations",
        source: "Replace with the statement's place in the document (page, table)",
        unit,
        periods: ["FY2023", "FY2024"],
        items: {
          rev_products: line("Products", 820, 905),
          rev_services: line("Services", 380, 455),
          rev_total: line("Total net sales", 1200, 1360, true),
          cost_of_sales: line("Cost of sales", 690, 760),
          rnd: line("Research and development", 140, 160),
          sga: line("Selling, general and administrative", 190, 205),
          opex_total: line("Total operating expenses", 330, 365, true),
          operating_income: line("Operating income", 180, 235, true),
        },
      },
    },
    published: [
      {
        id: "rev_total_yoy",
        label: "Total net sales: change from the prior year",
        source: "Replace with where the document prints it",
        period: "FY2024",
        printed: "13.3",
        unit: "percent",
        measures: "is.rev_total@yoy_pct",
        tolerance: { kind: "rounding", reason: "printed to one decimal" },
      },
    ],
  };
}

function sheetFile(unit: string): unknown {
  return {
    $schema: "../../schemas/sheet.schema.json",
    id: "is",
    name: "Income Statement",
    title: "Consolidated statements of operations, {prior} and {current}",
    unit,
    statements: ["is"],
    columns: [{ role: "prior" }, { role: "current" }, { id: "yoy_pct", header: "YoY %", formula: 'IF(@prior=0,"",(@current-@prior)/@prior)', format: "percent" }],
    rows: [
      { heading: "Net sales" },
      { id: "rev_products", label: "Products", indent: 1 },
      { id: "rev_services", label: "Services", indent: 1 },
      { id: "rev_total", label: "Total net sales", formula: "SUM(rev_products:rev_services)", style: "total", name: "Revenue" },
      { id: "cost_of_sales", label: "Cost of sales" },
      { id: "gross_margin", label: "Gross margin", formula: "rev_total - cost_of_sales", style: "subtotal" },
      { heading: "Operating expenses" },
      { id: "rnd", label: "Research and development", indent: 1 },
      { id: "sga", label: "Selling, general and administrative", indent: 1 },
      { id: "opex_total", label: "Total operating expenses", formula: "SUM(rnd:sga)", style: "subtotal" },
      { id: "operating_income", label: "Operating income", formula: "gross_margin - opex_total", style: "total", name: "OperatingIncome" },
      { heading: "Summary" },
      { id: "gross_margin_pct", label: "Gross margin, % of net sales", formula: "gross_margin / rev_total", format: "percent", style: "memo", skip: ["yoy_pct"] },
      { id: "operating_margin_pct", label: "Operating margin, % of net sales", formula: "operating_income / rev_total", format: "percent", style: "memo", skip: ["yoy_pct"] },
    ],
    checks: [
      {
        id: "oi_from_parts",
        label: "Operating income = net sales − cost of sales − operating expenses",
        lhs: "operating_income",
        rhs: "rev_total - cost_of_sales - rnd - sga",
        periods: ["prior", "current"],
      },
    ],
  };
}

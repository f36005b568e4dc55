import { dirname, resolve } from "node:path";
import { DataError } from "../errors.js";
import { readCsvData } from "./csv/statement.js";
import { readJson } from "./json.js";
import { isXbrlSourceFile } from "./xbrl/source-mapping.js";
import { readXbrlSource, xbrlDataFile } from "./xbrl/source.js";
import { bindingProblem, candidates } from "./role.js";
import { report, type Item, type Period, type Published, type ReportFile, type Statement } from "./schema.js";
import { validate } from "./validate.js";
import { fastDataFile } from "./values.js";

export interface LoadedStatement extends Statement {
  id: string;
  /** The data file it was read from, for messages. */
  file: string;
  /** The same file as the report lists it: what the workbook names, the same on every machine. */
  listed: string;
}

export interface LoadedPublished extends Published {
  file: string;
  /** The data file as the report lists it. */
  listed: string;
  /** Index in the file's `published` array, for error paths. */
  index: number;
}

export interface ReportData {
  /** The report file (`report.json`). */
  file: string;
  meta: Omit<ReportFile, "periods" | "roles" | "files" | "$schema">;
  periods: Record<string, Period>;
  /** Role → period id: what the template's role columns stand for in this report. */
  roles: Map<string, string>;
  statements: Map<string, LoadedStatement>;
  published: LoadedPublished[];
  /** Every file read, report file first: their hashes decide whether a build is up to date. */
  files: string[];
}

/** Reads a report's data: its report file and every data file it lists. */
export function loadReportData(reportFile: string): ReportData {
  const file = resolve(reportFile);
  const meta = validate(report, readJson(file), reportFile);
  const periods = meta.periods;
  const roles = checkRoles(meta, reportFile);
  const statements = new Map<string, LoadedStatement>();
  const published: LoadedPublished[] = [];
  const publishedIds = new Map<string, string>();
  const files = [file];

  for (const name of meta.files) {
    const dataPath = resolve(dirname(file), name);
    files.push(dataPath);
    // A CSV export is read with the mapping beside it; what its statement's layout gets wrong is the mapping's.
    const csv = /\.csv$/i.test(name) ? readCsvData(dataPath) : undefined;
    if (csv) files.push(csv.mappingFile);
    // An XBRL source names a filing: its statements are read from there, and the filing's files are inputs of the build.
    const xbrl = isXbrlSourceFile(name) ? readXbrlSource(dataPath, periods) : undefined;
    if (xbrl) files.push(...xbrl.filing.files);
    const data = validate(fastDataFile(), csv ? csv.data : xbrl ? xbrlDataFile(xbrl) : readJson(dataPath), csv?.mappingFile ?? dataPath);
    for (const [id, s] of Object.entries(data.statements ?? {})) {
      const earlier = statements.get(id);
      if (earlier) {
        throw new DataError(`statement "${id}" is defined twice`, {
          file: dataPath,
          path: `$.statements.${id}`,
          hint: `one definition (the other is in ${earlier.file})`,
        });
      }
      checkStatement(id, s, periods, csv?.mappingFile ?? dataPath);
      statements.set(id, { ...s, id, file: dataPath, listed: name });
    }
    (data.published ?? []).forEach((p, index) => {
      const earlier = publishedIds.get(p.id);
      if (earlier) {
        throw new DataError(`published figure "${p.id}" is defined twice`, {
          file: dataPath,
          path: `$.published[${index}].id`,
          hint: `unique ids (the other is in ${earlier})`,
        });
      }
      publishedIds.set(p.id, dataPath);
      if (!Object.hasOwn(periods, p.period)) throw unknownPeriod(p.period, periods, dataPath, `$.published[${index}].period`);
      published.push({ ...p, file: dataPath, listed: name, index });
    });
  }
  const { periods: _p, roles: _r, files: _f, $schema: _s, ...rest } = meta;
  return { file, meta: rest, periods, roles, statements, published, files };
}

/** Each role is bound to a period of the report whose dates fit what the role means. */
function checkRoles(meta: ReportFile, file: string): Map<string, string> {
  const roles = new Map(Object.entries(meta.roles ?? {}));
  const binding = { roles, periods: meta.periods };
  for (const [role, id] of roles) {
    const path = `$.roles.${role}`;
    if (!Object.hasOwn(meta.periods, id)) throw unknownPeriod(id, meta.periods, file, path);
    const problem = bindingProblem(role, id, binding);
    if (problem) {
      const fits = candidates(role, binding);
      throw new DataError(problem, { file, path, hint: fits.length ? `"${role}": ${fits.map((f) => `"${f}"`).join(" or ")}` : `a period of the report whose dates fit (add one to "periods")` });
    }
  }
  return roles;
}

/** Every item has a value (or an explicit null) for each of the statement's periods, and no other. */
function checkStatement(id: string, s: Statement, periods: Record<string, Period>, file: string): void {
  s.periods.forEach((p, i) => {
    if (!Object.hasOwn(periods, p)) throw unknownPeriod(p, periods, file, `$.statements.${id}.periods[${i}]`);
  });
  const own = new Set(s.periods);
  // Not Object.entries: on a hundred thousand items, the pairs it builds cost more than the checks.
  for (const itemId of Object.keys(s.items)) {
    const item = s.items[itemId]!;
    if (!hasExactly(item.values, own)) valuesProblem(item, s, file, `$.statements.${id}.items.${itemId}`);
    if (item.part_of !== undefined && !Object.hasOwn(s.items, item.part_of)) {
      throw new DataError(`part_of names "${item.part_of}", which is not an item of this statement`, {
        file,
        path: `$.statements.${id}.items.${itemId}.part_of`,
        hint: `one of ${Object.keys(s.items).join(", ")}`,
      });
    }
  }
}

/** Whether the values are keyed by exactly these periods: the question a million figures ask, answered without a list per item. */
function hasExactly(values: Item["values"], periods: ReadonlySet<string>): boolean {
  let count = 0;
  for (const p in values) {
    if (!periods.has(p)) return false;
    count++;
  }
  return count === periods.size;
}

/** The first period missing from an item's values, or the first that is not the statement's, as an error. */
function valuesProblem(item: Item, s: Statement, file: string, path: string): never {
  for (const p of s.periods) {
    if (!Object.hasOwn(item.values, p)) {
      throw new DataError(`no value for period ${p}`, {
        file,
        path: `${path}.values`,
        hint: `a value for each of ${s.periods.join(", ")} (null when the line is not presented)`,
      });
    }
  }
  const extra = Object.keys(item.values).find((p) => !s.periods.includes(p));
  throw new DataError(`period ${extra} is not one of the statement's periods`, {
    file,
    path: `${path}.values["${extra}"]`,
    hint: s.periods.join(", "),
  });
}

function unknownPeriod(p: string, periods: Record<string, Period>, file: string, path: string): DataError {
  return new DataError(`unknown period "${p}"`, { file, path, hint: `a period of the report file: ${Object.keys(periods).join(", ")}` });
}

import { candidates, trailingRoles } from "../data/role.js";
import { TemplateError } from "../errors.js";
import { MAX_COLUMNS, MAX_ROWS } from "./a1.js";
import type { LoadedSheet, Template } from "./load.js";
import { fillText, NO_BINDING, type PeriodBinding } from "./placeholders.js";
import type { Column, Heading, Row } from "./schema.js";
import { didYouMean } from "./suggest.js";

export type { PeriodBinding } from "./placeholders.js";

/** Where things sit on every template sheet: fixed rows on top, labels in column A. */
export const TITLE_ROW = 1;
export const STATUS_ROW = 2;
export const HEADER_ROW = 4;
export const FIRST_ROW = 5;
export const LABEL_COLUMN = 1;
export const FIRST_VALUE_COLUMN = 2;

export type ColumnKind = "period" | "derived" | "comparison";

export interface LaidColumn {
  /** What formulas, skip lists and checks call it: its role (`prior`), its period id (a fixed column) or its own id (`yoy_pct`). */
  id: string;
  col: number;
  kind: ColumnKind;
  /** Period columns and derived period columns: the role, when the template names one, and the period it is bound to. */
  role?: string;
  period?: string;
  header: string;
  spec: Column;
  /** Where the column is declared, for messages: `$.columns[2]`. */
  path: string;
}

export interface LaidRow {
  row: number;
  spec: Row | Heading;
}

/** A sheet whose statement lines have been made rows (lines.ts): what is laid out. */
export type LaidSheet = Omit<LoadedSheet, "rows"> & { rows: Array<Heading | Row> };

export interface SheetLayout {
  sheet: LaidSheet;
  rows: LaidRow[];
  rowOf: Map<string, number>;
  columns: LaidColumn[];
  columnOf: Map<string, LaidColumn>;
  /** Period columns by the period they show: a data file's `@1H18` finds the column of role `current`. */
  columnOfPeriod: Map<string, LaidColumn>;
}

export interface Layout {
  sheets: SheetLayout[];
  byId: Map<string, SheetLayout>;
  binding: PeriodBinding;
}

/**
 * Positions every row and column of every sheet; formulas are compiled against this.
 * Role columns are bound to the report's periods here, trailing columns spread out,
 * and every text the template writes has its `{role}` placeholders filled in.
 */
export function layOut(template: Template, binding: PeriodBinding = NO_BINDING): Layout {
  const sheets = template.sheets.map((s) => layOutSheet(fillSheet(s, binding), binding));
  return { sheets, byId: new Map(sheets.map((s) => [s.sheet.id, s])), binding };
}

/**
 * The column a formula, skip list or check names on a sheet: by its id (a role, a
 * comparison column, a fixed period), else by the period it shows (a data file names
 * periods: `@1H18`), else by the period a role is bound to.
 */
export function columnNamed(sheet: SheetLayout, name: string, binding: PeriodBinding): LaidColumn | undefined {
  return sheet.columnOf.get(name) ?? sheet.columnOfPeriod.get(name) ?? sheet.columnOfPeriod.get(binding.roles.get(name) ?? "");
}

/** The sheet with its titles, labels and chart texts filled in for this report's periods. */
function fillSheet(sheet: LoadedSheet, binding: PeriodBinding): LaidSheet {
  const file = sheet.file;
  const fill = (text: string, path: string): string => fillText(text, binding, { file, path });
  return {
    ...sheet,
    title: fill(sheet.title, "$.title"),
    // A row whose text has no placeholder is kept as it is: a large report has a hundred thousand.
    rows: sheet.rows.map((r, i) => {
      if ("lines" in r) throw new TemplateError(`the statement lines of "${r.lines}" were not made rows`, { file, path: `$.rows[${i}]`, hint: "build the report with its data (buildModel expands statement lines)" });
      const text = "heading" in r ? r.heading : r.label;
      if (!text.includes("{")) return r;
      return "heading" in r ? { heading: fill(r.heading, `$.rows[${i}].heading`) } : { ...r, label: fill(r.label, `$.rows[${i}].label`) };
    }),
    checks: sheet.checks.map((c, i) => ({ ...c, label: fill(c.label, `$.checks[${i}].label`), ...(c.reason !== undefined && { reason: fill(c.reason, `$.checks[${i}].reason`) }) })),
    ...(sheet.charts && {
      charts: sheet.charts.map((c, i) => ({
        ...c,
        title: fill(c.title, `$.charts[${i}].title`),
        series: c.series.map((s, j) => (s.name === undefined ? s : { ...s, name: fill(s.name, `$.charts[${i}].series[${j}].name`) })),
      })),
    }),
  };
}

function layOutSheet(sheet: LaidSheet, binding: PeriodBinding): SheetLayout {
  const file = sheet.file;
  const columns: LaidColumn[] = [];
  const add = (c: Omit<LaidColumn, "col">): void => void columns.push({ ...c, col: FIRST_VALUE_COLUMN + columns.length });
  sheet.columns.forEach((spec, i) => {
    const path = `$.columns[${i}]`;
    if ("trailing" in spec) {
      const roles = trailingRoles(spec.role, spec.trailing, spec.step);
      if (!roles) throw new TemplateError(`trailing columns end with a role of its own (current, quarter…), not "${spec.role}"`, { file, path: `${path}.role`, hint: "a role without _prior or _lag" });
      for (const role of roles) {
        const period = bound(role, binding, file, `${path}.role`);
        add({ id: role, kind: "period", role, period, header: fillText(spec.header ?? "{period}", binding, { file, path: `${path}.header` }, period), spec, path });
      }
    } else if ("role" in spec) {
      const period = bound(spec.role, binding, file, `${path}.role`);
      const header = fillText(spec.header ?? "{period}", binding, { file, path: `${path}.header` }, period);
      add({ id: spec.role, kind: spec.inputs ? "derived" : "period", role: spec.role, period, header, spec, path });
    } else if ("period" in spec) {
      const header = fillText(spec.header ?? spec.period, binding, { file, path: `${path}.header` }, spec.period);
      add({ id: spec.period, kind: spec.inputs ? "derived" : "period", period: spec.period, header, spec, path });
    } else {
      add({ id: spec.id, kind: "comparison", header: fillText(spec.header, binding, { file, path: `${path}.header` }), spec, path });
    }
  });
  const lastRow = FIRST_ROW + sheet.rows.length - 1;
  if (lastRow > MAX_ROWS) {
    throw new TemplateError(`the sheet needs ${lastRow} rows; Excel allows ${MAX_ROWS}`, { file, path: "$.rows", hint: "fewer rows, or split the sheet" });
  }
  const lastColumn = FIRST_VALUE_COLUMN + columns.length - 1;
  if (lastColumn > MAX_COLUMNS) {
    throw new TemplateError(`the sheet needs ${lastColumn} columns; Excel allows ${MAX_COLUMNS}`, { file, path: "$.columns", hint: "fewer columns" });
  }
  const columnOf = new Map<string, LaidColumn>();
  const columnOfPeriod = new Map<string, LaidColumn>();
  for (const c of columns) {
    if (columnOf.has(c.id)) throw new TemplateError(`column "${c.id}" appears twice`, { file, path: c.path, hint: "unique column ids (a role, a period or an id once per sheet)" });
    columnOf.set(c.id, c);
    if (c.period === undefined) continue;
    const other = columnOfPeriod.get(c.period);
    if (other) {
      throw new TemplateError(`columns "${other.id}" and "${c.id}" both show period ${c.period}`, { file, path: c.path, hint: "one column per period on a sheet (report.json binds both roles to the same period)" });
    }
    columnOfPeriod.set(c.period, c);
  }
  const laid: SheetLayout = { sheet, rows: [], rowOf: new Map(), columns, columnOf, columnOfPeriod };
  laid.rows = sheet.rows.map((spec, i) => ({ row: FIRST_ROW + i, spec: "id" in spec ? byColumnIds(laid, spec, binding, `$.rows[${i}]`) : spec }));
  for (const r of laid.rows) if ("id" in r.spec) laid.rowOf.set(r.spec.id, r.row);
  return laid;
}

/** A row's skip list and column formulas keyed by column ids, whether they name roles or periods; an unknown column is an error. */
function byColumnIds(sheet: SheetLayout, spec: Row, binding: PeriodBinding, path: string): Row {
  if (!spec.skip && !spec.column_formulas) return spec;
  const id = (name: string, at: string): string => {
    const column = columnNamed(sheet, name, binding);
    if (!column) {
      throw new TemplateError(`row "${spec.id}" names column "${name}", which the sheet does not have${didYouMean(name, sheet.columnOf.keys())}`, { file: sheet.sheet.file, path: at, hint: `a column of the sheet: ${[...sheet.columnOf.keys()].join(", ")}` });
    }
    return column.id;
  };
  const out: Row = { ...spec };
  if (spec.skip) out.skip = spec.skip.map((s, j) => id(s, `${path}.skip[${j}]`));
  if (spec.column_formulas) out.column_formulas = Object.fromEntries(Object.entries(spec.column_formulas).map(([k, f]) => [id(k, `${path}.column_formulas.${k}`), f]));
  return out;
}

/** The period a role column shows in this report: report.json must bind it. */
function bound(role: string, binding: PeriodBinding, file: string, path: string): string {
  const period = binding.roles.get(role);
  if (period !== undefined) return period;
  const fits = binding.roles.size > 0 ? candidates(role, binding) : [];
  throw new TemplateError(`role "${role}" is not bound to a period in report.json`, {
    file,
    path,
    hint: `"roles": { …, "${role}": ${fits.length ? fits.map((f) => `"${f}"`).join(" or ") : `"<period id>"`} } in report.json`,
  });
}

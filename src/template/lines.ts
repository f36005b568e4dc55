import type { LoadedStatement } from "../data/load.js";
import { TemplateError } from "../errors.js";
import type { LoadedSheet, Template } from "./load.js";
import type { Heading, Lines, Row } from "./schema.js";
import { didYouMean } from "./suggest.js";

const TERM = /[a-z_][a-z0-9_]*/g;

/**
 * A template's statement-line rows made rows, from the report's data: each line of the
 * statement in the source's order; a line the source states as a total gets the
 * source's own arithmetic as its formula (so the workbook recomputes it and the
 * filing's figure is compared with it), a line no total adds up is a memo. This is
 * what lets one template build every year of a filing whose statements gain or drop
 * lines: the rows are the filing's, the sheet's columns, checks and charts the
 * template's.
 */
export function withStatementLines(template: Template, statements: ReadonlyMap<string, LoadedStatement>): Template {
  if (!template.sheets.some((s) => s.rows.some((r) => "lines" in r))) return template;
  return { ...template, sheets: template.sheets.map((s) => (s.rows.some((r) => "lines" in r) ? expandSheet(s, statements) : s)) };
}

function expandSheet(sheet: LoadedSheet, statements: ReadonlyMap<string, LoadedStatement>): LoadedSheet {
  const rows: Array<Heading | Row> = [];
  // A statement whose lines are shown is one of the sheet's, whether or not the template lists it (an optional one cannot be listed).
  const listed = [...sheet.statements];
  sheet.rows.forEach((r, i) => {
    if (!("lines" in r)) return void rows.push(r);
    const statement = statements.get(r.lines);
    if (!statement && r.optional) return;
    if (!statement) {
      throw new TemplateError(`no data statement "${r.lines}" to take lines from${didYouMean(r.lines, statements.keys())}`, {
        file: sheet.file,
        path: `$.rows[${i}].lines`,
        hint: "a statement id of the report's data files",
      });
    }
    if (!listed.includes(statement.id)) listed.push(statement.id);
    rows.push(...linesOf(statement, r, sheet, `$.rows[${i}]`));
  });
  return { ...sheet, statements: listed, rows };
}

function linesOf(statement: LoadedStatement, spec: Lines, sheet: LoadedSheet, path: string): Row[] {
  const except = new Set(spec.except ?? []);
  for (const id of except) {
    if (!(id in statement.items)) throw new TemplateError(`"${id}" is not a line of statement "${statement.id}"${didYouMean(id, Object.keys(statement.items))}`, { file: sheet.file, path: `${path}.except`, hint: "an item id of the statement" });
  }
  const parts = new Set<string>();
  for (const item of Object.values(statement.items)) for (const t of item.formula?.match(TERM) ?? []) parts.add(t);
  const rows: Row[] = [];
  for (const [id, item] of Object.entries(statement.items)) {
    if (except.has(id)) continue;
    const depth = item.depth ?? 0;
    const row: Row = { id, label: item.label, item: `${statement.id}.${id}` };
    if (item.formula !== undefined) {
      row.formula = item.formula;
      row.style = depth === 0 ? "total" : "subtotal";
    } else if (!parts.has(id)) {
      row.style = "memo";
    }
    const unit = item.unit ?? statement.unit;
    if (unit !== sheet.unit) row.unit = unit;
    if (depth > 0) row.indent = Math.min(depth, 5);
    rows.push(row);
  }
  return rows;
}

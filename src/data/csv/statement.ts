import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import { DataError } from "../../errors.js";
import { readJson } from "../json.js";
import { itemId } from "../schema.js";
import { validate } from "../validate.js";
import { cellFigure, type CellFigure } from "./cell.js";
import { csvMapping, mappingFileOf, type CsvMapping } from "./mapping.js";

/** A CSV statement as a data file holds it, before the loader checks it: what readJson would give for the same statement written as JSON. */
export interface CsvData {
  data: { statements: Record<string, unknown> };
  /** The mapping read beside the CSV: its hash is part of a build's fingerprint too. */
  mappingFile: string;
}

interface Row {
  fields: string[];
  line: number;
}

const where = (line: number, column?: number, header?: string): string =>
  `line ${line}${column === undefined ? "" : `, column ${column}${header ? ` (${header})` : ""}`}`;

/**
 * Reads a statement exported as CSV, with the mapping beside it, into the shape of
 * a data file's statement: one item per line that has figures, values by period.
 * Lines whose period cells are all empty (headings, spacers) are left out. Anything
 * the file or the mapping gets wrong is reported at its line and column.
 */
export function readCsvData(csvFile: string): CsvData {
  const mappingFile = mappingFileOf(csvFile);
  if (!existsSync(mappingFile)) {
    throw new DataError(`no mapping for this CSV file`, { file: csvFile, hint: `${basename(mappingFile)} beside it: which columns hold the item, its label and each period, and the statement's title, source and unit` });
  }
  const mapping = validate(csvMapping, readJson(mappingFile, DataError, "double"), mappingFile);
  const rows = parseRows(csvFile, mapping);
  const headerRow = rows.find((r) => r.line === mapping.header);
  if (!headerRow) throw new DataError(`the file has no line ${mapping.header} to read the headers from`, { file: csvFile, hint: "the header line the mapping names (`header`)" });
  const headers = headerRow.fields.map((h) => h.trim());
  const columnOf = (header: string, what: string): number => {
    const i = headers.indexOf(header);
    if (i < 0) throw new DataError(`no column is headed "${header}" (${what})`, { file: csvFile, path: where(headerRow.line), hint: `one of the headers ${headers.map((h) => JSON.stringify(h)).join(", ")}, or a mapping that names them` });
    return i;
  };
  const labelColumn = columnOf(mapping.columns.label, "the mapping's columns.label");
  const idColumn = mapping.columns.id === undefined ? undefined : columnOf(mapping.columns.id, "the mapping's columns.id");
  const periods = Object.entries(mapping.columns.periods).map(([header, period]) => ({ header, period, column: columnOf(header, `period ${period}`) }));
  if (idColumn === undefined && mapping.items === undefined) {
    throw new DataError("the mapping names neither an id column nor the items' ids by label", { file: mappingFile, path: "$.columns", hint: 'columns.id, or items: { "Total revenues": "rev_total" }' });
  }

  const items: Record<string, Record<string, unknown>> = {};
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.line <= mapping.header) continue;
    const values: Record<string, CellFigure> = {};
    let any = false;
    for (const p of periods) {
      const figure = cellFigure(row.fields[p.column] ?? "", mapping.numbers, mapping.scale);
      if (figure !== null && typeof figure === "object" && "problem" in figure) {
        throw new DataError(figure.problem, { file: csvFile, path: where(row.line, p.column + 1, p.header), hint: "a number such as 1,234, (1,234) or -1,234; a dash or an empty cell for none" });
      }
      values[p.period] = figure;
      if (figure !== null) any = true;
    }
    const label = (row.fields[labelColumn] ?? "").trim();
    if (!any) continue;
    const id = idColumn === undefined ? mapping.items?.[label] : (row.fields[idColumn] ?? "").trim();
    const idAt = where(row.line, (idColumn ?? labelColumn) + 1, idColumn === undefined ? mapping.columns.label : mapping.columns.id);
    if (id === undefined) {
      throw new DataError(`the line "${label}" has figures but the mapping gives it no item id`, { file: csvFile, path: idAt, hint: `an entry "${label}": "some_id" in the mapping's items (${basename(mappingFile)})` });
    }
    if (!itemId.safeParse(id).success) throw new DataError(`"${id}" is not an item id`, { file: csvFile, path: idAt, hint: "lower-case letters, digits and _, starting with a letter" });
    const earlier = seen.get(id);
    if (earlier !== undefined) throw new DataError(`item "${id}" is given twice (first on line ${earlier})`, { file: csvFile, path: idAt, hint: "one line per item" });
    seen.set(id, row.line);
    if (!label) throw new DataError(`the line of item "${id}" has no label`, { file: csvFile, path: where(row.line, labelColumn + 1, mapping.columns.label), hint: "the line's label as printed" });
    items[id] = { label, values, ...mapping.lines?.[id] };
  }
  for (const id of Object.keys(mapping.lines ?? {})) {
    if (!Object.hasOwn(items, id)) throw new DataError(`lines names "${id}", which no line of the CSV has`, { file: mappingFile, path: `$.lines.${id}`, hint: `an item of ${basename(csvFile)}: ${Object.keys(items).join(", ")}` });
  }
  const statement = {
    title: mapping.title,
    source: mapping.source,
    unit: mapping.unit,
    periods: periods.map((p) => p.period),
    items,
  };
  return { data: { statements: { [mapping.statement]: statement } }, mappingFile };
}

/** The file's lines as fields, each with its line number; malformed CSV is reported where csv-parse found it. */
function parseRows(csvFile: string, mapping: CsvMapping): Row[] {
  let text: string;
  try {
    text = readFileSync(csvFile, "utf8");
  } catch (e) {
    throw new DataError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: csvFile, hint: "a CSV export of a statement" });
  }
  try {
    const records = parse(text, { bom: true, delimiter: mapping.delimiter, info: true, skip_empty_lines: true, from_line: mapping.header }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ fields: record, line: info.lines }));
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number; column?: number | string | null };
    if (!err.code) throw e;
    // csv-parse counts the fields a record has so far: the 0-based index of the field it is in, or, once a record of the wrong length is whole, its length.
    const expected = /expect (\d+)/.exec(err.message);
    const got = typeof err.column === "number" ? err.column : undefined;
    const column = got === undefined ? undefined : expected ? Math.min(got, Number(expected[1])) + 1 : got + 1;
    const message = err.message.replace(/\s*(?:at|on) line \d+/, "");
    throw new DataError(`malformed CSV: ${message}`, { file: csvFile, path: where(err.lines ?? 1, column), hint: "comma-separated fields, quoted with \" when they hold the delimiter, a quote or a line break; every line with as many fields as the header" });
  }
}

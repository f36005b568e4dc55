import type { Figure } from "../data/number.js";
import type { LoadedStatement, ReportData } from "../data/load.js";
import type { Tolerance, Unit } from "../data/schema.js";
import { TemplateError, type Where } from "../errors.js";
import { cellAddress } from "../template/a1.js";
import { compile, type CellRef, type CompileContext } from "../template/compile.js";
import { FIRST_VALUE_COLUMN, HEADER_ROW, LABEL_COLUMN, STATUS_ROW, TITLE_ROW, type LaidColumn, type Layout, type SheetLayout } from "../template/layout.js";
import type { Row } from "../template/schema.js";
import { didYouMean } from "../template/suggest.js";
import type { UnitRegistry } from "./quantity.js";
import { Looks, NO_CELLS, rowsOf } from "./row.js";
import type { ModelCell, ModelRow, ModelSheet } from "./types.js";
import { checkResultUnit, inferUnit, type UnitScope } from "./unit-check.js";
import { cellFormat, defaultFormat, eachRangeRow, printFigure, rowUnit, unitIn, unitOf } from "./units.js";
import type { Usage } from "./usage.js";

export { unitOf };

/** What every stage of building the model shares: the layout, the data, the report's units, and what uses which row. */
export interface ModelContext {
  layout: Layout;
  data: ReportData;
  registry: UnitRegistry;
  usage: Usage;
}

/** A figure the release prints that a formula of ours must reproduce. */
export interface PublishedFigure {
  id: string;
  label: string;
  source: string;
  /** The data file that records it, as the report lists it. */
  dataFile: string;
  period: string;
  printed: string;
  unit: Unit;
  /** Our figure, as Excel formula text, and its unit. */
  ours: { formula: string; unit: Unit };
  /** The cell our figure is in (the first one the formula names), for a hyperlink to it. */
  target: string;
  tolerance: Tolerance;
  /** Compiled interval bounds for `rounded_inputs`. */
  interval?: { low: string; high: string };
  where: Where;
}

/** The scope a unit check of a formula runs in: cells' units from the layout. */
export function unitScope(registry: UnitRegistry, where: Where, source: string): UnitScope {
  return { registry, unit: (ref) => unitOf(ref.sheet, ref), eachRow: eachRangeRow, where, source };
}

/** Excel names take letters, digits, _ and .: a period id such as 2023-09-30 has its dashes made underscores. */
const nameSuffix = (id: string): string => id.replace(/[^A-Za-z0-9_.]/g, "_");

/**
 * Lays one template sheet out as cells: labels, inputs taken from the data (each with
 * its source), and formulas compiled per column, each checked for its units. Printed
 * totals found in the data for formula rows become published figures, so every total
 * the release prints is reproduced exactly.
 */
export function buildSheet(ctx: ModelContext, sheet: SheetLayout, masterFlag: string): { sheet: ModelSheet; printedTotals: PublishedFigure[] } {
  const { layout, data, registry, usage } = ctx;
  const s = sheet.sheet;
  const file = s.file;
  const statements = s.statements.map((id, i) => {
    const st = data.statements.get(id);
    if (!st) throw new TemplateError(`unknown statement "${id}"${didYouMean(id, data.statements.keys())}`, { file, path: `$.statements[${i}]`, hint: "a statement of the report's data files" });
    return st;
  });
  const top: ModelCell[] = [];
  const rows: ModelRow[] = [];
  const printedTotals: PublishedFigure[] = [];
  const names: { name: string; ref: string }[] = [];
  const where = (path: string): Where => ({ file, path });
  const looks = new Looks();
  const lastColumn = Math.max(0, ...sheet.columns.map((c) => c.col));
  const sheetUnit = registry.quantity(s.unit);
  if (typeof sheetUnit === "string") throw new TemplateError(sheetUnit, { ...where("$.unit"), hint: `a unit of the template's "units", or one of tieout's own` });

  top.push({ row: TITLE_ROW, col: LABEL_COLUMN, role: "title", value: s.title, where: where("$.title") });
  top.push({ row: STATUS_ROW, col: LABEL_COLUMN, role: "status", formula: masterFlag, where: where("$") });
  top.push({ row: HEADER_ROW, col: LABEL_COLUMN, role: "header", value: s.unit, where: where("$.unit") });
  const columnIds: (string | undefined)[] = [];
  const columnRoles: (string | undefined)[] = [];
  for (const c of sheet.columns) {
    top.push({ row: HEADER_ROW, col: c.col, role: "header", value: c.header, where: where(`$.columns[${c.col - FIRST_VALUE_COLUMN}]`) });
    // The manifest names a period column's figures by the period they are of; the role is beside it.
    columnIds[c.col] = c.period ?? c.id;
    columnRoles[c.col] = c.role;
  }
  rows.push(...rowsOf(top));

  sheet.rows.forEach(({ row, spec }, index) => {
    const path = `$.rows[${index}]`;
    if ("heading" in spec) {
      rows.push({ row, cells: [{ row, col: LABEL_COLUMN, role: "heading", value: spec.heading, where: where(path) }] });
      return;
    }
    // Made for the row's formula cells and odd inputs; the label and bare figures find their place from the row (placeOf).
    let shared: Where | undefined;
    const rowWhere = (): Where => (shared ??= where(path));
    // Filled as the columns are laid out, and kept at the size they end at: most rows of a large report are a label and bare figures.
    const cells: ModelCell[] = [];
    let figures: (Figure | undefined)[] | undefined;
    let inputUnit: Unit | undefined;
    const unit = rowUnit(sheet, spec);
    const declared = registry.quantity(unit);
    if (typeof declared === "string") throw new TemplateError(declared, { ...where(`${path}.unit`), hint: `a unit of the template's "units", or one of tieout's own` });
    const inputFormat = cellFormat(spec.format ?? defaultFormat(unit), unit, where(`${path}.format`));
    const sources = new Set<string>();
    const basis = resolveBasis(layout, sheet, spec, where(`${path}.basis`));
    const items = itemsOf(statements, spec);
    for (const col of Object.keys(spec.column_formulas ?? {})) {
      if (spec.skip?.includes(col)) throw new TemplateError(`column "${col}" is both skipped and given a formula`, { ...where(`${path}.column_formulas.${col}`), hint: "one or the other" });
    }
    for (const column of sheet.columns) {
      if (spec.skip?.includes(column.id)) continue;
      // The cell's own place is text made per cell: made only for formulas, and for inputs only when there is an error to report.
      const whereCell = (): Where => where(`${path} (row "${spec.id}", column "${column.id}")`);
      if (spec.name && column.kind !== "comparison") names.push({ name: `${spec.name}_${nameSuffix(column.period ?? column.id)}`, ref: cellAddress(row, column.col, s.name, true) });
      const cellUnit = unitIn(sheet, column, spec);
      const columnFormat = column.kind === "comparison" && "format" in column.spec ? column.spec.format : undefined;
      const format = columnFormat ? cellFormat(columnFormat, cellUnit, where(`$.columns[${column.col - FIRST_VALUE_COLUMN}].format`)) : cellUnit === unit ? inputFormat : cellFormat(defaultFormat(cellUnit), cellUnit, rowWhere());
      const override = spec.column_formulas?.[column.id];
      const formulaText =
        override ??
        (column.kind === "comparison" && "formula" in column.spec
          ? column.spec.formula
          : spec.formula ?? (column.kind === "derived" && "inputs" in column.spec ? column.spec.inputs : undefined));
      if (formulaText !== undefined) {
        const cellWhere = whereCell();
        const compileCtx: CompileContext = { layout, sheet, home: sheet, column: column.id, basis, where: cellWhere };
        const selfCtx = override !== undefined || (column.kind === "derived" && !spec.formula) ? { ...compileCtx, basis: { sheet, row: spec.id } } : compileCtx;
        const compiled = compile(formulaText, selfCtx);
        const scope = unitScope(registry, cellWhere, formulaText);
        checkResultUnit(inferUnit(compiled.tokens, scope), cellUnit, scope, `row "${spec.id}" (column "${column.id}")`);
        usage.noteTokens(compiled.tokens, { sheet, row });
        const offSheet = compiled.refs.some((r) => r.sheet !== sheet);
        // The cell keeps its row's place: its own, made per cell, would be a string per formula of a large report, for a message that names the cell anyway.
        cells.push({ row, col: column.col, role: offSheet ? "link" : "formula", formula: compiled.text, format, style: spec.style, unit: cellUnit, where: rowWhere() });
        const total = spec.formula || override !== undefined ? printedTotal(items, column) : undefined;
        if (total) printedTotals.push(totalFigure(total, spec, column, sheet, row, cellUnit, cellWhere));
        continue;
      }
      const input = inputValue(items, statements, spec, column, whereCell, unit);
      if (input.value === null) continue; // not presented for this period: a blank cell, as in the release
      sources.add(input.source);
      if (format !== inputFormat || (inputUnit !== undefined && input.unit !== inputUnit)) {
        cells.push({ row, col: column.col, role: "input", value: input.value, format, style: spec.style, unit: input.unit, where: rowWhere() });
        continue;
      }
      // Inputs are kept by the million in a large report: bare, sharing their row's look (see InputLook).
      (figures ??= new Array<Figure | undefined>(lastColumn + 1))[column.col] = input.value;
      inputUnit = input.unit;
    }
    // Every property in the literal, none added after: V8 keeps properties added later in a separate array, an object more per row.
    const source = sources.size > 0 ? [...sources].join("\n") : undefined;
    const look = figures && inputUnit ? looks.of({ format: inputFormat, style: spec.style, unit: inputUnit }) : undefined;
    const label = labelWithUnit(spec.label, unit, s.unit);
    rows.push({ row, id: spec.id, label, source, style: spec.style, indent: spec.indent, cells: cells.length === 0 ? NO_CELLS : [...cells], figures: look && figures, look });
  });

  return {
    sheet: { id: s.id, name: s.name, file, title: s.title, headerRow: HEADER_ROW, firstValueColumn: FIRST_VALUE_COLUMN, rows, columnIds, columnRoles, names },
    printedTotals,
  };
}

/** A row in another unit than its sheet's says so on its label, unless the label already does; a percentage shows it in its format. */
function labelWithUnit(label: string, unit: string, sheetUnit: string): string {
  if (unit === sheetUnit || unit === "percent" || new RegExp(`(^|[^A-Za-z])${unit}([^A-Za-z]|$)`).test(label)) return label;
  return `${label} (${unit})`;
}

function resolveBasis(layout: Layout, sheet: SheetLayout, spec: Row, where: Where): CompileContext["basis"] {
  if (!spec.basis) return { sheet, row: spec.id };
  const [a, b] = spec.basis.split(".");
  const target = b === undefined ? sheet : layout.byId.get(a!);
  const rowId = b ?? a!;
  if (!target) throw new TemplateError(`basis names unknown sheet "${a}"${didYouMean(a!, layout.byId.keys())}`, where);
  if (!target.rowOf.has(rowId)) throw new TemplateError(`basis names unknown row "${rowId}"${didYouMean(rowId, target.rowOf.keys())}`, where);
  return { sheet: target, row: rowId };
}

interface Found {
  statement: LoadedStatement;
  itemId: string;
  value: Figure | null;
}

/** The items a row may take its figures from, looked up once per row: a row of ten periods would look its item up ten times. */
type Candidates = { statement: LoadedStatement; itemId: string; item: LoadedStatement["items"][string] }[];

function itemsOf(statements: LoadedStatement[], spec: Row): Candidates {
  const [first, second] = (spec.item ?? spec.id).split(".");
  const itemId = second ?? first!;
  const found: Candidates = [];
  for (const st of statements) {
    if (second !== undefined && st.id !== first) continue;
    const item = Object.hasOwn(st.items, itemId) ? st.items[itemId] : undefined;
    if (item) found.push({ statement: st, itemId, item });
  }
  return found;
}

/** Each statement's periods as a set, made once: a row asks for each of its columns. */
const periodSets = new WeakMap<LoadedStatement, Set<string>>();
function hasPeriod(statement: LoadedStatement, period: string): boolean {
  let set = periodSets.get(statement);
  if (set === undefined) periodSets.set(statement, (set = new Set(statement.periods)));
  return set.has(period);
}

function findItem(items: Candidates, period: string): Found | undefined {
  for (const { statement, itemId, item } of items) {
    if (hasPeriod(statement, period)) return { statement, itemId, value: item.values[period] ?? null };
  }
  return undefined;
}

function inputValue(items: Candidates, statements: LoadedStatement[], spec: Row, column: LaidColumn, where: () => Where, rowUnitText: Unit): { value: Figure | null; source: string; unit: Unit } {
  const period = column.period!;
  const found = findItem(items, period);
  if (!found) throw missingFigure(statements, spec, column, where());
  const item = found.statement.items[found.itemId]!;
  if (item.total) {
    throw new TemplateError(`"${found.itemId}" is a total printed in ${found.statement.id}; a total is a formula of its parts`, { ...where(), hint: "a formula for this row" });
  }
  const unit = item.unit ?? found.statement.unit;
  if (unit !== rowUnitText) {
    throw new TemplateError(`unit mismatch: the data gives "${found.itemId}" in ${unit}, the template shows it in ${rowUnitText}`, {
      ...where(),
      hint: `a row (or sheet) unit of ${unit}, or data in ${rowUnitText}`,
    });
  }
  return { value: found.value, source: sourceOf(found.statement, item, unit), unit };
}

/** Why an input row has no figure for a column: no such item, or the item's statements do not cover the period. */
function missingFigure(statements: LoadedStatement[], spec: Row, column: LaidColumn, where: Where): TemplateError {
  const name = spec.item ?? spec.id;
  const [first, second] = name.split(".");
  const itemId = second ?? first!;
  const period = column.period!;
  const names = statements.map((s) => s.id).join(", ") || "(the sheet lists no statements)";
  const holding = statements.filter((st) => (second === undefined || st.id === first) && Object.hasOwn(st.items, itemId));
  const what = column.role ? `period ${period} (role "${column.role}")` : `period ${period}`;
  if (holding.length > 0) {
    const covered = holding.map((st) => `${st.id}: ${st.periods.join(", ")}`).join("; ");
    return new TemplateError(`no figure for ${what} of item "${name}": its statement${holding.length > 1 ? "s cover" : " covers"} other periods (${covered})`, {
      ...where,
      hint: `a statement with ${period} among its periods, "skip": ["${column.id}"] on the row, or a formula`,
    });
  }
  const all = statements.flatMap((s) => Object.keys(s.items));
  return new TemplateError(`no figure for ${what} of item "${name}"${didYouMean(name, all)}`, { ...where, hint: `an item of ${names} with a value for ${period}, or a formula` });
}

/** Each item's source text is made once: a row of ten periods asks for it ten times. */
const sources = new WeakMap<object, string>();
function sourceOf(statement: LoadedStatement, item: LoadedStatement["items"][string], unit: Unit): string {
  let text = sources.get(item);
  // Joined rather than templated: a template literal's result keeps its pieces, and a large report keeps one such text per row.
  if (text === undefined) sources.set(item, (text = [statement.source, " — “", item.label, "” (", unit, "; ", statement.listed, ")"].join("")));
  return text;
}

function printedTotal(items: Candidates, column: LaidColumn): Found | undefined {
  if (column.kind !== "period") return undefined;
  const found = findItem(items, column.period!);
  if (!found || found.value === null || !found.statement.items[found.itemId]!.total) return undefined;
  return found;
}

function totalFigure(found: Found, spec: Row, column: LaidColumn, sheet: SheetLayout, row: number, unit: Unit, where: Where): PublishedFigure {
  const item = found.statement.items[found.itemId]!;
  return {
    id: `${found.statement.id}.${found.itemId}.${column.period}`,
    label: `${item.label} (printed total)`,
    source: found.statement.source,
    dataFile: found.statement.listed,
    period: column.period!,
    printed: printFigure(found.value!),
    unit: item.unit ?? found.statement.unit,
    target: cellAddress(row, column.col, sheet.sheet.name),
    ours: { formula: cellAddress(row, column.col, sheet.sheet.name), unit },
    tolerance: { kind: "exact" },
    where,
  };
}

export type { CellRef };

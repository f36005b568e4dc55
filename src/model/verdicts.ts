import { Decimal } from "../decimal.js";
import { TemplateError, type Where } from "../errors.js";
import { cellAddress } from "../template/a1.js";
import { compile, type CellRef, type CompileContext } from "../template/compile.js";
import { columnNamed, FIRST_ROW, HEADER_ROW, STATUS_ROW, type SheetLayout } from "../template/layout.js";
import type { Relation } from "../template/schema.js";
import { didYouMean } from "../template/suggest.js";
import type { Quantity } from "./quantity.js";
import { rowsOf } from "./row.js";
import { unitScope, type ModelContext, type PublishedFigure } from "./sheet.js";
import { masterFormula, PASS, passFail } from "./pass-fail.js";
import type { ModelCell, ModelSheet, Verdict } from "./types.js";
import { inferCompared, inferUnit } from "./unit-check.js";
import { cellFormat, conversion, defaultFormat, parsePrinted, unitOf } from "./units.js";
import { isPrintedFigure } from "../data/schema.js";

export const CHECKS_SHEET = "Checks";
export const PUBLISHED_SHEET = "Published";

/** The cell every sheet's status line reads: OK when every check and published figure holds, FAIL otherwise. */
export const MASTER = { sheet: CHECKS_SHEET, row: STATUS_ROW, col: 2 };
export const MASTER_REF = cellAddress(MASTER.row, MASTER.col, CHECKS_SHEET, true);

/** The status line shown on every sheet, so a failing pack is visible wherever one looks. */
export const STATUS_FORMULA = `IF(${MASTER_REF}="${PASS}","All checks tie out","CHECKS FAIL: see the Checks sheet")`;

function addressOf(ref: CellRef): string {
  return cellAddress(ref.row, ref.col, ref.sheet.sheet.name);
}

/**
 * A clickable link to the cell a check or published figure is about. A HYPERLINK
 * formula rather than a hyperlink part: it needs no relationship in the package and
 * shows where the figure is.
 */
function goTo(address: string): string {
  const text = address.replace(/"/g, '""');
  return `HYPERLINK("#${text}","${text}")`;
}

/**
 * How many decimal places finer than the unit of a verdict's last digit its
 * difference is rounded to before it is compared with the tolerance: a millionth of
 * that unit. Figures carry at most 15 significant digits and the noise of doubles
 * (and of LibreOffice's and gnumeric's own arithmetic) sits beyond them, so for
 * figures below 10^9 of the unit the rounded difference is the exact one, and a
 * difference exactly at the tolerance (a rounding tie, an exact figure) is decided
 * the same way in every engine. The build evaluates each verdict in exact decimals
 * too and refuses one this does not settle (formula/verdict-noise.ts).
 */
export const VERDICT_MARGIN_DIGITS = 6;

function header(cells: ModelCell[], labels: string[], where: Where): void {
  labels.forEach((value, i) => cells.push({ row: HEADER_ROW, col: i + 1, role: "header", value, where }));
}

/**
 * The unit a formula's figures are in: found by the unit checks, or the one unit of
 * the cells it names when the formula itself tells nothing (text around them).
 */
function unitOfFormula(ctx: ModelContext, compiled: ReturnType<typeof compile>, source: string, where: Where, what: string): string {
  const options = inferUnit(compiled.tokens, unitScope(ctx.registry, where, source));
  const units = new Set(compiled.refs.map((r) => unitOf(r.sheet, r)));
  if (options) return nameOf(ctx, options, units);
  if (units.size !== 1) throw new TemplateError(`${what} must name figures of one unit; it names ${[...units].join(", ") || "no figure"}`, where);
  return [...units][0]!;
}

/** A unit's name for an inferred quantity: the unit of a cell the formula names when it is one of the readings, else the registry's name of the first. */
function nameOf(ctx: ModelContext, options: Quantity[], named: Iterable<string>): string {
  for (const unit of named) {
    const q = ctx.registry.quantity(unit);
    if (typeof q !== "string" && options.some((o) => o.equals(q))) return unit;
  }
  return ctx.registry.name(options[0]!);
}

/** Compiles a `measures` (or bound) formula of a published figure and finds its unit. */
export function compilePublished(ctx: ModelContext): PublishedFigure[] {
  const { data, layout, usage } = ctx;
  return data.published.map((p) => {
    const where: Where = { file: p.file, path: `$.published[${p.index}]` };
    const compileCtx: CompileContext = { layout, column: p.period, where: { ...where, path: `${where.path}.measures` } };
    const ours = compile(p.measures, compileCtx);
    usage.noteTokens(ours.tokens);
    const unit = unitOfFormula(ctx, ours, p.measures, compileCtx.where, '"measures"');
    const figure: PublishedFigure = { id: p.id, label: p.label, source: p.source, dataFile: p.listed, period: p.period, printed: p.printed, unit: p.unit, ours: { formula: ours.text, unit }, target: addressOf(ours.refs[0]!), tolerance: p.tolerance, where };
    const t = p.tolerance;
    if (t.kind === "rounded_inputs") {
      const bound = (key: "low" | "high"): string => {
        const compiled = compile(t[key], { ...compileCtx, where: { ...where, path: `${where.path}.tolerance.${key}` } });
        usage.noteTokens(compiled.tokens);
        return compiled.text;
      };
      figure.interval = { low: bound("low"), high: bound("high") };
    }
    return figure;
  });
}

/**
 * The Published sheet: each printed figure beside our formula, the allowance its
 * tolerance kind gives, and whether it holds.
 */
export function publishedSheet(ctx: ModelContext, figures: PublishedFigure[]): { sheet: ModelSheet; verdicts: Verdict[] } {
  const cells: ModelCell[] = [];
  const verdicts: Verdict[] = [];
  const w: Where = { path: "Published sheet" };
  cells.push({ row: 1, col: 1, role: "title", value: "Published figures reproduced by the workbook's formulas", where: w });
  cells.push({ row: STATUS_ROW, col: 1, role: "status", formula: STATUS_FORMULA, where: w });
  header(cells, ["Figure", "Source in the release", "Period", "Printed", "Published", "Ours", "Low", "High", "Allowance", "Tolerance", "Why not exact", "OK", "Our figure"], w);
  figures.forEach((f, i) => {
    const row = FIRST_ROW + i;
    const where = f.where;
    if (!isPrintedFigure(f.printed)) {
      markRow(cells, verdicts, f, row);
      return;
    }
    const { value, decimals } = parsePrinted(f.printed);
    const percent = f.unit === "percent";
    const factor = conversion(ctx.registry, f.ours.unit, f.unit);
    if (!factor) throw new TemplateError(`published in ${f.unit} but measures a figure in ${f.ours.unit}`, { ...where, hint: "a figure of ours in a convertible unit" });
    const scale = percent ? new Decimal("0.01") : new Decimal(1);
    const unitOfLastDigit = new Decimal(10).pow(-decimals).times(scale);
    const allowance =
      f.tolerance.kind === "exact" ? new Decimal(0) : f.tolerance.kind === "footing_plug" ? unitOfLastDigit : unitOfLastDigit.div(2);
    const ours = factor.eq(1) ? f.ours.formula : factor.gt(1) ? `(${f.ours.formula})*${factor.toFixed()}` : `(${f.ours.formula})/${new Decimal(1).div(factor).toFixed()}`;
    const format = percent ? "percent" : decimals > 0 ? "per_share" : cellFormat(defaultFormat(f.unit), f.unit, where);
    const places = Math.max(0, unitOfLastDigit.decimalPlaces()) + VERDICT_MARGIN_DIGITS;
    const E = cellAddress(row, 5), F = cellAddress(row, 6), G = cellAddress(row, 7), H = cellAddress(row, 8), I = cellAddress(row, 9);
    cells.push(
      { row, col: 1, role: "text", value: f.label, where },
      { row, col: 2, role: "text", value: f.source, where },
      { row, col: 3, role: "text", value: f.period, where },
      { row, col: 4, role: "text", value: f.printed + (percent ? "%" : ""), where },
      { row, col: 5, role: "input", value: value.times(scale), format, source: `${f.source} (${f.dataFile})`, where },
      { row, col: 6, role: "link", formula: ours, format, where },
      { row, col: 9, role: "input", value: allowance, format, where },
      { row, col: 10, role: "text", value: f.tolerance.kind, where },
    );
    if ("reason" in f.tolerance) cells.push({ row, col: 11, role: "text", value: f.tolerance.reason, where });
    let ok: string;
    if (f.interval) {
      cells.push({ row, col: 7, role: "link", formula: f.interval.low, format, where }, { row, col: 8, role: "link", formula: f.interval.high, format, where });
      // The printed figure's interval [E − I, E + I] meets ours [G, H].
      ok = `AND(ROUND(${E}+${I}-${G},${places})>=0,ROUND(${H}-${E}+${I},${places})>=0)`;
    } else {
      ok = `ROUND(ABS(${F}-${E}),${places})<=${I}`;
    }
    cells.push({ row, col: 12, role: "formula", formula: passFail(ok), where });
    cells.push({ row, col: 13, role: "link", formula: goTo(f.target), where });
    verdicts.push({ kind: "published", id: f.id, label: f.label, period: f.period, sheet: PUBLISHED_SHEET, row, okColumn: 12, compared: [6, 5], tolerance: 9, unit: f.unit, ...(f.interval && { interval: [7, 8] as [number, number] }) });
  });
  return { sheet: { id: "published", name: PUBLISHED_SHEET, title: "Published figures", headerRow: HEADER_ROW, firstValueColumn: 5, rows: rowsOf(cells), columnIds: [] }, verdicts };
}

/**
 * A mark the release prints instead of a figure (`—`, `n/m`): the Published sheet
 * holds it as text, and ours must be the same text (Excel's `=` on text, which
 * ignores case as every engine's does); a number, or an error, where the release
 * prints a mark is a FAIL.
 */
function markRow(cells: ModelCell[], verdicts: Verdict[], f: PublishedFigure, row: number): void {
  const where = f.where;
  const E = cellAddress(row, 5), F = cellAddress(row, 6);
  cells.push(
    { row, col: 1, role: "text", value: f.label, where },
    { row, col: 2, role: "text", value: f.source, where },
    { row, col: 3, role: "text", value: f.period, where },
    { row, col: 4, role: "text", value: f.printed, where },
    { row, col: 5, role: "input", value: f.printed, source: `${f.source} (${f.dataFile})`, where },
    { row, col: 6, role: "link", formula: f.ours.formula, where },
    { row, col: 10, role: "text", value: "text", where },
    { row, col: 12, role: "formula", formula: passFail(`AND(ISTEXT(${F}),${F}=${E})`), where },
    { row, col: 13, role: "link", formula: goTo(f.target), where },
  );
  verdicts.push({ kind: "published", id: f.id, label: f.label, period: f.period, sheet: PUBLISHED_SHEET, row, okColumn: 12, compared: [6, 5], unit: f.unit, text: true });
}

/**
 * Each relation's verdict on the rounded difference E (left − right) and the
 * tolerance F, and how the Checks sheet states it.
 */
const RELATIONS: Record<Relation, { holds: (E: string, F: string) => string; rule: string }> = {
  "=": { holds: (E, F) => `ABS(${E})<=${F}`, rule: "Left = Right ± Tolerance" },
  "<=": { holds: (E, F) => `${E}<=${F}`, rule: "Left ≤ Right + Tolerance" },
  ">=": { holds: (E, F) => `${E}>=-${F}`, rule: "Left ≥ Right − Tolerance" },
};

/**
 * The rows a check is written for: one, the check itself, when it names no range;
 * else every row of `first:last` on the sheet, headings skipped, each as the row
 * `@col` names.
 */
function checkedRows(s: SheetLayout, range: string | undefined, path: string): (undefined | { id: string; label: string })[] {
  if (range === undefined) return [undefined];
  const [first, last] = range.split(":") as [string, string];
  const at = (id: string, end: string): number => {
    const r = s.rowOf.get(id);
    if (r === undefined) throw new TemplateError(`check's rows name "${id}", which is not a row of the sheet${didYouMean(id, s.rowOf.keys())}`, { file: s.sheet.file, path: `${path}.rows`, hint: `the ${end} row of the range: a row id of this sheet` });
    return r;
  };
  const from = at(first, "first"), to = at(last, "last");
  if (to < from) throw new TemplateError(`check's rows "${range}" run backwards: "${last}" comes before "${first}" on the sheet`, { file: s.sheet.file, path: `${path}.rows`, hint: `${last}:${first}` });
  return s.rows.flatMap((r) => (r.row >= from && r.row <= to && !("heading" in r.spec) ? [{ id: r.spec.id, label: r.spec.label }] : []));
}

/** The Checks sheet: every reconciliation of the template, per period, and the master flag over everything. */
export function checksSheet(ctx: ModelContext, publishedVerdicts: Verdict[]): { sheet: ModelSheet; verdicts: Verdict[] } {
  const { layout, usage } = ctx;
  const cells: ModelCell[] = [];
  const verdicts: Verdict[] = [];
  const w: Where = { path: "Checks sheet" };
  cells.push({ row: 1, col: 1, role: "title", value: "Checks: reconciliations the release implies", where: w });
  cells.push({ row: STATUS_ROW, col: 1, role: "label", value: "All checks and published figures hold", where: w });
  header(cells, ["Check", "Period", "Left", "Right", "Difference", "Tolerance", "OK", "Why the tolerance", "Checked cell", "Rule", "Relative tolerance"], w);
  let row = FIRST_ROW;
  for (const s of layout.sheets) {
    s.sheet.checks.forEach((check, i) => {
      const path = `$.checks[${i}]`;
      if ((check.tolerance > 0 || (check.relative_tolerance ?? 0) > 0) && !check.reason) {
        throw new TemplateError(`check "${check.id}" has a tolerance of ${check.relative_tolerance ?? check.tolerance}${check.relative_tolerance !== undefined ? " (relative)" : ""} without a reason`, { file: s.sheet.file, path, hint: "a reason for every non-zero tolerance" });
      }
      for (const subject of checkedRows(s, check.rows, path)) {
        check.periods.forEach((name, p) => {
          // A check names its periods by role (current, prior) or, on a fixed sheet, by id; the Checks sheet shows the period.
          const column = columnNamed(s, name, layout.binding);
          if (!column || column.period === undefined) {
            const periods = s.columns.filter((c) => c.period !== undefined).map((c) => c.id);
            throw new TemplateError(`check "${check.id}" names "${name}", which is not a period column of the sheet${didYouMean(name, periods)}`, { file: s.sheet.file, path: `${path}.periods[${p}]`, hint: periods.join(", ") });
          }
          const period = column.period;
          const id = subject ? `${check.id}:${subject.id}` : check.id;
          const where: Where = { file: s.sheet.file, path: `${path} (check "${id}", ${column.role ? `${column.role}: ${period}` : period})` };
          const compileCtx: CompileContext = { layout, sheet: s, column: column.id, where, ...(subject && { basis: { sheet: s, row: subject.id } }) };
          const left = compile(check.lhs, compileCtx);
          const right = compile(check.rhs, compileCtx);
          usage.noteTokens(left.tokens);
          usage.noteTokens(right.tokens);
          // Both sides in one unit, which the check's figures are shown in.
          const compared = inferCompared(left.tokens, right.tokens, unitScope(ctx.registry, where, `${check.lhs} ${check.relation} ${check.rhs}`));
          const unit = compared ? nameOf(ctx, compared, [...left.refs, ...right.refs].map((r) => unitOf(r.sheet, r))) : unitOfFormula(ctx, left, check.lhs, where, `check "${check.id}"`);
          const format = cellFormat(defaultFormat(unit), unit, where);
          const C = cellAddress(row, 3), D = cellAddress(row, 4), E = cellAddress(row, 5), F = cellAddress(row, 6), K = cellAddress(row, 11);
          cells.push(
            { row, col: 1, role: "text", value: subject ? `${check.label}: ${subject.label}` : check.label, where },
            { row, col: 2, role: "text", value: period, where },
            { row, col: 3, role: "link", formula: left.text, format, where },
            { row, col: 4, role: "link", formula: right.text, format, where },
            // The difference as the verdict takes it: rounded to a millionth of the figures' unit (see VERDICT_MARGIN_DIGITS).
            { row, col: 5, role: "formula", formula: `ROUND(${C}-${D},${VERDICT_MARGIN_DIGITS})`, format, where },
            { row, col: 7, role: "formula", formula: passFail(RELATIONS[check.relation].holds(E, F)), where },
            { row, col: 10, role: "text", value: RELATIONS[check.relation].rule, where },
          );
          if (check.relative_tolerance !== undefined) {
            // The allowance follows the right side's size; it is rounded as the difference is, so both are exact decimals in every engine.
            cells.push(
              { row, col: 6, role: "formula", formula: `ROUND(${K}*ABS(${D}),${VERDICT_MARGIN_DIGITS})`, format, where },
              { row, col: 11, role: "input", value: new Decimal(check.relative_tolerance), format: "percent2", where },
            );
          } else {
            cells.push({ row, col: 6, role: "input", value: new Decimal(check.tolerance), format, where });
          }
          if (check.reason) cells.push({ row, col: 8, role: "text", value: check.reason, where });
          if (left.refs[0]) cells.push({ row, col: 9, role: "link", formula: goTo(addressOf(left.refs[0])), where });
          const relation = check.relation === "=" ? {} : { relation: check.relation };
          verdicts.push({ kind: "check", id, label: subject ? `${check.label}: ${subject.label}` : check.label, period, sheet: CHECKS_SHEET, row, okColumn: 7, compared: [3, 4], difference: 5, tolerance: 6, unit, ...relation });
          row++;
        });
      }
    });
  }
  const parts: string[] = [];
  if (verdicts.length) parts.push(`${cellAddress(FIRST_ROW, 7)}:${cellAddress(row - 1, 7)}`);
  if (publishedVerdicts.length) {
    const first = publishedVerdicts[0]!.row, last = publishedVerdicts[publishedVerdicts.length - 1]!.row;
    parts.push(`${PUBLISHED_SHEET}!${cellAddress(first, 12)}:${cellAddress(last, 12)}`);
  }
  cells.push({ row: MASTER.row, col: MASTER.col, role: "formula", formula: masterFormula(parts), where: w });
  return { sheet: { id: "checks", name: CHECKS_SHEET, title: "Checks", headerRow: HEADER_ROW, firstValueColumn: 3, rows: rowsOf(cells), columnIds: [] }, verdicts };
}

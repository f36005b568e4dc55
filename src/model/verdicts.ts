import { Decimal } from "../decimal.js";
import type { ReportData } from "../data/load.js";
import { TemplateError, type Where } from "../errors.js";
import { cellAddress } from "../template/a1.js";
import { compile, type CellRef, type CompileContext } from "../template/compile.js";
import { FIRST_ROW, HEADER_ROW, STATUS_ROW, type Layout } from "../template/layout.js";
import { rowsOf } from "./row.js";
import type { PublishedFigure } from "./sheet.js";
import { unitOf } from "./sheet.js";
import { masterFormula, PASS, passFail } from "./pass-fail.js";
import type { ModelCell, ModelSheet, Verdict } from "./types.js";
import { conversion, parsePrinted } from "./units.js";

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

/** Compiles a `measures` (or bound) formula of a published figure and finds its unit. */
export function compilePublished(data: ReportData, layout: Layout): PublishedFigure[] {
  return data.published.map((p) => {
    const where: Where = { file: p.file, path: `$.published[${p.index}]` };
    const ctx: CompileContext = { layout, column: p.period, where: { ...where, path: `${where.path}.measures` } };
    const ours = compile(p.measures, ctx);
    const units = new Set(ours.refs.map((r) => unitOf(r.sheet, r)));
    if (units.size !== 1) {
      throw new TemplateError(`"measures" must name figures of one unit; it names ${[...units].join(", ") || "no figure"}`, ctx.where);
    }
    const figure: PublishedFigure = { id: p.id, label: p.label, source: p.source, dataFile: p.listed, period: p.period, printed: p.printed, unit: p.unit, ours: { formula: ours.text, unit: [...units][0]! }, target: addressOf(ours.refs[0]!), tolerance: p.tolerance, where };
    if (p.tolerance.kind === "rounded_inputs") {
      const low = compile(p.tolerance.low, { ...ctx, where: { ...where, path: `${where.path}.tolerance.low` } }).text;
      const high = compile(p.tolerance.high, { ...ctx, where: { ...where, path: `${where.path}.tolerance.high` } }).text;
      figure.interval = { low, high };
    }
    return figure;
  });
}

/**
 * The Published sheet: each printed figure beside our formula, the allowance its
 * tolerance kind gives, and whether it holds.
 */
export function publishedSheet(figures: PublishedFigure[]): { sheet: ModelSheet; verdicts: Verdict[] } {
  const cells: ModelCell[] = [];
  const verdicts: Verdict[] = [];
  const w: Where = { path: "Published sheet" };
  cells.push({ row: 1, col: 1, role: "title", value: "Published figures reproduced by the workbook's formulas", where: w });
  cells.push({ row: STATUS_ROW, col: 1, role: "status", formula: STATUS_FORMULA, where: w });
  header(cells, ["Figure", "Source in the release", "Period", "Printed", "Published", "Ours", "Low", "High", "Allowance", "Tolerance", "Why not exact", "OK", "Our figure"], w);
  figures.forEach((f, i) => {
    const row = FIRST_ROW + i;
    const where = f.where;
    const { value, decimals } = parsePrinted(f.printed);
    const percent = f.unit === "percent";
    const factor = conversion(f.ours.unit, f.unit);
    if (!factor) throw new TemplateError(`published in ${f.unit} but measures a figure in ${f.ours.unit}`, { ...where, hint: "a figure of ours in a convertible unit" });
    const scale = percent ? new Decimal("0.01") : new Decimal(1);
    const unitOfLastDigit = new Decimal(10).pow(-decimals).times(scale);
    const allowance =
      f.tolerance.kind === "exact" ? new Decimal(0) : f.tolerance.kind === "footing_plug" ? unitOfLastDigit : unitOfLastDigit.div(2);
    const ours = factor.eq(1) ? f.ours.formula : factor.gt(1) ? `(${f.ours.formula})*${factor.toFixed()}` : `(${f.ours.formula})/${new Decimal(1).div(factor).toFixed()}`;
    const format = percent ? "percent" : decimals > 0 ? "per_share" : "amount";
    const places = Math.max(0, unitOfLastDigit.decimalPlaces()) + VERDICT_MARGIN_DIGITS;
    const E = cellAddress(row, 5), F = cellAddress(row, 6), G = cellAddress(row, 7), H = cellAddress(row, 8), I = cellAddress(row, 9);
    cells.push(
      { row, col: 1, role: "text", value: f.label, where },
      { row, col: 2, role: "text", value: f.source, where },
      { row, col: 3, role: "text", value: f.period, where },
      { row, col: 4, role: "text", value: f.printed + (percent ? "%" : ""), where },
      { row, col: 5, role: "input", value: value.times(scale), format, source: `${f.source} (${f.dataFile})`, where },
      { row, col: 6, role: "link", formula: ours, format, where },
      { row, col: 9, role: "input", value: allowance, format: percent ? "percent" : decimals > 0 ? "per_share" : "amount", where },
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
    verdicts.push({ kind: "published", id: f.id, label: f.label, period: f.period, sheet: PUBLISHED_SHEET, row, okColumn: 12, compared: [6, 5] });
  });
  return { sheet: { id: "published", name: PUBLISHED_SHEET, title: "Published figures", headerRow: HEADER_ROW, firstValueColumn: 5, rows: rowsOf(cells), columnIds: [] }, verdicts };
}

/** The Checks sheet: every reconciliation of the template, per period, and the master flag over everything. */
export function checksSheet(layout: Layout, publishedVerdicts: Verdict[]): { sheet: ModelSheet; verdicts: Verdict[] } {
  const cells: ModelCell[] = [];
  const verdicts: Verdict[] = [];
  const w: Where = { path: "Checks sheet" };
  cells.push({ row: 1, col: 1, role: "title", value: "Checks: reconciliations the release implies", where: w });
  cells.push({ row: STATUS_ROW, col: 1, role: "label", value: "All checks and published figures hold", where: w });
  header(cells, ["Check", "Period", "Left", "Right", "Difference", "Tolerance", "OK", "Why the tolerance", "Checked cell"], w);
  let row = FIRST_ROW;
  for (const s of layout.sheets) {
    s.sheet.checks.forEach((check, i) => {
      const path = `$.checks[${i}]`;
      if (check.tolerance > 0 && !check.reason) {
        throw new TemplateError(`check "${check.id}" has a tolerance of ${check.tolerance} without a reason`, { file: s.sheet.file, path, hint: "a reason for every non-zero tolerance" });
      }
      for (const period of check.periods) {
        const where: Where = { file: s.sheet.file, path: `${path} (check "${check.id}", ${period})` };
        const ctx: CompileContext = { layout, sheet: s, column: period, where };
        const left = compile(check.lhs, ctx);
        const lhs = left.text;
        const rhs = compile(check.rhs, ctx).text;
        const C = cellAddress(row, 3), D = cellAddress(row, 4), E = cellAddress(row, 5), F = cellAddress(row, 6);
        cells.push(
          { row, col: 1, role: "text", value: check.label, where },
          { row, col: 2, role: "text", value: period, where },
          { row, col: 3, role: "link", formula: lhs, format: "amount", where },
          { row, col: 4, role: "link", formula: rhs, format: "amount", where },
          // The difference as the verdict takes it: rounded to a millionth of the figures' unit (see VERDICT_MARGIN_DIGITS).
          { row, col: 5, role: "formula", formula: `ROUND(${C}-${D},${VERDICT_MARGIN_DIGITS})`, format: "amount", where },
          { row, col: 6, role: "input", value: new Decimal(check.tolerance), format: "amount", where },
          { row, col: 7, role: "formula", formula: passFail(`ABS(${E})<=${F}`), where },
        );
        if (check.reason) cells.push({ row, col: 8, role: "text", value: check.reason, where });
        if (left.refs[0]) cells.push({ row, col: 9, role: "link", formula: goTo(addressOf(left.refs[0])), where });
        verdicts.push({ kind: "check", id: check.id, label: check.label, period, sheet: CHECKS_SHEET, row, okColumn: 7, compared: [3, 4] });
        row++;
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

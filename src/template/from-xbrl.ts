import type { Period } from "../data/schema.js";
import type { ContextPeriod } from "../data/xbrl/contexts.js";
import type { Filing } from "../data/xbrl/filing.js";
import type { SourceLine, SourceStatement, XbrlData } from "../data/xbrl/source.js";
import { statementOf, statementRoles } from "../data/xbrl/statement.js";

/** The primary statements init looks for, by the words of their role's title, in the order the workbook shows them. */
const PRIMARY: ReadonlyArray<{ id: string; name: string; title: RegExp; kind: "flow" | "balance" }> = [
  { id: "is", name: "Income Statement", title: /STATEMENTS? OF (OPERATIONS|INCOME)(\s*\(Unaudited\))?$/i, kind: "flow" },
  { id: "ci", name: "Comprehensive Income", title: /STATEMENTS? OF COMPREHENSIVE INCOME(\s*\(Unaudited\))?$/i, kind: "flow" },
  { id: "bs", name: "Balance Sheet", title: /(BALANCE SHEETS?|STATEMENTS? OF FINANCIAL POSITION)(\s*\(Unaudited\))?$/i, kind: "balance" },
  { id: "cf", name: "Cash Flows", title: /STATEMENTS? OF CASH FLOWS(\s*\(Unaudited\))?$/i, kind: "flow" },
];

export interface XbrlReport {
  /** report.json's periods and roles. */
  periods: Record<string, Period>;
  roles: Record<string, string>;
  /** Statement id → role URI, for the source file. */
  statements: Record<string, string>;
}

const MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const longDate = (iso: string): string => `${MONTH[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}, ${iso.slice(0, 4)}`;
const days = (p: { start: string; end: string }): number => (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000 + 1;
const months = (p: { start: string; end: string }): number => Math.round(days(p) / 30.44);
const WORDS = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"];

/**
 * The periods a filing's primary statements report and the roles they play: the
 * current period is the longest one ending on the latest date (a 10-K's fiscal year,
 * a 10-Q's year to date), `quarter` the three months ending then when it is shorter,
 * `prior`/`prior2` the same periods one and two years earlier, and the balance sheet's
 * `opening` and `closing` dates.
 */
export function reportOfFiling(filing: Filing): XbrlReport {
  const roles = statementRoles(filing);
  const statements: Record<string, string> = {};
  for (const p of PRIMARY) {
    const r = roles.find((x) => p.title.test(x.title.trim()));
    if (r) statements[p.id] = r.uri;
  }
  const durations: Array<{ start: string; end: string }> = [];
  const instants = new Set<string>();
  for (const uri of Object.values(statements)) {
    for (const p of statementOf(filing, uri).periods as ContextPeriod[]) {
      if (p.kind === "duration") {
        if (!durations.some((d) => d.start === p.start && d.end === p.end)) durations.push({ start: p.start, end: p.end });
      } else if (p.kind === "instant") instants.add(p.end);
    }
  }
  const latest = durations.map((d) => d.end).sort().at(-1)!;
  const ending = durations.filter((d) => d.end === latest).sort((a, b) => days(b) - days(a));
  const current = ending[0]!;
  const quarter = ending.find((d) => months(d) === 3 && months(current) > 3);
  const periods: Record<string, Period> = {};
  const bound: Record<string, string> = {};
  const idOf = (d: { start: string; end: string }): string => (months(d) === 12 ? `FY${d.end.slice(0, 4)}` : `${months(d)}M${d.end}`);
  const addDuration = (role: string, d: { start: string; end: string }): void => {
    const id = idOf(d);
    const label = months(d) === 12 ? `Fiscal year ended ${longDate(d.end)}` : `${WORDS[months(d)] ?? months(d)} months ended ${longDate(d.end)}`;
    periods[id] = { label, kind: "duration", start: d.start, end: d.end };
    bound[role] = id;
  };
  const yearBefore = (d: { start: string; end: string }, n: number): { start: string; end: string } | undefined =>
    durations.find((x) => months(x) === months(d) && Math.abs(Date.parse(d.end) - Date.parse(x.end) - n * 365.25 * 86_400_000) < 8 * 86_400_000);
  addDuration("current", current);
  for (const [role, n] of [["prior", 1], ["prior2", 2]] as const) {
    const d = yearBefore(current, n);
    if (d) addDuration(role, d);
  }
  if (quarter) {
    addDuration("quarter", quarter);
    const d = yearBefore(quarter, 1);
    if (d) addDuration("quarter_prior", d);
  }
  const addInstant = (role: string, date: string): void => {
    periods[date] = { label: `As of ${longDate(date)}`, kind: "instant", end: date };
    bound[role] = date;
  };
  addInstant("closing", current.end);
  const opening = new Date(Date.parse(`${current.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (instants.has(opening)) addInstant("opening", opening);
  return { periods, roles: bound, statements };
}

const YOY = (now: string, before: string): string => `IF(@${before}=0,"",(@${now}-@${before})/@${before})`;

/** A sheet per primary statement, in presentation order, and a summary in the statements' unit with YoY %. */
export function sheetsOfFiling(data: XbrlData, report: XbrlReport): Array<{ file: string; sheet: Record<string, unknown> }> {
  const has = (role: string): boolean => role in report.roles;
  const flowColumns = (st: SourceStatement[]): unknown[] => {
    const covers = (role: string): boolean => has(role) && st.some((s) => s.periods.includes(report.roles[role]!));
    const cols: unknown[] = [];
    if (covers("quarter")) {
      if (covers("quarter_prior")) cols.push({ role: "quarter_prior" });
      cols.push({ role: "quarter" });
      if (covers("quarter_prior")) cols.push({ id: "quarter_yoy_pct", header: "YoY %", formula: YOY("quarter", "quarter_prior"), format: "percent" });
    }
    if (covers("prior2")) cols.push({ role: "prior2" });
    if (covers("prior")) cols.push({ role: "prior" });
    cols.push({ role: "current" });
    if (covers("prior")) cols.push({ id: "yoy_pct", header: "YoY %", formula: YOY("current", "prior"), format: "percent" });
    return cols;
  };
  const out: Array<{ file: string; sheet: Record<string, unknown> }> = [];
  for (const p of PRIMARY) {
    const own = data.statements.filter((s) => s.id === p.id || s.id === `${p.id}_shares` || s.id === `${p.id}_per_share`);
    const main = own.find((s) => s.id === p.id);
    if (!main) continue;
    const lines = own.flatMap((s) => s.lines.map((l) => ({ l, s }))).sort((a, b) => a.l.order - b.l.order);
    const rows = lines.map(({ l, s }) => rowOf(l, s, main));
    const balanceColumns = [...(has("opening") ? [{ role: "opening" }] : []), { role: "closing" }];
    out.push({
      file: `${p.id}.json`,
      sheet: {
        $schema: "../../schemas/sheet.schema.json",
        id: p.id,
        name: p.name,
        title: `${main.title}, {current:label}`,
        unit: main.unit,
        statements: own.map((s) => s.id),
        columns: p.kind === "balance" ? balanceColumns : flowColumns(own),
        rows,
        checks: checksOf(p.id, data, report),
      },
    });
  }
  out.unshift({ file: "summary.json", sheet: summaryOf(data, flowColumns(data.statements.filter((s) => s.id === "is"))) });
  return out;
}

function rowOf(l: SourceLine, s: SourceStatement, main: SourceStatement): Record<string, unknown> {
  if (l.heading) return { heading: l.label };
  const row: Record<string, unknown> = { id: l.id, label: l.label };
  if (l.formula) {
    row.formula = l.formula;
    row.style = l.depth === 0 ? "total" : "subtotal";
  } else if (!l.part) {
    // A line no total of the filing adds up (shares, per-share figures, supplemental disclosures) stands alone.
    row.style = "memo";
  }
  if (s.unit !== main.unit) {
    row.unit = s.unit;
  }
  if (l.depth > 0) row.indent = Math.min(l.depth, 5);
  return row;
}

const find = (data: XbrlData, statement: string, concept: string): SourceLine | undefined =>
  data.statements.find((s) => s.id === statement)?.lines.find((l) => l.concept === concept && !l.heading);

/** The checks every set of primary statements should pass: the balance sheet balances; net income is the same on the income and cash-flow statements. */
function checksOf(sheet: string, data: XbrlData, report: XbrlReport): unknown[] {
  const checks: unknown[] = [];
  if (sheet === "bs") {
    const assets = find(data, "bs", "us-gaap:Assets");
    const le = find(data, "bs", "us-gaap:LiabilitiesAndStockholdersEquity");
    if (assets && le) checks.push({ id: "bs_balances", label: "Total assets = total liabilities and shareholders' equity", lhs: assets.id, rhs: le.id, periods: ["opening" in report.roles ? "opening" : undefined, "closing"].filter(Boolean) });
  }
  if (sheet === "cf") {
    const cf = find(data, "cf", "us-gaap:NetIncomeLoss");
    const is = find(data, "is", "us-gaap:NetIncomeLoss");
    const roles = ["prior2", "prior", "current"].filter((r) => r in report.roles && data.statements.find((s) => s.id === "cf")!.periods.includes(report.roles[r]!));
    if (cf && is && roles.length) checks.push({ id: "net_income_is_cf", label: "Net income on the cash-flow statement = net income on the income statement", lhs: cf.id, rhs: `is.${is.id}`, periods: roles });
    const ending = data.statements.find((s) => s.id === "cf")?.lines.find((l) => l.id.endsWith("_ending"));
    const beginning = data.statements.find((s) => s.id === "cf")?.lines.find((l) => l.id.endsWith("_beginning"));
    const change = data.statements.find((s) => s.id === "cf")?.lines.find((l) => /PeriodIncreaseDecrease/.test(l.concept));
    if (ending && beginning && change && roles.length) {
      checks.push({ id: "cash_rolls_forward", label: `${ending.label} = beginning balance + the period's change`, lhs: ending.id, rhs: `${beginning.id} + ${change.id}`, periods: roles });
    }
  }
  return checks;
}

/** Net sales, margins and net income in the statements' unit, with YoY %, and a chart of them. */
function summaryOf(data: XbrlData, columns: unknown[]): Record<string, unknown> {
  const is = data.statements.find((s) => s.id === "is")!;
  const pick = (concepts: string[]): SourceLine | undefined => concepts.map((c) => find(data, "is", c)).find(Boolean);
  const revenue = pick(["us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "us-gaap:Revenues", "us-gaap:SalesRevenueNet"]);
  const gross = pick(["us-gaap:GrossProfit"]);
  const operating = pick(["us-gaap:OperatingIncomeLoss"]);
  const net = pick(["us-gaap:NetIncomeLoss"]);
  const rows: unknown[] = [{ heading: "Results" }];
  const chartRows: string[] = [];
  for (const [id, line, label] of [["net_sales", revenue, "Net sales"], ["gross_margin", gross, "Gross margin"], ["operating_income", operating, "Operating income"], ["net_income", net, "Net income"]] as const) {
    if (!line) continue;
    rows.push({ id, label, formula: `is.${line.id}`, ...(id === "net_sales" || id === "net_income" ? { style: "total" } : {}) });
    chartRows.push(id);
  }
  const pct = (id: string, of: string, label: string): void => {
    if (chartRows.includes(of) && chartRows.includes("net_sales")) rows.push({ id, label, formula: `${of} / net_sales`, format: "percent", style: "memo", skip: columns.flatMap((c) => ("id" in (c as object) ? [(c as { id: string }).id] : [])) });
  };
  rows.push({ heading: "Margins, % of net sales" });
  pct("gross_margin_pct", "gross_margin", "Gross margin");
  pct("operating_margin_pct", "operating_income", "Operating margin");
  pct("net_margin_pct", "net_income", "Net margin");
  const periodColumns = columns.filter((c) => "role" in (c as object) && !String((c as { role: string }).role).startsWith("quarter")).map((c) => ({ column: (c as { role: string }).role }));
  return {
    $schema: "../../schemas/sheet.schema.json",
    id: "summary",
    name: "Summary",
    title: `Summary, ${is.unit}: {current:label}`,
    unit: is.unit,
    statements: [],
    columns,
    rows,
    charts: chartRows.length
      ? [{ id: "results", title: `Results, ${is.unit}`, kind: "clustered_column", anchor: { cell: "H6", columns: 9, rows: 18 }, categories: { rows: chartRows }, series: periodColumns }]
      : [],
  };
}


import type { Decimal } from "../../decimal.js";
import { DataError } from "../../errors.js";
import { localName, type Concept } from "./concept.js";
import { periodKey, type Context, type ContextPeriod } from "./contexts.js";
import type { Decimals } from "./decimals.js";
import type { Reported } from "./fact-table.js";
import type { NumericFact } from "./facts.js";
import type { Filing } from "./filing.js";
import { isNegatedRole, LABEL_ROLES } from "./labels.js";
import type { PresentationNode } from "./presentation.js";
import type { RoleType } from "./taxonomy.js";
import { describeUnit } from "./units.js";

/** Where a figure comes from: the fact, by file, place and id. */
export interface FactSource {
  file: string;
  line: number;
  column: number;
  id: string | undefined;
  contextRef: string;
}

/** A figure of a statement line in one period. */
export interface LineValue {
  /** As reported (a negated line shows it with the sign changed); null when reported nil. */
  value: Decimal | null;
  decimals: Decimals | undefined;
  /** `USD`, `shares`, `USD/shares`. */
  unit: string;
  period: ContextPeriod;
  source: FactSource;
  /** How many facts report it (duplicates), and whether they agree. */
  reportedTimes: number;
  consistent: boolean;
}

/** A row of a statement, in presentation order. */
export interface StatementLine {
  concept: Concept;
  /** The label the statement shows: the preferred label's role, else the standard label. */
  label: string;
  labelRole: string | undefined;
  /** Within the statement's line items: 0 for a top-level line. */
  depth: number;
  /** A heading: an abstract concept (`…Abstract`), which has no figures. */
  heading: boolean;
  /** Shown with its sign changed (a negated label role). */
  negated: boolean;
  /** A total of the role's calculation network: the filing says which items it adds up. */
  total: boolean;
  /** For a balance shown in a flow statement (periodStartLabel, periodEndLabel): the instant is the period's start or end. */
  balance: "start" | "end" | undefined;
  /** By period key (`2022-09-25--2023-09-30`, `2023-09-30`). */
  values: Map<string, LineValue>;
}

export interface XbrlStatement {
  role: string;
  /** The role's definition, parsed (title, kind, sort code), when the schema declares it. */
  roleType: RoleType | undefined;
  /** The dimensions the statement's figures are taken in (none: the consolidated figures). */
  dimensions: Record<Concept, Concept>;
  /** Every period a line has a figure in, durations first, each kind latest first. */
  periods: ContextPeriod[];
  lines: StatementLine[];
}

/** Presentation nodes that name a table's dimensions rather than a line (US GAAP's naming convention for them): skipped with what is under them. */
const DIMENSIONAL = /(Axis|Domain|Member)$/;
/** Nodes that hold the lines of a table: their children are lifted to their place. */
const HOLDER = /(Table|LineItems)$/;

/**
 * A statement (a presentation role) as lines with their figures per period: the
 * shape of a tieout statement (items, values per period, unit, provenance). Figures
 * are the facts whose context has exactly the given dimensions (none by default:
 * the consolidated statement); tables, axes and members in the tree are skipped,
 * line items lifted to the top.
 */
export function statementOf(filing: Filing, role: string, dimensions: Record<Concept, Concept> = {}): XbrlStatement {
  const network = filing.presentation.find((n) => n.role === role);
  if (!network) {
    throw new DataError(`the filing presents no role ${role}`, { file: filing.folder, hint: `a statement role: ${statementRoles(filing).map((r) => r.uri).join(", ")}` });
  }
  const totals = new Set<Concept>();
  for (const c of filing.calculation) if (c.role === role) for (const s of c.summations) totals.add(s.total);
  const wanted = dimensionKey(dimensions);
  const lines: StatementLine[] = [];
  const periods = new Map<string, ContextPeriod>();

  const visit = (node: PresentationNode, depth: number): void => {
    const local = localName(node.concept);
    if (DIMENSIONAL.test(local)) return;
    if (HOLDER.test(local)) {
      for (const child of node.children) visit(child, depth);
      return;
    }
    const role = node.preferredLabel;
    const values = new Map<string, LineValue>();
    for (const r of filing.facts.figures(node.concept)) {
      if (dimensionKey(r.context.dimensions) !== wanted || Object.keys(r.context.typed).length) continue;
      const value = lineValue(filing, r);
      const key = periodKey(r.context.period);
      values.set(key, value);
      periods.set(key, r.context.period);
    }
    lines.push({
      concept: node.concept,
      label: filing.labels.label(node.concept, role ?? LABEL_ROLES.standard) ?? node.concept,
      labelRole: role,
      depth,
      heading: local.endsWith("Abstract"),
      negated: isNegatedRole(role),
      total: totals.has(node.concept),
      balance: role === LABEL_ROLES.periodStart || role === LABEL_ROLES.negatedPeriodStart ? "start" : role === LABEL_ROLES.periodEnd || role === LABEL_ROLES.negatedPeriodEnd ? "end" : undefined,
      values,
    });
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of network.roots) {
    // The root is the statement's own heading (`us-gaap:IncomeStatementAbstract`): its lines start below it.
    for (const child of root.children) visit(child, 0);
  }
  return { role, roleType: filing.taxonomy.roles.get(role), dimensions, periods: sortPeriods([...periods.values()]), lines };
}

function lineValue(filing: Filing, r: Reported<NumericFact>): LineValue {
  const f = r.fact;
  return {
    value: f.value,
    decimals: f.decimals,
    unit: describeUnit(filing.instance.units.get(f.unitRef)!),
    period: r.context.period,
    source: { file: filing.instance.file, line: f.at.line, column: f.at.column, id: f.id, contextRef: f.contextRef },
    reportedTimes: r.facts.length,
    consistent: r.consistent,
  };
}

function dimensionKey(d: Context["dimensions"]): string {
  return Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join("|");
}

function sortPeriods(ps: ContextPeriod[]): ContextPeriod[] {
  const rank = (p: ContextPeriod): number => (p.kind === "duration" ? 0 : p.kind === "instant" ? 1 : 2);
  const end = (p: ContextPeriod): string => (p.kind === "forever" ? "" : p.end);
  const start = (p: ContextPeriod): string => (p.kind === "duration" ? p.start : "");
  return ps.sort((a, b) => rank(a) - rank(b) || end(b).localeCompare(end(a)) || start(b).localeCompare(start(a)));
}

/** The statement roles of a filing (`Statement` in their definition), in the order the filing sorts them. */
export function statementRoles(filing: Filing): RoleType[] {
  return [...filing.taxonomy.roles.values()].filter((r) => r.kind === "Statement").sort((a, b) => a.sortCode.localeCompare(b.sortCode));
}

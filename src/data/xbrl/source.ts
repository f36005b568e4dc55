import { dirname, resolve } from "node:path";
import { Decimal } from "../../decimal.js";
import { DataError } from "../../errors.js";
import { readJson } from "../json.js";
import { NumberText } from "../number.js";
import type { Period } from "../schema.js";
import { SCALE_EXPONENT, type Scale } from "../unit.js";
import { validate } from "../validate.js";
import { localName, type Concept } from "./concept.js";
import { periodKey } from "./contexts.js";
import { loadFiling, type Filing } from "./filing.js";
import { statementOf, statementRoles, type StatementLine } from "./statement.js";
import { xbrlSource, type XbrlSource } from "./source-mapping.js";

/** A line of a statement read from a filing, as a tieout item. */
export interface SourceLine {
  id: string;
  concept: Concept;
  label: string;
  depth: number;
  heading: boolean;
  /** Its place in the filing's presentation of the statement. */
  order: number;
  /** The statement (of the report) it belongs to: `is`, `is_per_share`, `is_shares`. */
  statement: string;
  /** For a total of the filing's calculation whose parts are all lines of its statement: `a + b - c` in the template language. */
  formula: string | undefined;
  /** A part of some total's formula. */
  part: boolean;
  values: Record<string, number | NumberText | null>;
  /** Fact ids by period, for the line's provenance. */
  facts: Record<string, string>;
}

export interface SourceStatement {
  id: string;
  title: string;
  role: string;
  unit: string;
  periods: string[];
  lines: SourceLine[];
}

export interface XbrlData {
  mapping: XbrlSource;
  filing: Filing;
  statements: SourceStatement[];
}

/** `RevenueFromContractWithCustomer` → `revenue_from_contract_with_customer`. */
export function itemIdOf(concept: Concept): string {
  return localName(concept)
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
}

const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Reads the statements an XBRL source file names from its filing: lines in
 * presentation order, labels from the label linkbase, figures scaled to the
 * statement's unit for the report's periods (matched by their dates), and for each
 * total of the calculation linkbase the formula of its parts, with the signs of the
 * lines as the statement shows them (a negated label shows a fact with its sign
 * changed, and its weight changes sign with it). Where the filing's figures do not
 * add up, the workbook says so: its formula and the filing's total are compared as
 * a printed total, which fails the build naming the line and the period.
 */
export function readXbrlSource(file: string, periods: Record<string, Period>, written?: unknown): XbrlData {
  // `written`: the source as init is about to write it to `file`.
  const mapping = validate(xbrlSource, written ?? readJson(file, DataError, "double"), file);
  const filing = loadFiling(resolve(dirname(file), mapping.filing));
  const byKey = new Map<string, string>();
  for (const [id, p] of Object.entries(periods)) byKey.set(p.kind === "duration" ? `${p.start}--${p.end}` : p.end, id);
  const statements: SourceStatement[] = [];
  for (const [id, { role }] of Object.entries(mapping.statements)) statements.push(...readStatement(filing, mapping, id, role, periods, byKey, file));
  for (const [id, b] of Object.entries(mapping.breakdowns ?? {})) statements.push(readBreakdown(filing, mapping, id, b, byKey, file));
  return { mapping, filing, statements };
}

function readStatement(filing: Filing, mapping: XbrlSource, id: string, roleName: string, periods: Record<string, Period>, byKey: Map<string, string>, file: string): SourceStatement[] {
  const roles = statementRoles(filing);
  const role = roles.find((r) => r.uri === roleName || r.uri.endsWith(`/${roleName}`));
  if (!role) {
    throw new DataError(`the filing has no statement role "${roleName}"`, { file, path: `$.statements.${id}.role`, hint: `one of ${roles.map((r) => r.uri.split("/").pop()).join(", ")}` });
  }
  const statement = statementOf(filing, role.uri);
  const title = role.title || role.uri;
  const units = {
    amount: { id, unit: `USD ${mapping.scale}`, divisor: SCALE_EXPONENT[mapping.scale as Scale] },
    shares: { id: `${id}_shares`, unit: mapping.shares_scale === "units" ? "shares" : `shares ${mapping.shares_scale}`, divisor: SCALE_EXPONENT[mapping.shares_scale as Scale] },
    perShare: { id: `${id}_per_share`, unit: "USD per share", divisor: 0 },
  };
  const kindOf = (line: StatementLine): keyof typeof units | undefined => {
    const u = [...line.values.values()][0]?.unit;
    if (u === undefined) return line.heading ? "amount" : undefined;
    if (u === "USD") return "amount";
    if (u === "shares") return "shares";
    if (u === "USD/shares") return "perShare";
    return undefined;
  };
  const lines: SourceLine[] = [];
  const seen = new Map<string, number>();
  for (const line of statement.lines) {
    const kind = kindOf(line);
    if (kind === undefined) continue;
    const { id: statementId, divisor } = units[kind];
    const suffix = line.balance === "start" ? "_beginning" : line.balance === "end" ? "_ending" : "";
    let itemId = itemIdOf(line.concept) + suffix;
    const n = seen.get(itemId) ?? 0;
    seen.set(itemId, n + 1);
    if (n > 0) itemId = `${itemId}_${n + 1}`;
    const values: Record<string, number | NumberText | null> = {};
    const facts: Record<string, string> = {};
    for (const [periodId, p] of Object.entries(periods)) {
      let key: string | undefined;
      if (line.balance === "start" && p.kind === "duration") key = dayBefore(p.start!);
      else if (line.balance === "end" && p.kind === "duration") key = p.end;
      else if (line.balance === undefined) key = p.kind === "duration" ? `${p.start}--${p.end}` : p.end;
      const v = key === undefined ? undefined : line.values.get(key);
      if (!v || v.value === null) continue;
      const shown = (line.negated ? v.value.negated() : v.value).div(new Decimal(10).pow(divisor));
      values[periodId] = shown.isInteger() && shown.abs().lt(1e15) ? shown.toNumber() : new NumberText(shown.toString());
      facts[periodId] = v.source.id ?? v.source.contextRef;
    }
    if (!line.heading && Object.keys(values).length === 0) continue;
    lines.push({ id: itemId, concept: line.concept, label: line.label, depth: line.depth, heading: line.heading, order: lines.length, statement: statementId, formula: undefined, part: false, values, facts });
  }
  // Each total of the role's calculation becomes a formula of its parts when they are all lines shown in its statement.
  const sign = new Map(statement.lines.map((l) => [l.concept, l.negated ? -1 : 1]));
  for (const network of filing.calculation.filter((c) => c.role === role.uri)) {
    for (const s of network.summations) {
      const total = lines.find((l) => l.concept === s.total && !l.heading && !/_beginning$|_ending$/.test(l.id));
      if (!total) continue;
      // A part the filing presents but reports only as nil (Apple's "Commitments and contingencies") adds nothing.
      const reported = s.items.filter((item) => filing.facts.figures(item.item).some((r) => r.fact.value !== null));
      const parts = reported.map((item) => ({ item, line: lines.find((l) => l.concept === item.item && l.statement === total.statement && !/_beginning$|_ending$/.test(l.id)) }));
      if (parts.some((p) => !p.line || !p.item.weight.abs().eq(1))) continue;
      const terms = parts.map(({ item, line }) => ({ id: line!.id, sign: item.weight.toNumber() * sign.get(item.item)! * sign.get(s.total)! }));
      for (const p of parts) p.line!.part = true;
      total.formula = terms.map((t, i) => (i === 0 ? (t.sign < 0 ? `-${t.id}` : t.id) : `${t.sign < 0 ? "-" : "+"} ${t.id}`)).join(" ");
    }
  }
  const out: SourceStatement[] = [];
  for (const kind of ["amount", "shares", "perShare"] as const) {
    const { id: statementId, unit } = units[kind];
    const own = lines.filter((l) => l.statement === statementId);
    if (own.every((l) => l.heading)) continue;
    const withFigures = new Set(own.flatMap((l) => Object.keys(l.values)));
    out.push({ id: statementId, title, role: role.uri, unit, periods: Object.keys(periods).filter((p) => withFigures.has(p)), lines: own });
  }
  return out;
}

/**
 * A concept broken down by the members of one axis (net sales by segment, by product):
 * each member the filing reports the concept for is a line, labelled as the label
 * linkbase labels the member, its figures taken from the contexts that carry that
 * axis alone; members in the filing's order of first report.
 */
function readBreakdown(filing: Filing, mapping: XbrlSource, id: string, b: NonNullable<XbrlSource["breakdowns"]>[string], byKey: Map<string, string>, file: string): SourceStatement {
  const divisor = SCALE_EXPONENT[mapping.scale as Scale];
  const lines = new Map<string, SourceLine>();
  for (const r of filing.facts.figures(b.concept)) {
    const axes = Object.keys(r.context.dimensions);
    if (axes.length !== 1 || axes[0] !== b.axis || Object.keys(r.context.typed).length > 0 || r.fact.unitRef === undefined) continue;
    const periodId = byKey.get(periodKey(r.context.period));
    if (periodId === undefined || r.fact.value === null) continue;
    const member = r.context.dimensions[b.axis]!;
    let line = lines.get(member);
    if (!line) {
      const lineId = itemIdOf(member).replace(/_member$/, "");
      line = { id: lineId, concept: member, label: filing.labels.label(member) ?? localName(member), depth: 1, heading: false, order: lines.size, statement: id, formula: undefined, part: true, values: {}, facts: {} };
      lines.set(member, line);
    }
    const shown = r.fact.value.div(new Decimal(10).pow(divisor));
    line.values[periodId] = shown.isInteger() && shown.abs().lt(1e15) ? shown.toNumber() : new NumberText(shown.toString());
    line.facts[periodId] = r.fact.id ?? r.fact.contextRef;
  }
  if (lines.size === 0) {
    throw new DataError(`the filing reports ${b.concept} by ${b.axis} for none of the report's periods`, { file, path: `$.breakdowns.${id}`, hint: "a concept and axis the filing's dimensional facts use" });
  }
  const all = [...lines.values()];
  const withFigures = new Set(all.flatMap((l) => Object.keys(l.values)));
  return { id, title: b.title, role: `${b.concept} by ${b.axis}`, unit: `USD ${mapping.scale}`, periods: [...byKey.values()].filter((p) => withFigures.has(p)), lines: all };
}

/** The statements as a data file holds them: what readJson would give for the same figures typed as JSON. */
export function xbrlDataFile(data: XbrlData): { statements: Record<string, unknown> } {
  const statements: Record<string, unknown> = {};
  for (const s of data.statements) {
    const items: Record<string, unknown> = {};
    for (const l of s.lines) {
      if (l.heading) continue;
      const facts = [...new Set(Object.values(l.facts))].join(", ");
      items[l.id] = {
        label: l.label,
        values: Object.fromEntries(s.periods.map((p) => [p, l.values[p] ?? null])),
        ...(l.formula && { total: true, formula: l.formula }),
        depth: l.depth,
        note: `${l.concept}; facts ${facts}`,
      };
    }
    statements[s.id] = { title: s.title, source: `${data.mapping.source}, ${s.role}`, unit: s.unit, periods: s.periods, items };
  }
  return { statements };
}

import * as z from "zod";
import type { Period } from "./schema.js";

/**
 * Periods by role: what a template's columns name instead of period ids, so that one
 * template builds every period of a report. A report binds each role it uses to one of
 * its periods (`"roles": { "current": "1H18", "prior": "1H17" }`), and the binding is
 * checked against the periods' dates, so a report rolled forward by hand cannot bind
 * last year's figures to this year's column.
 *
 * - `current`: the period the report is about (six months ended September 30, 2018).
 * - `quarter`: the last three months of the current period (second quarter).
 * - `derived_quarter`: the current period before its last quarter, derived as current − quarter (first quarter).
 * - `opening`, `closing`: the balance sheet dates the current period runs between.
 * - `year`: the fiscal year the current period belongs to.
 * - `<role>_prior`, `<role>_prior2`…: the same role one, two… years earlier (`prior` alone: the current period's); within a week, for 52/53-week years.
 * - `<role>_lag1`, `<role>_lag2`…: the periods just before, of the same length (trailing quarters); `current_lag1` for the current period's.
 */
export const ROLE_BASES = ["current", "quarter", "derived_quarter", "opening", "closing", "year"] as const;
export type RoleBase = (typeof ROLE_BASES)[number];

const N = "(?:[2-9]|[1-9][0-9])";
const ROLE = new RegExp(`^(?:prior(${N})?|current(?:_lag([1-9][0-9]?))?|(quarter|derived_quarter|opening|closing|year)(?:_prior(${N})?|_lag([1-9][0-9]?))?)$`);
const PRIOR_PLAIN = /^(?:prior|(?:quarter|derived_quarter|opening|closing|year)_prior)$/;

export const role = z
  .string()
  .regex(ROLE, "a role: current, prior, prior2…, quarter, derived_quarter, opening, closing, year, each with _prior, _prior2… or _lag1, _lag2… (quarter_prior, closing_prior, quarter_lag1)")
  .describe("A period by its role relative to the report's period, bound to a period id in report.json's roles.");

export interface RoleParts {
  base: RoleBase;
  /** Years back (prior) or periods of the same length back (lag); 0 for the base role itself. */
  shift: "prior" | "lag" | undefined;
  by: number;
}

export function parseRole(text: string): RoleParts | undefined {
  const m = ROLE.exec(text);
  if (!m) return undefined;
  const [, priorN, currentLag, base, basePriorN, baseLag] = m;
  if (text.startsWith("prior")) return { base: "current", shift: "prior", by: Number(priorN ?? 1) };
  if (text.startsWith("current")) return currentLag ? { base: "current", shift: "lag", by: Number(currentLag) } : { base: "current", shift: undefined, by: 0 };
  if (baseLag) return { base: base as RoleBase, shift: "lag", by: Number(baseLag) };
  if (basePriorN || PRIOR_PLAIN.test(text)) return { base: base as RoleBase, shift: "prior", by: Number(basePriorN ?? 1) };
  return { base: base as RoleBase, shift: undefined, by: 0 };
}

/** The role's name from its parts: `prior`, `quarter_prior2`, `quarter_lag1`. */
export function roleName(parts: RoleParts): string {
  const n = parts.by > 1 ? String(parts.by) : "";
  if (parts.shift === undefined) return parts.base;
  if (parts.base === "current") return parts.shift === "prior" ? `prior${n}` : `current_lag${parts.by}`;
  return parts.shift === "prior" ? `${parts.base}_prior${n}` : `${parts.base}_lag${parts.by}`;
}

/** The roles of the trailing `count` periods ending with `role`: oldest first, `role` last. */
export function trailingRoles(role: string, count: number, step: "year" | "period"): string[] | undefined {
  const parts = parseRole(role);
  if (!parts || parts.shift !== undefined) return undefined;
  return Array.from({ length: count }, (_, i) => count - 1 - i).map((back) =>
    back === 0 ? role : roleName({ base: parts.base, shift: step === "year" ? "prior" : "lag", by: back }),
  );
}

const WHAT: Record<RoleBase, string> = {
  current: "the report's period",
  quarter: "the last three months of the current period",
  derived_quarter: "the current period before its last quarter",
  opening: "the balance sheet date just before the current period starts",
  closing: "the balance sheet date the current period ends on",
  year: "the fiscal year of about twelve months the current period belongs to",
};

/** What a role means, for messages: `the last three months of the current period, one year earlier`. */
export function describeRole(parts: RoleParts): string {
  const what = WHAT[parts.base];
  if (parts.shift === undefined) return what;
  const n = parts.by === 1 ? "one" : String(parts.by);
  return parts.shift === "prior" ? `${what}, ${n} year${parts.by === 1 ? "" : "s"} earlier` : `${what}, ${n} period${parts.by === 1 ? "" : "s"} of its length earlier`;
}

// Dates as days since 1970-01-01 (UTC): the arithmetic the rules need.
const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const iso = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);

/** A date moved by whole months; the last day of a month stays the last day (Sep 30 − 3 months = Jun 30). */
function addMonths(d: number, months: number): number {
  const date = new Date(d * DAY);
  const [y, m, dd] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate() === dd;
  const target = new Date(Date.UTC(y, m + months, 1));
  const daysThere = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), lastOfMonth ? daysThere : Math.min(dd, daysThere)) / DAY;
}

const monthsOf = (p: { start: number; end: number }): number => Math.round((p.end - p.start + 1) / 30.44);

/** What the period a role is bound to must look like: its kind and dates, within `slack` days. */
interface Expected {
  kind: Period["kind"];
  start?: number | undefined;
  end?: number | undefined;
  slack: number;
  /** Length in days, for roles known by their length rather than their start. */
  length?: [number, number];
  /** The fiscal year: it must contain the current period. */
  contains?: { start: number; end: number } | undefined;
}

export interface Binding {
  /** Role → period id, as report.json gives it. */
  roles: ReadonlyMap<string, string>;
  periods: Readonly<Record<string, Period>>;
}

const span = (p: Period): { start: number; end: number } => ({ start: day(p.start ?? p.end), end: day(p.end) });

/** The expectation of a role, or the role it cannot be checked without. */
function expected(parts: RoleParts, binding: Binding): Expected | { needs: string } | undefined {
  const bound = (r: string): Period | undefined => {
    const id = binding.roles.get(r);
    return id === undefined ? undefined : binding.periods[id];
  };
  const current = bound("current");
  if (!current) return parts.base === "current" && parts.shift === undefined ? undefined : { needs: "current" };
  const c = span(current);
  let base: Expected | undefined;
  switch (parts.base) {
    case "current":
      base = { kind: "duration", start: c.start, end: c.end, slack: 0 };
      break;
    case "quarter":
      base = { kind: "duration", end: c.end, slack: 0, length: [80, 100] };
      break;
    case "derived_quarter": {
      const q = bound("quarter");
      if (!q) return { needs: "quarter" };
      base = { kind: "duration", start: c.start, end: span(q).start - 1, slack: 0 };
      break;
    }
    case "opening":
      base = { kind: "instant", end: c.start - 1, slack: 0 };
      break;
    case "closing":
      base = { kind: "instant", end: c.end, slack: 0 };
      break;
    case "year":
      base = { kind: "duration", slack: 0, length: [350, 380], contains: c };
      break;
  }
  if (parts.shift === undefined) return parts.base === "current" ? undefined : base;
  // A quarter's own length, else the current period's: the step of a lag.
  const own = bound(parts.base);
  const months = parts.shift === "prior" ? 12 * parts.by : parts.by * (parts.base === "quarter" ? 3 : parts.base === "year" ? 12 : monthsOf(own && own.kind === "duration" ? span(own) : c));
  const move = (d: number | undefined): number | undefined => (d === undefined ? undefined : addMonths(d, -months));
  const shiftedContains = base.contains && { start: move(base.contains.start)!, end: move(base.contains.end)! };
  return { ...base, start: move(base.start), end: move(base.end), slack: 7, contains: shiftedContains };
}

/** Why `period` cannot play the role, or undefined when it can. */
function mismatch(e: Expected, p: Period): string | undefined {
  if (p.kind !== e.kind) return `it is ${p.kind === "instant" ? "an instant" : "a duration"}, the role ${e.kind === "instant" ? "a balance sheet date" : "a duration"}`;
  const s = span(p);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= e.slack;
  if (e.end !== undefined && !near(s.end, e.end)) return `it ends ${iso(s.end)}, the role ${e.slack ? "about " : ""}${iso(e.end)}`;
  if (e.start !== undefined && !near(s.start, e.start)) return `it starts ${iso(s.start)}, the role ${e.slack ? "about " : ""}${iso(e.start)}`;
  const length = s.end - s.start + 1;
  if (e.length && (length < e.length[0] - e.slack || length > e.length[1] + e.slack)) return `it lasts ${length} days, the role ${e.length[0]}–${e.length[1]}`;
  if (e.contains && (s.start > e.contains.start + e.slack || s.end < e.contains.end - e.slack)) {
    return `it runs ${iso(s.start)} – ${iso(s.end)}, which does not contain ${iso(e.contains.start)} – ${iso(e.contains.end)}`;
  }
  return undefined;
}

/**
 * Why a role cannot be bound to a period, or undefined when it can: the period's kind
 * and dates against what the role means, given the roles it depends on.
 */
export function bindingProblem(roleText: string, periodId: string, binding: Binding): string | undefined {
  const parts = parseRole(roleText);
  if (!parts) return `"${roleText}" is not a role`;
  const period = binding.periods[periodId];
  if (!period) return `"${periodId}" is not a period of the report`;
  if (parts.base === "current" && parts.shift === undefined) return period.kind === "duration" ? undefined : `the current period is a duration; ${periodId} is an instant`;
  const e = expected(parts, binding);
  if (e === undefined) return undefined;
  if ("needs" in e) return `role "${roleText}" is known only from role "${e.needs}", which report.json does not bind`;
  const why = mismatch(e, period);
  return why && `${periodId} cannot be ${describeRole(parts)}: ${why}`;
}

/** Periods of the report that could play a role: the hint of a missing or wrong binding. */
export function candidates(roleText: string, binding: Binding): string[] {
  const parts = parseRole(roleText);
  if (!parts) return [];
  const e = expected(parts, binding);
  if (e === undefined || "needs" in e) return [];
  return Object.keys(binding.periods).filter((id) => mismatch(e, binding.periods[id]!) === undefined);
}

/** `September 30, 2018`: how headers and titles print a period's dates. */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1];
  return `${month} ${d}, ${y}`;
}

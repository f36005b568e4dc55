import { longDate, parseRole } from "../data/role.js";
import type { Period } from "../data/schema.js";
import { TemplateError, type Where } from "../errors.js";

/** The periods a template's roles stand for in one report: report.json's roles and periods. */
export interface PeriodBinding {
  roles: ReadonlyMap<string, string>;
  periods: Readonly<Record<string, Period>>;
}

export const NO_BINDING: PeriodBinding = { roles: new Map(), periods: {} };

/** `{prior}`, `{closing:end}`, `{period:label}`: a role (or this column's own period) and what of it to print. */
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)(?::([a-z]+))?\}/g;
const FIELDS = ["id", "label", "start", "end"] as const;

/**
 * Text a template writes into a cell (a title, header, label, chart title) with its
 * placeholders filled in from the report's periods: `{prior}` → `1H17`,
 * `{closing:end}` → `September 30, 2018`, `{year:label}` → the period's label. In a
 * column header, `{period}` is the column's own period. Text without braces is
 * returned as it is.
 */
export function fillText(text: string, binding: PeriodBinding, where: Where, own?: string): string {
  if (!text.includes("{")) return text;
  return text.replace(PLACEHOLDER, (whole, name: string, field: string | undefined) => {
    const id = name === "period" && own !== undefined ? own : binding.roles.get(name);
    if (id === undefined) {
      const known = name === "period" ? "{period} is a column's own period, in its header" : parseRole(name) ? `report.json binds no period to role "${name}"` : `"${name}" is not a role`;
      throw new TemplateError(`${whole}: ${known}`, { ...where, hint: `a role report.json binds (${[...binding.roles.keys()].join(", ") || "none bound"}), as {role}, {role:label}, {role:start} or {role:end}` });
    }
    const period = binding.periods[id];
    if (field === undefined || field === "id") return id;
    if (!(FIELDS as readonly string[]).includes(field)) throw new TemplateError(`${whole}: "${field}" is not a field of a period`, { ...where, hint: FIELDS.join(", ") });
    if (!period) return id;
    if (field === "label") return period.label;
    if (field === "start") return longDate(period.start ?? period.end);
    return longDate(period.end);
  });
}

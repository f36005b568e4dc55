import { Decimal } from "../../decimal.js";
import { isExactInteger, numberProblem, NumberText } from "../number.js";
import type { NumberFormat } from "./mapping.js";

/** A figure as readJson gives one (an exact integer as a number, any other as its text), or null for none. */
export type CellFigure = number | NumberText | null;

const DASHES = new Set(["-", "–", "—", "‒", "−"]);

/**
 * A cell of a statement export as a figure: thousands separators dropped, a decimal
 * mark turned into a point, parentheses or a minus (ASCII or U+2212) for negatives, a
 * lone dash and an empty cell as the format says, then times the file's scale.
 * Returns a reason instead when the text is not a number.
 */
export function cellFigure(raw: string, format: NumberFormat, scale: number): CellFigure | { problem: string } {
  const text = raw.trim();
  if (text === "") return null;
  if (DASHES.has(text)) return format.dash === "zero" ? 0 : null;
  let body = text;
  let negative = false;
  if (format.parentheses && body.startsWith("(") && body.endsWith(")")) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (/^[-−]/.test(body)) {
    if (negative) return { problem: `"${raw}" is negative twice` };
    negative = true;
    body = body.slice(1);
  }
  if (format.thousands !== "none") {
    const sep = format.thousands === "." ? "\\." : format.thousands;
    const grouped = new RegExp(`^\\d{1,3}(${sep}\\d{3})+(?=$|[${format.decimal === "." ? "." : ","}])`);
    const m = grouped.exec(body);
    if (m) body = m[0].split(format.thousands).join("") + body.slice(m[0].length);
  }
  if (format.decimal === ",") body = body.replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(body)) return { problem: `"${raw}" is not a number in this file's format (thousands "${format.thousands}", decimal "${format.decimal}")` };
  let value = new Decimal(body);
  if (negative) value = value.neg();
  if (scale !== 1) value = value.mul(new Decimal(String(scale)));
  const written = value.isZero() ? "0" : value.toFixed();
  const problem = numberProblem(written);
  if (problem) return { problem };
  const n = Number(written);
  return isExactInteger(n) && String(n) === written ? n : new NumberText(written);
}

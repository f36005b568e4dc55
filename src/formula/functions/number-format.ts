import { Decimal, numberText } from "../values.js";
import { dateOf, in1900 } from "./serial.js";
import { formatSections as sections, formatTokens, isDateSection, type FormatToken } from "../../template/number-format.js";

/** A section's tokens; colours (`[Red]`) change nothing in text. */
const tokens = (section: string): Tokens => formatTokens(section).filter((t) => t.literal || !t.code.startsWith("["));

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Tokens = FormatToken[];

function formatDate(serial: number, ts: Tokens): string {
  const [y, m, d] = dateOf(serial);
  const weekday = (Math.floor(serial) + 6) % 7;
  let out = "";
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.literal) {
      out += t.code;
      continue;
    }
    const ch = t.code.toLowerCase();
    if (!"ymd".includes(ch)) {
      out += t.code;
      continue;
    }
    let n = 1;
    while (ts[i + 1] && !ts[i + 1]!.literal && ts[i + 1]!.code.toLowerCase() === ch) {
      n++;
      i++;
    }
    if (ch === "y") out += n <= 2 ? String(y % 100).padStart(2, "0") : String(y);
    else if (ch === "m") out += n === 1 ? String(m) : n === 2 ? String(m).padStart(2, "0") : n === 3 ? MONTHS[m - 1]!.slice(0, 3) : MONTHS[m - 1]!;
    else out += n === 1 ? String(d) : n === 2 ? String(d).padStart(2, "0") : n === 3 ? DAYS[weekday]!.slice(0, 3) : DAYS[weekday]!;
  }
  return out;
}

function formatNumberSection(n: Decimal, ts: Tokens): string {
  const placeholders = ts.filter((t) => !t.literal).map((t) => t.code).join("");
  const percent = (placeholders.match(/%/g) ?? []).length;
  const point = placeholders.indexOf(".");
  const integerPart = point < 0 ? placeholders : placeholders.slice(0, point);
  const fractionPart = point < 0 ? "" : placeholders.slice(point + 1);
  const decimals = (fractionPart.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fractionPart.match(/0/g) ?? []).length;
  const minInteger = (integerPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(integerPart);
  // Commas right after the last digit placeholder (after the decimals too: `#,##0.0,,`) scale by 1,000 each.
  const scaleCommas = (/[0#?](,+)[^0#?]*$/.exec(placeholders)?.[1] ?? "").length;
  let value = n.abs().times(new Decimal(100).pow(percent)).div(new Decimal(1000).pow(scaleCommas));
  value = value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  let [int, frac = ""] = value.toFixed(decimals).split(".");
  frac = frac.replace(/0+$/, "");
  while (frac.length < minDecimals) frac += "0";
  if (int === "0" && minInteger === 0) int = "";
  int = int!.padStart(minInteger, "0");
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const digits = frac.length > 0 ? `${int}.${frac}` : int;
  // Put the digits where the first placeholder stands; keep the literals around them.
  let out = "";
  let placed = false;
  for (const t of ts) {
    if (t.literal) out += t.code;
    else if (/[0#?.,]/.test(t.code)) {
      if (!placed) out += digits;
      placed = true;
    } else out += t.code;
  }
  return out;
}

/**
 * A number as TEXT(value, format) shows it, for the formats reports use: `0`,
 * `#,##0`, `0.0%`, `#,##0;(#,##0);"-"`, `yyyy-mm-dd`, `mmm d, yyyy`, `General`; dates
 * by the workbook's date system.
 */
export function formatNumber(n: Decimal, format: string, date1904 = false): string {
  if (/^general$/i.test(format.trim()) || format === "") return numberText(n);
  const parts = sections(format);
  const negative = n.isNeg() && !n.isZero();
  const section = negative && parts.length > 1 ? parts[1]! : n.isZero() && parts.length > 2 ? parts[2]! : parts[0]!;
  const ts = tokens(section);
  if (isDateSection(ts)) return formatDate(in1900(n.toNumber(), date1904), ts);
  const text = formatNumberSection(n, ts);
  return negative && parts.length === 1 ? `-${text}` : text;
}

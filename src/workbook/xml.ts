import { withFilePrefixes } from "../formula/functions/prefix.js";

/** Formula text as a part holds it (`<f>`, a defined name, a chart's `<c:f>`): Excel's prefixes on future functions, XML-escaped. */
export function formulaXml(formula: string): string {
  return escapeXml(withFilePrefixes(formula));
}

/** Text and attribute values as XML must write them. */
export function escapeXml(text: string): string {
  // Most text needs nothing: testing costs less than replacing, a million times over.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITY[c]!) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Text as Excel reads it from a shared string or a comment: OOXML spells a character
 * as `_xHHHH_` there (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), so a literal `_x0041_`
 * has its first underscore escaped (`_x005F_x0041_`) or Excel shows "A"; a carriage
 * return is written `_x000D_`, which XML would otherwise turn into a line feed
 * ([MS-OI29500] 2.1.1747). No other underscore is escaped: Excel refuses `_x005F_`
 * anywhere else. XML-escaped as well.
 */
export function escapeXstring(text: string): string {
  if (!XSTRING_SPECIAL.test(text)) return escapeXml(text);
  // An underscore starts an escape when `xHHHH_` follows, or `xHHHH` and a carriage return, whose escape brings the closing `_`.
  return escapeXml(text.replace(/_(?=x[0-9A-Fa-f]{4}[_\r])/g, "_x005F_").replace(/\r/g, "_x000D_"));
}

const XSTRING_SPECIAL = /_x|\r/;

/** What Excel shows for the text of a shared string or a comment: each `_xHHHH_` decoded, left to right. */
export function unescapeXstring(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The text an escaped attribute value stands for (the five entities and character references). */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e]!;
  });
}

/** The attributes of one start tag, `<sheet name="A &amp; B" r:id="rId4"/>` → { name: "A & B", "r:id": "rId4" }. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? "");
  return out;
}

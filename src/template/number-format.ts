import * as z from "zod";

/**
 * The number formats a template declares: named presets, or any Excel format code that
 * tieout's TEXT renders as Excel does. The grammar (sections, tokens) is the one TEXT
 * reads (formula/functions/number-format.ts), so a code the template stage accepts is
 * one the writer writes and TEXT shows the same way.
 */

/** Presets: negatives in parentheses and zero as a dash, but for counts. `{symbol}` is the currency's symbol, quoted. */
const PRESETS = {
  amount: '#,##0;(#,##0);"-"',
  amount_symbol: '{symbol}#,##0;({symbol}#,##0);"-"',
  per_share: '#,##0.00;(#,##0.00);"-"',
  per_share_symbol: '{symbol}#,##0.00;({symbol}#,##0.00);"-"',
  decimal1: '#,##0.0;(#,##0.0);"-"',
  decimal2: '#,##0.00;(#,##0.00);"-"',
  percent: '0.0%;(0.0%);"-"',
  percent2: '0.00%;(0.00%);"-"',
  bp: '#,##0" bp";(#,##0" bp");"-"',
  count: "#,##0;-#,##0;0",
} as const;
export type Preset = keyof typeof PRESETS | "text";
/** The presets' codes, but for those that take a currency symbol (made into codes per cell). */
export const PRESET_CODES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PRESETS).filter(([, code]) => !code.includes("{symbol}")));
export const PRESET_NAMES = [...Object.keys(PRESETS), "text"] as Preset[];

/** The Excel code of a preset; a currency-symbol preset needs the currency's symbol. */
export function presetCode(name: Exclude<Preset, "text">, symbol?: string): string {
  const code: string = PRESETS[name];
  if (!code.includes("{symbol}")) return code;
  if (symbol === undefined) throw new Error(`preset ${name} needs a currency symbol`);
  return code.replaceAll("{symbol}", `"${symbol.replace(/"/g, "")}"`);
}

export const isPreset = (format: string): format is Preset => (PRESET_NAMES as string[]).includes(format);
export const needsSymbol = (format: Preset): boolean => format !== "text" && PRESETS[format].includes("{symbol}");

/** A piece of a format section: a placeholder or code (`0`, `#`, `.`, `,`, `%`, `y`…) or literal text. */
export interface FormatToken {
  code: string;
  literal: boolean;
}

/** Splits a format at `;` outside quotes and escapes. */
export function formatSections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      current += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === "\\") {
      current += format.slice(i, i + 2);
      i++;
    } else if (ch === ";") {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Tokens of one section: placeholders and codes, or literal text; `[…]` brackets are kept as a code of their own. */
export function formatTokens(section: string): FormatToken[] {
  const out: FormatToken[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ code: section.slice(i + 1, stop), literal: true });
      i = stop;
    } else if (ch === "\\") {
      out.push({ code: section[i + 1] ?? "", literal: true });
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const stop = end < 0 ? section.length : end;
      out.push({ code: section.slice(i, stop + 1), literal: false });
      i = stop;
    } else if (ch === "_" || ch === "*") {
      // Padding: `_)` leaves the width of ")", `*-` repeats: a space in text, nothing.
      if (ch === "_") out.push({ code: " ", literal: true });
      i++;
    } else out.push({ code: ch, literal: false });
  }
  return out;
}

/** Brackets that change only the colour: what TEXT ignores, as Excel's does. */
const COLOUR = /^\[(?:Black|Blue|Cyan|Green|Magenta|Red|White|Yellow|Color(?:[1-9]|[1-4][0-9]|5[0-6]))\]$/i;
/** Characters Excel shows as they are without quotes. */
const PLAIN = new Set([..."$-+/():!^&'~{}<>= ,"]);
const PLACEHOLDER = /^[0#.,%]$/;

export const isDateSection = (ts: FormatToken[]): boolean => ts.some((t) => !t.literal && /^[ymdhs]$/i.test(t.code));

/** Why a format code is one TEXT would not show as Excel does (or Excel would not take), or undefined when it is fine. */
export function formatProblem(code: string): string | undefined {
  if (code.trim() === "") return "an empty format";
  if (/^general$/i.test(code.trim())) return undefined;
  if ((code.match(/"/g) ?? []).length % 2 !== 0) return "an unclosed quote";
  const sections = formatSections(code);
  if (sections.length > 3) return "at most three sections (positive;negative;zero): a text section is not supported";
  for (const section of sections) {
    const tokens = formatTokens(section);
    for (const t of tokens) {
      if (t.literal) continue;
      if (t.code.startsWith("[")) {
        if (!COLOUR.test(t.code)) return `${t.code}: only colours may be given in brackets (conditions, locales and elapsed times are not supported)`;
        continue;
      }
      if (/general/i.test(section)) return "General can only be the whole format";
    }
    const codes = tokens.filter((t) => !t.literal && !t.code.startsWith("["));
    if (isDateSection(tokens)) {
      const bad = codes.find((t) => !/^[ymd]$/i.test(t.code) && !PLAIN.has(t.code));
      if (bad) return `"${bad.code}" in a date format: only years, months and days (y, m, d) are supported`;
      continue;
    }
    const bad = codes.find((t) => !PLACEHOLDER.test(t.code) && !PLAIN.has(t.code));
    if (bad) return bad.code === "?" || bad.code === "E" || bad.code === "e" || bad.code === "@" ? `"${bad.code}" is not supported` : `"${bad.code}" must be quoted ("${bad.code}") to be shown as text`;
    // Digits are placed as one block: text between placeholders would be shown elsewhere than Excel shows it.
    const kinds = tokens.map((t) => (!t.literal && /^[0#.]$/.test(t.code) ? "d" : !t.literal && t.code === "," ? "," : "t"));
    const first = kinds.indexOf("d");
    const last = kinds.lastIndexOf("d");
    if (first >= 0 && kinds.slice(first, last + 1).includes("t")) return "text between digit placeholders is not supported";
    if (codes.filter((t) => t.code === ".").length > 1) return "more than one decimal point";
  }
  return undefined;
}

/** A row's or column's format: a preset's name or an Excel format code. */
export const format = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    if (isPreset(text)) return;
    const problem = formatProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: `format "${text}": ${problem}` });
  })
  .describe(
    `A preset — ${PRESET_NAMES.join(", ")} (amount: #,##0 with negatives in parentheses; *_symbol: with the currency's symbol; percent: 0.0%; percent2: 0.00%; bp: basis points) — or an Excel number format code such as #,##0.000;(#,##0.000) or 0.0"x". Without one, the row's unit decides.`,
  );
export type Format = z.infer<typeof format>;

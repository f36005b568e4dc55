import * as z from "zod";

/**
 * The unit of a figure, as a data file, a template and the manifest write it:
 * quantity × currency × scale. `USD millions`, `JPY thousands`, `EUR`, `JPY per share`,
 * `shares`, `shares thousands`, `count`, `percent`, `ratio`, `basis points`, or a unit
 * the template declares (`Gbps`, `ADSs`). Any source of figures (JSON data files, XBRL,
 * CSV) produces these: the text is the unit's only spelling, and `unitName` writes it
 * from its parts.
 */

export const SCALES = ["units", "thousands", "millions", "billions"] as const;
export const scale = z.enum(SCALES).describe("Figures as printed: units, or in thousands, millions or billions of the quantity.");
export type Scale = z.infer<typeof scale>;

/** Powers of ten of each scale: a figure in millions times 10^6 is the amount. */
export const SCALE_EXPONENT: Readonly<Record<Scale, number>> = { units: 0, thousands: 3, millions: 6, billions: 9 };

/** ISO 4217 currency codes (the list in force in 2024, funds and metals included). */
export const CURRENCIES: ReadonlySet<string> = new Set(
  (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW " +
    "CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG " +
    "HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT " +
    "MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR " +
    "SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED " +
    "VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL"
  ).split(" "),
);

/**
 * Symbols written before an amount in a currency-symbol number format. Fixed here, not
 * asked of the platform's ICU, so that a workbook has the same bytes on every machine;
 * any other currency shows its code.
 */
const SYMBOLS: Readonly<Record<string, string>> = {
  USD: "$", EUR: "€", JPY: "¥", GBP: "£", CNY: "¥", KRW: "₩", INR: "₹", ILS: "₪", VND: "₫", NGN: "₦", PHP: "₱", THB: "฿", UAH: "₴", TRY: "₺", RUB: "₽",
};

/** What a currency amount is prefixed with when a format shows the currency: `$`, `¥`, or the code and a space. */
export function currencySymbol(code: string): string {
  return SYMBOLS[code] ?? `${code} `;
}

/** Quantities tieout knows besides currencies; a template may declare others (`units`). */
export const SHARES = "shares";
export const COUNT = "count";
/** The singular a unit takes after "per": `JPY per share`. */
const SINGULAR: Readonly<Record<string, string>> = { share: SHARES };

/** A unit's parts: what it counts (a currency, shares, a count, a declared unit), at what scale, per what. */
export const unitParts = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("percent") }).describe("A fraction shown as a percentage: the cell holds 0.096 for 9.6 %."),
  z.strictObject({ kind: z.literal("ratio") }).describe("A plain ratio (1.25×)."),
  z.strictObject({ kind: z.literal("basis_points") }).describe("Hundredths of a percent: the cell holds 125 for 1.25 %."),
  z.strictObject({
    kind: z.literal("quantity"),
    of: z.string().min(1).describe("An ISO 4217 currency code, shares, count, or a unit the template declares."),
    scale,
    per: z.string().min(1).optional().describe("Per what: share, or a unit the template declares (USD per share)."),
  }),
]);
export type UnitParts = z.infer<typeof unitParts>;

const WORD = "[A-Za-z][A-Za-z0-9]*";
const SYNTAX = new RegExp(`^(?:percent|ratio|basis points|(${WORD})(?: (thousands|millions|billions))?(?: per (${WORD}))?)$`);

/** A unit's text from its parts: the one spelling data files, templates and the manifest use. */
export function unitName(parts: UnitParts): string {
  if (parts.kind === "percent" || parts.kind === "ratio") return parts.kind;
  if (parts.kind === "basis_points") return "basis points";
  return [parts.of, parts.scale === "units" ? "" : ` ${parts.scale}`, parts.per === undefined ? "" : ` per ${parts.per}`].join("");
}

/** A unit's parts from its text, or why the text is not a unit. */
export function parseUnit(text: string): UnitParts | { problem: string } {
  const m = SYNTAX.exec(text);
  if (!m) return { problem: `"${text}" is not a unit` };
  if (text === "percent" || text === "ratio") return { kind: text };
  if (text === "basis points") return { kind: "basis_points" };
  const [, of, scaleWord, per] = m as unknown as [string, string, Scale | undefined, string | undefined];
  if (of === "percent" || of === "ratio") return { problem: `${of} has no scale and is per nothing` };
  if ((SCALES as readonly string[]).includes(of) || of === "per") return { problem: `"${text}": a unit starts with what it counts (USD millions, shares thousands)` };
  if (/^[A-Z]{3}$/.test(of) && !CURRENCIES.has(of)) return { problem: `"${of}" is not an ISO 4217 currency code` };
  if (per !== undefined && (CURRENCIES.has(per) || per === SHARES)) return { problem: `"per ${per}": after per comes a thing counted in the singular (per share)` };
  return { kind: "quantity", of, scale: scaleWord ?? "units", ...(per === undefined ? {} : { per }) };
}

/** The quantity a unit written after "per" names: `share` → shares. */
export function perBase(per: string): string {
  return SINGULAR[per] ?? per;
}

/** Whether the unit is an amount of a currency (in any scale, per anything). */
export function currencyOf(text: string): string | undefined {
  const parts = parseUnit(text);
  return "kind" in parts && parts.kind === "quantity" && CURRENCIES.has(parts.of) ? parts.of : undefined;
}

/**
 * The same unit `steps` scales up (`JPY thousands`, 1 → `JPY millions`), or undefined
 * when there is none: a chart axis that divides thousands by 1,000 as it displays them
 * is titled in millions.
 */
export function rescaled(text: string, steps: number): string | undefined {
  const parts = parseUnit(text);
  if (!("kind" in parts) || parts.kind !== "quantity") return undefined;
  const next = SCALES[SCALES.indexOf(parts.scale) + steps];
  return next === undefined ? undefined : unitName({ ...parts, scale: next });
}

/** A unit as data files and templates write it. */
export const unit = z
  .string()
  .regex(SYNTAX, "a unit such as USD millions, JPY thousands, EUR, JPY per share, shares, count, percent, ratio, basis points, or a unit the template declares")
  .superRefine((text, ctx) => {
    const parsed = parseUnit(text);
    if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
  })
  .describe(
    "quantity [scale] [per thing]: an ISO 4217 currency code (USD, JPY, EUR…), shares, count or a unit the template declares, then thousands, millions or billions, then per share (USD millions; JPY thousands; USD per share; shares thousands); or percent, ratio, basis points.",
  );
export type Unit = z.infer<typeof unit>;

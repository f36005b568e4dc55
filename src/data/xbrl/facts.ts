import { Decimal } from "../../decimal.js";
import type { Concept } from "./concept.js";
import { parseDecimals, type Decimals } from "./decimals.js";
import { NS, attr, type Place, type Tag, type XmlStream } from "./xml.js";

interface FactBase {
  concept: Concept;
  contextRef: string;
  /** The fact's id in the instance, when it has one: its provenance, with the file and place. */
  id: string | undefined;
  /** `xsi:nil="true"`: reported as having no value (a statement's blank, never a zero). */
  nil: boolean;
  at: Place;
}

/** A figure: a fact with a unit (XBRL 2.1 §4.6.2: numeric items have a unitRef, others must not). */
export interface NumericFact extends FactBase {
  kind: "numeric";
  unitRef: string;
  /** Exact, as written; null when nil. */
  value: Decimal | null;
  /** How precisely it is reported; undefined only when nil (or given by `precision`, see below). */
  decimals: Decimals | undefined;
  /** The `precision` attribute, which XBRL 2.1 allows instead of `decimals` (rare; EDGAR forbids it). */
  precision: number | "INF" | undefined;
}

export interface TextFact extends FactBase {
  kind: "text";
  /** The content as written (text blocks are escaped HTML); null when nil. */
  value: string | null;
  /** `xml:lang`, inherited from the root when the fact has none. */
  lang: string | undefined;
}

export type Fact = NumericFact | TextFact;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What the instance reader knows of a fact when its start tag is read. */
export interface FactStart {
  concept: Concept;
  contextRef: string;
  unitRef: string | undefined;
  id: string | undefined;
  nil: boolean;
  decimals: Decimals | undefined;
  precision: number | "INF" | undefined;
  lang: string | undefined;
  at: Place;
}

/** Reads what a fact's start tag says, checking its attributes (XBRL 2.1 §4.6). */
export function factStart(xml: XmlStream, tag: Tag, concept: Concept, at: Place, inheritedLang: string | undefined): FactStart {
  const contextRef = attr(tag, "", "contextRef")!;
  const unitRef = attr(tag, "", "unitRef");
  const id = attr(tag, "", "id");
  const nilText = attr(tag, NS.xsi, "nil");
  const nil = nilText === "true" || nilText === "1";
  const where = `${concept}, context ${contextRef}`;
  const decimalsText = attr(tag, "", "decimals");
  const precisionText = attr(tag, "", "precision");
  const decimals = decimalsText === undefined ? undefined : parseDecimals(decimalsText);
  if (decimalsText !== undefined && decimals === undefined) throw xml.fail(`decimals="${decimalsText}" is neither an integer nor INF`, 'decimals="-6" (millions), "0", "2" or "INF"', at, where);
  const precision = precisionText === undefined ? undefined : precisionText.trim() === "INF" ? "INF" : /^\d+$/.test(precisionText.trim()) ? Number(precisionText) : undefined;
  if (precisionText !== undefined && precision === undefined) throw xml.fail(`precision="${precisionText}" is neither a non-negative integer nor INF`, 'decimals="-6" (precision is rarely used)', at, where);
  if (decimalsText !== undefined && precisionText !== undefined) throw xml.fail("a fact has both decimals and precision", "one of them (XBRL 2.1 §4.6.3)", at, where);
  if (unitRef === undefined && (decimalsText !== undefined || precisionText !== undefined)) throw xml.fail("a fact without a unit has decimals or precision", "a unitRef on a numeric fact, or neither on a text fact", at, where);
  if (unitRef !== undefined && nil && (decimalsText !== undefined || precisionText !== undefined)) throw xml.fail("a nil fact has decimals or precision", "neither on a nil fact (XBRL 2.1 §4.6.3)", at, where);
  if (unitRef !== undefined && !nil && decimalsText === undefined && precisionText === undefined) throw xml.fail("a numeric fact has neither decimals nor precision", 'decimals="-6" (millions), "0", "2" or "INF"', at, where);
  return { concept, contextRef, unitRef, id, nil, decimals, precision, lang: attr(tag, NS.xml, "lang") ?? inheritedLang, at };
}

/**
 * The fact once its content is read. (Object literals, not spreads of a common base:
 * in Node 20 a spread costs some 20 µs here, a literal well under one.)
 */
export function factOf(xml: XmlStream, start: FactStart, content: string): Fact {
  const { concept, contextRef, id, nil, at, unitRef } = start;
  if (unitRef === undefined) return { concept, contextRef, id, nil, at, kind: "text", value: nil ? null : content, lang: start.lang };
  const text = content.trim();
  if (nil) {
    if (text !== "") throw xml.fail(`a nil fact has a value ("${clip(text)}")`, "no content when xsi:nil is true", at, `${concept}, context ${contextRef}`);
    return { concept, contextRef, id, nil, at, kind: "numeric", unitRef, value: null, decimals: undefined, precision: undefined };
  }
  if (!NUMBER.test(text)) throw xml.fail(`"${clip(text)}" is not a number`, "a decimal number such as 383285000000 or -1.52", at, `${concept}, context ${contextRef}`);
  const decimals = start.decimals ?? decimalsOfPrecision(start.precision, text);
  return { concept, contextRef, id, nil, at, kind: "numeric", unitRef, value: new Decimal(text), decimals, precision: start.precision };
}

/**
 * Decimals implied by a precision (XBRL 2.1 §4.6.6, the other way round): the number
 * of significant digits, counted from the value's first digit.
 */
function decimalsOfPrecision(precision: number | "INF" | undefined, text: string): Decimals | undefined {
  if (precision === undefined) return undefined;
  if (precision === "INF") return "INF";
  // Precision 0 says nothing of the value's accuracy: no interval can be drawn.
  if (precision === 0) return undefined;
  const v = new Decimal(text);
  if (v.isZero()) return "INF";
  return precision - v.abs().log(10).floor().toNumber() - 1;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

import type { Concept } from "./concept.js";
import { NS, attr, type Place, type Tag, type XmlStream } from "./xml.js";

/**
 * A context's period, with dates as XBRL means them: a duration from the start of
 * `start` to the end of `end`; an instant at the end of `end` (XBRL 2.1 §4.7.2:
 * a date without a time in `endDate` or `instant` is midnight at the end of that day).
 * Those are the dates a statement prints ("year ended September 30, 2023"), and the
 * shape of a report's periods (`kind`, `start`, `end`).
 */
export type ContextPeriod =
  | { kind: "duration"; start: string; end: string }
  | { kind: "instant"; end: string }
  | { kind: "forever" };

export interface Context {
  id: string;
  entity: { scheme: string; identifier: string };
  period: ContextPeriod;
  /** Explicit dimensions of the segment and scenario: axis → member (`srt:ProductOrServiceAxis` → `us-gaap:ProductMember`). */
  dimensions: Record<Concept, Concept>;
  /** Typed dimensions: axis → the value's text. */
  typed: Record<Concept, string>;
  /**
   * The same for every context with the same entity, period and dimensions
   * (c-equal in XBRL's terms), whatever its id: what duplicates and calculations
   * compare.
   */
  key: string;
  at: Place;
}

/** `2022-09-25--2023-09-30`, `2023-09-30`, `forever`: a period as one string, for keys and messages. */
export function periodKey(p: ContextPeriod): string {
  return p.kind === "duration" ? `${p.start}--${p.end}` : p.kind === "instant" ? p.end : "forever";
}

/** A context with no dimensions: the figures of the primary statements. */
export function isPlain(c: Context): boolean {
  for (const _ in c.dimensions) return false;
  for (const _ in c.typed) return false;
  return true;
}

const DATE = /^(\d{4}-\d{2}-\d{2})(T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The day before an ISO date. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Reads one `xbrli:context` from the events of the instance stream: the instance
 * reader hands it every event from the context's start tag to its end tag.
 */
export class ContextReader {
  private scheme = "";
  private identifier = "";
  private start?: string;
  private end?: string;
  private instant?: string;
  private forever = false;
  private readonly dimensions: Record<Concept, Concept> = {};
  private readonly typed: Record<Concept, string> = {};
  private text = "";
  /** The dimension of the member being read, and whether it is typed. */
  private member?: { dimension: Concept; typed: boolean; depth: number } | undefined;
  private depth = 0;

  constructor(
    private readonly xml: XmlStream,
    private readonly id: string,
    private readonly at: Place,
    /** Turns a QName written in the instance into a concept name. */
    private readonly concept: (qname: string, at: Place) => Concept,
  ) {}

  open(tag: Tag, at: Place): void {
    this.depth++;
    this.text = "";
    if (this.member?.typed && this.depth > this.member.depth) return;
    if (tag.uri === NS.xbrldi && (tag.local === "explicitMember" || tag.local === "typedMember")) {
      const dimension = attr(tag, "", "dimension");
      if (!dimension) throw this.xml.fail(`${tag.name} has no dimension attribute`, "dimension=\"prefix:SomeAxis\"", at, `context ${this.id}`);
      const axis = this.concept(dimension, at);
      if (axis in this.dimensions || axis in this.typed) throw this.xml.fail(`dimension ${axis} is given twice`, "each dimension once per context", at, `context ${this.id}`);
      this.member = { dimension: axis, typed: tag.local === "typedMember", depth: this.depth };
    } else if (tag.uri === NS.xbrli && tag.local === "identifier") {
      this.scheme = attr(tag, "", "scheme") ?? "";
    } else if (tag.uri === NS.xbrli && tag.local === "forever") {
      this.forever = true;
    }
  }

  onText(text: string): void {
    this.text += text;
  }

  /** Returns the context when its own end tag closes, undefined before. */
  close(tag: Tag): Context | undefined {
    this.depth--;
    const value = this.text.trim();
    this.text = "";
    const member = this.member;
    if (member) {
      if (this.depth + 1 === member.depth) {
        // The member element itself ends: an explicit member's content is the member's QName.
        if (!member.typed) this.dimensions[member.dimension] = this.concept(value, this.xml.place);
        else if (!(member.dimension in this.typed)) this.typed[member.dimension] = value;
        this.member = undefined;
      } else if (member.typed && this.depth === member.depth) {
        this.typed[member.dimension] = value;
      }
    } else if (tag.uri === NS.xbrli) {
      if (tag.local === "identifier") this.identifier = value;
      else if (tag.local === "startDate") this.start = this.date(value, "startDate", false);
      else if (tag.local === "endDate") this.end = this.date(value, "endDate", true);
      else if (tag.local === "instant") this.instant = this.date(value, "instant", true);
    }
    if (this.depth >= 0) return undefined;
    return {
      id: this.id,
      entity: { scheme: this.scheme, identifier: this.identifier },
      period: this.period(),
      dimensions: this.dimensions,
      typed: this.typed,
      key: this.key(),
      at: this.at,
    };
  }

  private period(): ContextPeriod {
    if (this.instant !== undefined) return { kind: "instant", end: this.instant };
    if (this.start !== undefined && this.end !== undefined) {
      if (this.start > this.end) throw this.xml.fail(`the period starts (${this.start}) after it ends (${this.end})`, "startDate on or before endDate", this.at, `context ${this.id}`);
      return { kind: "duration", start: this.start, end: this.end };
    }
    if (this.forever) return { kind: "forever" };
    throw this.xml.fail("the context has no period", "an instant, a startDate and an endDate, or forever", this.at, `context ${this.id}`);
  }

  /**
   * An xs:date or xs:dateTime as the day it names. A dateTime at midnight that ends a
   * period or is an instant is the end of the day before (`2023-10-01T00:00:00` is
   * the end of September 30).
   */
  private date(text: string, element: string, ends: boolean): string {
    const m = DATE.exec(text);
    if (!m) throw this.xml.fail(`${element} "${text}" is not a date`, "a date such as 2023-09-30", this.xml.place, `context ${this.id}`);
    const day = m[1]!;
    const midnight = m[2] !== undefined && m[3] === "00" && m[4] === "00" && m[5] === "00" && !m[6];
    return ends && midnight ? dayBefore(day) : day;
  }

  private key(): string {
    const dims = Object.keys(this.dimensions)
      .sort()
      .map((d) => `${d}=${this.dimensions[d]}`);
    const typed = Object.keys(this.typed)
      .sort()
      .map((d) => `${d}~${this.typed[d]}`);
    return [this.scheme, this.identifier, periodKey(this.period()), ...dims, ...typed].join("|");
  }
}

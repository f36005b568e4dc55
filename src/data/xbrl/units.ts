import { NS, type Place, type Tag, type XmlStream } from "./xml.js";

/**
 * A unit as measures: `iso4217:USD`; `xbrli:shares`; `iso4217:USD` per `xbrli:shares`
 * (a divide). Measures are QNames, named with the prefixes XBRL uses for them
 * (`iso4217`, `xbrli`), whatever prefix the instance declares.
 */
export interface Unit {
  id: string;
  numerator: string[];
  /** Empty unless the unit is a divide. */
  denominator: string[];
  /** The same for every unit with the same measures (u-equal), whatever its id. */
  key: string;
  at: Place;
}

/** Prefixes measures are named with, by namespace. */
const MEASURE_PREFIX: Record<string, string> = {
  [NS.xbrli]: "xbrli",
  "http://www.xbrl.org/2003/iso4217": "iso4217",
};

/** `USD`, `shares`, `USD/shares`, `pure`: a unit as a reader says it. */
export function describeUnit(u: Pick<Unit, "numerator" | "denominator">): string {
  const name = (ms: string[]): string => ms.map((m) => m.slice(m.indexOf(":") + 1)).join("·");
  return u.denominator.length ? `${name(u.numerator)}/${name(u.denominator)}` : name(u.numerator);
}

/** The currency of a monetary unit (`iso4217:USD` → `USD`), or undefined. */
export function currencyOf(u: Pick<Unit, "numerator" | "denominator">): string | undefined {
  const [only, ...rest] = u.numerator;
  return only?.startsWith("iso4217:") && rest.length === 0 ? only.slice("iso4217:".length) : undefined;
}

/** Reads one `xbrli:unit` from the events the instance reader hands it, as ContextReader does. */
export class UnitReader {
  private readonly numerator: string[] = [];
  private readonly denominator: string[] = [];
  private inDenominator = false;
  private divide = false;
  private text = "";
  private depth = 0;

  constructor(
    private readonly xml: XmlStream,
    private readonly id: string,
    private readonly at: Place,
    /** The namespace a prefix stands for where the parser is now. */
    private readonly resolve: (prefix: string) => string | undefined,
  ) {}

  open(tag: Tag): void {
    this.depth++;
    this.text = "";
    if (tag.uri !== NS.xbrli) return;
    if (tag.local === "divide") this.divide = true;
    else if (tag.local === "unitDenominator") this.inDenominator = true;
    else if (tag.local === "unitNumerator") this.inDenominator = false;
  }

  onText(text: string): void {
    this.text += text;
  }

  close(tag: Tag): Unit | undefined {
    this.depth--;
    if (tag.uri === NS.xbrli && tag.local === "measure") (this.inDenominator ? this.denominator : this.numerator).push(this.measure(this.text.trim()));
    this.text = "";
    if (this.depth >= 0) return undefined;
    if (this.numerator.length === 0) throw this.xml.fail(`unit ${this.id} has no measure`, "a measure such as iso4217:USD, or a divide", this.at);
    if (this.divide && this.denominator.length === 0) throw this.xml.fail(`unit ${this.id} divides by nothing`, "a unitDenominator with a measure", this.at);
    const numerator = [...this.numerator].sort();
    const denominator = [...this.denominator].sort();
    return { id: this.id, numerator, denominator, key: `${numerator.join("*")}/${denominator.join("*")}`, at: this.at };
  }

  /** A measure's QName with the prefix XBRL names its namespace with; an unprefixed one is in the default namespace. */
  private measure(text: string): string {
    const cut = text.indexOf(":");
    const prefix = cut < 0 ? "" : text.slice(0, cut);
    const local = text.slice(cut + 1);
    const uri = this.resolve(prefix);
    if (!local || (prefix !== "" && uri === undefined)) {
      throw this.xml.fail(`measure "${text}" is not a QName this document declares`, "a measure such as iso4217:USD or shares", this.xml.place, `unit ${this.id}`);
    }
    return `${(uri && MEASURE_PREFIX[uri]) ?? (prefix || "xbrli")}:${local}`;
  }
}

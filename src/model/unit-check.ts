import { Decimal } from "../decimal.js";
import { TemplateError, type Where } from "../errors.js";
import type { CellRef, FormulaToken } from "../template/compile.js";
import type { Row } from "../template/schema.js";
import { Quantity, type UnitRegistry } from "./quantity.js";

/**
 * Unit algebra at build time: what a compiled template formula gives, in which unit,
 * found from the units of the cells it names. Adding, subtracting or comparing figures
 * of different units or scales, a range that mixes them (a percent row inside a SUM of
 * amounts), a range that crosses a memo or "of which" line, and a formula whose result
 * is not in its row's unit are template errors naming the row and both units.
 *
 * A number written in a formula is a scale when it is a power of ten (JPY thousands ×
 * 1000 is JPY) and may be either a scale or a plain factor otherwise (2 × shares is
 * shares, or ADSs of half a share): the check rejects only what no reading allows.
 */

export interface UnitScope {
  registry: UnitRegistry;
  /** The unit of a named cell. */
  unit(ref: CellRef): string;
  /** Visits the template rows of a range in sheet order (headings and rows that leave the column blank left out), each with its unit there. */
  eachRow(from: CellRef, to: CellRef, visit: (spec: Row, unit: string) => void): void;
  where: Where;
  /** The template formula, for messages. */
  source: string;
}

/** What an expression gives: a number written in the formula, a figure in some unit (one of several readings), or nothing to check. */
type Inferred = { t: "number"; value: Decimal } | { t: "q"; options: Quantity[]; what: string } | { t: "any" };

const ANY: Inferred = { t: "any" };
/** More readings than this and the check gives up on the expression rather than grow them. */
const MAX_OPTIONS = 8;

class Unreadable extends Error {}

/** The units an expression may be in: undefined when the formula tells nothing (text, an unknown function). */
export function inferUnit(tokens: FormulaToken[], scope: UnitScope): Quantity[] | undefined {
  const reader = new Reader(
    tokens.filter((t) => t.kind !== "space"),
    scope,
  );
  try {
    const result = reader.expression(0);
    if (!reader.done()) return undefined;
    return result.t === "q" ? result.options : undefined;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

/** The unit of a comparison's two sides (a check's lhs and rhs): one unit, or a template error naming both. */
export function inferCompared(left: FormulaToken[], right: FormulaToken[], scope: UnitScope): Quantity[] | undefined {
  const side = (tokens: FormulaToken[]): Inferred => {
    const options = inferUnit(tokens, scope);
    return options ? { t: "q", options, what: "" } : ANY;
  };
  const a = { ...side(left), what: "left" };
  const b = { ...side(right), what: "right" };
  const result = same(a as Inferred, b as Inferred, "comparing", scope);
  return result.t === "q" ? result.options : undefined;
}

/** Two figures combined additively (or compared): one unit, or a template error naming both. */
function same(a: Inferred, b: Inferred, verb: string, scope: UnitScope): Inferred {
  if (a.t !== "q") return b.t === "q" ? b : ANY;
  if (b.t !== "q") return a;
  const options = common(a, b);
  if (options.length > 0) return { t: "q", options, what: a.what };
  const name = (i: { options: Quantity[] }): string => scope.registry.name(i.options[0]!);
  throw new TemplateError(`${verb} figures of different units in formula "${scope.source}": ${name(a)} (${a.what}) and ${name(b)} (${b.what})`, {
    ...scope.where,
    hint: `figures in one unit: convert with × or / 1000 between scales, or compare like with like`,
  });
}

/** A formula's result must be in the unit of the cell that holds it. */
export function checkResultUnit(options: Quantity[] | undefined, unit: string, scope: UnitScope, what: string): void {
  if (!options) return;
  const declared = scope.registry.quantity(unit);
  if (typeof declared === "string") throw new TemplateError(declared, scope.where);
  if (options.some((o) => o.equals(declared))) return;
  throw new TemplateError(`${what} is in ${unit}, but its formula "${scope.source}" gives ${scope.registry.name(options[0]!)}`, {
    ...scope.where,
    hint: `a formula in ${unit} (× or / 1000 converts a scale), or the row's unit`,
  });
}

const BINARY: Record<string, number> = { "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5 };
const SAME_UNIT = new Set(["SUM", "MIN", "MAX", "AVERAGE", "MEDIAN"]);
const FIRST_ARGUMENT = new Set(["ROUND", "ROUNDUP", "ROUNDDOWN", "TRUNC", "INT", "ABS", "FLOOR", "CEILING", "MROUND"]);
const EITHER = new Set(["IFERROR", "IFNA"]);

class Reader {
  private pos = 0;
  constructor(
    private readonly tokens: FormulaToken[],
    private readonly scope: UnitScope,
  ) {}

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  private peek(): FormulaToken | undefined {
    return this.tokens[this.pos];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.kind === "op" && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw new Unreadable();
    this.pos++;
  }

  expression(min: number): Inferred {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t?.kind === "op" ? BINARY[t.text] : undefined;
      if (prec === undefined || prec < min) return left;
      this.pos++;
      const right = this.expression(prec + 1);
      left = this.binary(t!.kind === "op" ? (t as { text: string }).text : "", left, right);
    }
  }

  private unary(): Inferred {
    if (this.isOp("-") || this.isOp("+")) {
      const minus = this.isOp("-");
      this.pos++;
      const v = this.unary();
      return minus && v.t === "number" ? { t: "number", value: v.value.negated() } : v;
    }
    let v = this.primary();
    while (this.isOp("%")) {
      this.pos++;
      v = v.t === "number" ? { t: "number", value: v.value.div(100) } : ANY;
    }
    return v;
  }

  private primary(): Inferred {
    const t = this.tokens[this.pos++];
    if (!t) throw new Unreadable();
    switch (t.kind) {
      case "number":
        return { t: "number", value: new Decimal(t.text) };
      case "string":
      case "literal":
        return ANY;
      case "ref": {
        return this.figure(this.scope.unit(t.ref), t.source);
      }
      case "range":
        return this.range(t.from, t.to, t.source);
      case "function":
        return this.call(t.text.toUpperCase());
      case "op":
        if (t.text === "(") {
          const v = this.expression(0);
          this.expect(")");
          return v;
        }
        throw new Unreadable();
      default:
        throw new Unreadable();
    }
  }

  private figure(unit: string, what: string): Extract<Inferred, { t: "q" }> {
    return { t: "q", options: [this.quantity(unit)], what };
  }

  /** A range's rows must be in one unit, and a memo or "of which" line is never summed with the lines it comments on. */
  private range(from: CellRef, to: CellRef, source: string): Inferred {
    // One pass and no object per row: a large report sums ranges by the hundred thousand.
    let first: { spec: Row; unit: string; q: Quantity } | undefined;
    let last: Row | undefined;
    let aside: Row | undefined;
    this.scope.eachRow(from, to, (spec, unit) => {
      last = spec;
      if (!aside && setApart(spec)) aside = spec;
      if (!first) {
        first = { spec, unit, q: this.quantity(unit) };
        return;
      }
      if (unit === first.unit || this.quantity(unit).equals(first.q)) return;
      throw new TemplateError(`the range ${source} in formula "${this.scope.source}" mixes units: row "${spec.id}" is in ${unit}, the rows before it in ${first.unit}`, {
        ...this.scope.where,
        hint: `a range of rows in one unit (a ${unit} row is not summed with ${first.unit})`,
      });
    });
    const start = first as { spec: Row; q: Quantity } | undefined;
    if (aside && start && !setApart(start.spec) && !setApart(last!)) {
      const row = aside as Row;
      throw new TemplateError(`the range ${source} in formula "${this.scope.source}" crosses ${row.style === "memo" ? "memo" : '"of which"'} row "${row.id}"`, {
        ...this.scope.where,
        hint: `a range of the lines that add up, without "${row.id}" (move it out of the range)`,
      });
    }
    return start ? { t: "q", options: [start.q], what: source } : ANY;
  }

  private quantity(unit: string): Quantity {
    const q = this.scope.registry.quantity(unit);
    if (typeof q === "string") throw new TemplateError(q, this.scope.where);
    return q;
  }

  private call(name: string): Inferred {
    this.expect("(");
    const args: Inferred[] = [];
    if (!this.isOp(")")) {
      for (;;) {
        args.push(this.isOp(",") || this.isOp(")") ? ANY : this.expression(0));
        if (this.isOp(",")) {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(")");
    if (SAME_UNIT.has(name) || EITHER.has(name)) return args.reduce((a, b) => this.same(a, b, `${name} of`), ANY as Inferred);
    if (FIRST_ARGUMENT.has(name)) return args[0] ?? ANY;
    if (name === "IF") return args.slice(1).reduce((a, b) => this.same(a, b, "IF choosing between"), ANY as Inferred);
    return ANY;
  }

  private binary(op: string, a: Inferred, b: Inferred): Inferred {
    switch (op) {
      case "+":
      case "-":
        if (a.t === "number" && b.t === "number") return { t: "number", value: op === "+" ? a.value.plus(b.value) : a.value.minus(b.value) };
        return this.same(a, b, op === "+" ? "adding" : "subtracting");
      case "*":
      case "/":
        return this.product(op, a, b);
      case "&":
      case "^":
        return ANY;
      default:
        // A comparison: both sides in one unit; the result is a truth value.
        this.same(a, b, "comparing");
        return ANY;
    }
  }

  private same(a: Inferred, b: Inferred, verb: string): Inferred {
    return same(a, b, verb, this.scope);
  }

  private product(op: "*" | "/", a: Inferred, b: Inferred): Inferred {
    if (a.t === "any" || b.t === "any") return ANY;
    if (a.t === "number" && b.t === "number") return b.value.isZero() && op === "/" ? ANY : { t: "number", value: op === "*" ? a.value.times(b.value) : a.value.div(b.value) };
    if (a.t === "number" || b.t === "number") {
      const [q, k] = a.t === "q" ? [a, (b as { value: Decimal }).value] : [b as Extract<Inferred, { t: "q" }>, a.value];
      if (k.isZero()) return ANY;
      // q / k, or k / q: the number is a scale of the figure's unit, or (k / q) of its inverse.
      const factor = (op === "*" ? k : b.t === "number" ? new Decimal(1).div(k) : k).abs();
      const base = op === "/" && a.t === "number" ? q.options.map((o) => Quantity.ONE.over(o)) : q.options;
      const options = base.flatMap((o) => (powerOfTen(factor) ? [o.multipliedBy(factor)] : [o, o.multipliedBy(factor)]));
      return { t: "q", options: dedupe(options), what: q.what };
    }
    const options = a.options.flatMap((x) => b.options.map((y) => (op === "*" ? x.times(y) : x.over(y))));
    return { t: "q", options: dedupe(options), what: `${a.what} ${op} ${b.what}` };
  }
}

/** A memo or "of which" line: never added to the lines it comments on. */
const setApart = (spec: Row): boolean => spec.style === "memo" || spec.style === "of_which";

function common(a: { options: Quantity[] }, b: { options: Quantity[] }): Quantity[] {
  if (a.options.length === 1 && b.options.length === 1 && a.options[0] === b.options[0]) return a.options;
  return a.options.filter((x) => b.options.some((y) => x.equals(y)));
}

function dedupe(options: Quantity[]): Quantity[] {
  const out: Quantity[] = [];
  for (const o of options) if (!out.some((x) => x.equals(o))) out.push(o);
  if (out.length > MAX_OPTIONS) throw new Unreadable();
  return out;
}

function powerOfTen(k: Decimal): boolean {
  const e = k.abs();
  if (e.isZero()) return false;
  const log = Math.round(Math.log10(e.toNumber()));
  return new Decimal(10).pow(log).eq(e);
}

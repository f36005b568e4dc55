import { Decimal } from "../decimal.js";
import { CURRENCIES, COUNT, parseUnit, perBase, SCALE_EXPONENT, SHARES, unitName, type Scale } from "../data/unit.js";
import type { DeclaredUnit } from "../template/schema.js";

/**
 * A unit as the unit checks see it: a dimension (the quantities it is made of, with
 * their powers: USD, shares⁻¹) and a scale (what one unit of the figure is in those
 * quantities: 10⁶ for millions). JPY thousands × 1000 is JPY; USD millions / shares
 * thousands × 1000 is USD per share; a percent is a plain fraction.
 */
export class Quantity {
  private constructor(
    /** Sorted `name^power` pairs, powers never 0. */
    readonly dims: ReadonlyArray<readonly [string, number]>,
    readonly scale: Decimal,
  ) {}

  static readonly ONE = new Quantity([], new Decimal(1));

  static of(name: string): Quantity {
    return new Quantity([[name, 1]], new Decimal(1));
  }

  times(other: Quantity): Quantity {
    return Quantity.make([...this.dims, ...other.dims], this.scale.times(other.scale));
  }

  over(other: Quantity): Quantity {
    return Quantity.make([...this.dims, ...other.dims.map(([n, p]) => [n, -p] as const)], this.scale.div(other.scale));
  }

  /** The unit of a figure multiplied by `k`: the same amount is then `k` times as many of a unit `k` times smaller. */
  multipliedBy(k: Decimal): Quantity {
    return new Quantity(this.dims, this.scale.div(k));
  }

  /** The unit `factor` of these is one of. */
  scaled(factor: Decimal): Quantity {
    return new Quantity(this.dims, this.scale.times(factor));
  }

  get dimensionless(): boolean {
    return this.dims.length === 0;
  }

  sameDimension(other: Quantity): boolean {
    if (other === this) return true;
    return this.dims.length === other.dims.length && this.dims.every(([n, p], i) => other.dims[i]![0] === n && other.dims[i]![1] === p);
  }

  equals(other: Quantity): boolean {
    if (other === this) return true;
    return this.sameDimension(other) && this.scale.eq(other.scale);
  }

  private static make(pairs: ReadonlyArray<readonly [string, number]>, scale: Decimal): Quantity {
    const powers = new Map<string, number>();
    for (const [n, p] of pairs) powers.set(n, (powers.get(n) ?? 0) + p);
    const dims = [...powers].filter(([, p]) => p !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Quantity(dims, scale);
  }
}

/**
 * The units of one report: tieout's own (currencies, shares, count, percent, ratio,
 * basis points, each in units, thousands, millions or billions) and those its template
 * declares (`Gbps`; `ADSs` of shares, factor 0.5).
 */
export class UnitRegistry {
  private readonly declared: ReadonlyMap<string, DeclaredUnit>;
  private readonly singulars: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, Quantity | string>();

  constructor(declared: Record<string, DeclaredUnit> = {}) {
    this.declared = new Map(Object.entries(declared));
    this.singulars = new Map([...this.declared].flatMap(([name, d]) => (d.singular ? [[d.singular, name] as const] : [])));
  }

  /** The quantity of a unit's text, or why it has none (a unit the template does not declare). */
  quantity(text: string): Quantity | string {
    let q = this.cache.get(text);
    if (q === undefined) this.cache.set(text, (q = this.resolve(text, new Set())));
    return q;
  }

  private resolve(text: string, seen: Set<string>): Quantity | string {
    const parts = parseUnit(text);
    if ("problem" in parts) return parts.problem;
    if (parts.kind === "percent" || parts.kind === "ratio") return Quantity.ONE;
    if (parts.kind === "basis_points") return Quantity.ONE.scaled(new Decimal("0.0001"));
    const base = this.base(parts.of, seen);
    if (typeof base === "string") return base;
    let q = base.scaled(new Decimal(10).pow(SCALE_EXPONENT[parts.scale]));
    if (parts.per !== undefined) {
      const per = this.base(this.singulars.get(parts.per) ?? perBase(parts.per), seen);
      if (typeof per === "string") return per;
      q = q.over(per);
    }
    return q;
  }

  private base(name: string, seen: Set<string>): Quantity | string {
    if (CURRENCIES.has(name) || name === SHARES || name === COUNT) return Quantity.of(name);
    const declared = this.declared.get(name);
    if (!declared) return `unit "${name}" is not declared: a currency code, shares, count, or a unit the template's "units" declares`;
    if (!declared.of) return Quantity.of(name);
    if (seen.has(name)) return `unit "${name}" is declared in terms of itself`;
    const of = this.resolve(declared.of, new Set([...seen, name]));
    return typeof of === "string" ? of : of.scaled(new Decimal(String(declared.factor ?? 1)));
  }

  /** A unit's text for a quantity, for messages: a declared or built-in name when one fits, else its make-up. */
  name(q: Quantity): string {
    for (const name of this.declared.keys()) {
      const d = this.quantity(name);
      if (typeof d !== "string" && d.equals(q)) return name;
    }
    if (q.dimensionless) return q.scale.eq(1) ? "ratio" : q.scale.eq("0.0001") ? "basis points" : `ratio × ${q.scale.toFixed()}`;
    const scaleWord = (Object.keys(SCALE_EXPONENT) as Scale[]).find((s) => q.scale.eq(new Decimal(10).pow(SCALE_EXPONENT[s])));
    const [first, second] = q.dims;
    if (scaleWord && q.dims.length === 1 && first![1] === 1) return unitName({ kind: "quantity", of: first![0], scale: scaleWord });
    if (scaleWord && q.dims.length === 2 && first![1] === 1 && second![0] === SHARES && second![1] === -1) return unitName({ kind: "quantity", of: first![0], scale: scaleWord, per: "share" });
    const dims = q.dims.map(([n, p]) => (p === 1 ? n : `${n}^${p}`)).join(" × ");
    return `${dims} × ${q.scale.toFixed()}`;
  }
}

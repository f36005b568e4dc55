import { Decimal } from "../../../src/decimal.js";
import { describe, expect, it } from "vitest";
import { agreement } from "../../../src/data/xbrl/duplicates.js";
import type { Fact } from "../../../src/data/xbrl/facts.js";
import { loadFiling } from "../../../src/data/xbrl/filing.js";
import { FILINGS, filingCopy, replaceAll } from "../../support/filing.js";

const at = { line: 1, column: 1 };
const num = (value: string | null, decimals: number | "INF" | undefined): Fact => ({
  kind: "numeric",
  concept: "us-gaap:Revenues",
  contextRef: "c-1",
  unitRef: "usd",
  id: undefined,
  nil: value === null,
  value: value === null ? null : new Decimal(value),
  decimals,
  precision: undefined,
  at,
});

describe("duplicate facts", () => {
  it("the EDGAR Filer Manual's example: 500 at -2 and 550 at -1 agree (both are 545 to 550, rounded)", () => {
    const a = agreement([num("500", -2), num("550", -1)]);
    expect(a.consistent).toBe(true);
    // The more precise fact stands for the set, and the interval they share is [545, 550].
    expect((a.chosen as { value: Decimal }).value.toFixed()).toBe("550");
    expect([a.interval!.low.toFixed(), a.interval!.high.toFixed()]).toEqual(["545", "550"]);
  });

  it("intervals that only touch agree; intervals that do not meet disagree", () => {
    expect(agreement([num("500", -2), num("555", -1)]).consistent, "[450, 550] and [550, 560] touch").toBe(true);
    const apart = agreement([num("500", -2), num("560", -1)]);
    expect(apart.consistent).toBe(false);
    expect(apart.reason).toMatch(/560 \(decimals -1\) is not within what the others allow/);
  });

  it("at the same decimals, duplicates must be equal", () => {
    expect(agreement([num("96995000000", -6), num("96995000000", -6)]).consistent).toBe(true);
    const off = agreement([num("96995000000", -6), num("96996000000", -6)]);
    expect(off.consistent).toBe(false);
    expect(off.reason).toMatch(/96995000000 and 96996000000 at the same decimals \(-6\)/);
  });

  it("INF is exact: another value agrees only if its interval holds it", () => {
    expect(agreement([num("1234", "INF"), num("1000", -3)]).consistent).toBe(true);
    expect(agreement([num("1234", "INF"), num("1200", -1)]).consistent).toBe(false);
  });

  it("all nil agree; nil beside a value does not", () => {
    expect(agreement([num(null, undefined), num(null, undefined)]).consistent).toBe(true);
    expect(agreement([num(null, undefined), num("0", 0)]).consistent).toBe(false);
  });

  it("Apple's filings repeat many facts, and every repetition agrees", () => {
    for (const folder of Object.values(FILINGS)) {
      const f = loadFiling(folder);
      expect(f.duplicates.length).toBeGreaterThan(50);
      expect(f.duplicates.filter((d) => !d.consistent)).toEqual([]);
    }
    // Net income for FY2023 is tagged four times in the 10-K (lines 2600, 2639, 2815, 2950 of the instance).
    const ni = loadFiling(FILINGS.fy2023).facts.reported("us-gaap:NetIncomeLoss").find((r) => r.context.id === "c-1")!;
    expect(ni.facts.map((f) => f.id)).toEqual(["f-105", "f-120", "f-268", "f-407"]);
  });

  it("a repetition changed in a copy of the filing is reported, naming the concept and the context", () => {
    const copy = filingCopy(FILINGS.fy2023, (name, text) =>
      name.endsWith("_htm.xml") ? replaceAll(text, 'id="f-120" unitRef="usd">96995000000<', 'id="f-120" unitRef="usd">96996000000<') : text,
    );
    const bad = loadFiling(copy).duplicates.filter((d) => !d.consistent);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.key).toBe("us-gaap:NetIncomeLoss|c-1|usd");
    expect(bad[0]!.facts.map((f) => f.contextRef)).toEqual(["c-1", "c-1", "c-1", "c-1"]);
    expect(bad[0]!.reason).toMatch(/at the same decimals/);
  });
});

import { Decimal } from "../../src/decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseJson } from "../../src/data/json.js";
import { dataFile } from "../../src/data/schema.js";
import { fastDataFile } from "../../src/data/values.js";

/** A leaf written into the JSON text as it stands, so that numbers reach the schema as readJson gives them. */
class Raw {
  constructor(readonly text: string) {}
}

function jsonText(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
  return JSON.stringify(v);
}

/** What a parse gave, in a form toEqual compares faithfully: decimals by their digits, issues by code, path and message. */
function outcome(result: z.ZodSafeParseResult<unknown>): unknown {
  if (!result.success) return { issues: result.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })) };
  return { data: JSON.parse(JSON.stringify(result.data, (_k, v: unknown) => (v instanceof Decimal ? `decimal ${v.toString()}` : v))) };
}

/** Mostly what a data file holds, now and then something the schema must reject, so that both outcomes are common. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: bad });

const goodNumber = fc.oneof(
  fc.integer().map((n) => new Raw(String(n))),
  fc.constantFrom("0", "999999999999999", "-999999999999999", "0.1", "2932.5", "-43.98", "1e3", "1E-7", "0.000", "123456789012345e-3").map((t) => new Raw(t)),
  fc.constant(null),
);
const badNumber = fc.constantFrom("-0", "-0.0", "1000000000000000", "9007199254740993", "1e400", "1.0000000000000001", "1,234", "", true, [], {}, [new Raw("1")]).map((t) =>
  typeof t === "string" && /^[-\d]/.test(t) && t !== "1,234" ? new Raw(t) : t,
);
const period = mostly(fc.constantFrom("1H17", "1H18", "FY18", "2018", "constructor"), fc.constantFrom("1H 18", "", "_x", "1H18 "));
const values = mostly(
  fc.dictionary(period as fc.Arbitrary<string>, mostly(goodNumber, badNumber), { maxKeys: 3 }),
  fc.constantFrom(null, "x", [new Raw("1")], new Raw("5")),
);
const item = fc.record(
  {
    label: mostly(fc.constantFrom("Revenues", "Cost of sales"), fc.constantFrom("", "x".repeat(32768), 5)),
    values,
    total: mostly(fc.boolean(), fc.constant("yes")),
    part_of: mostly(fc.constant("rev_total"), fc.constant("Rev")),
    unit: mostly(fc.constant("JPY"), fc.constant("yen")),
  },
  { requiredKeys: ["label", "values"] },
);
const items = mostly(
  fc.dictionary(mostly(fc.constantFrom("rev_a", "rev_b", "rev_total", "r1"), fc.constantFrom("Rev", "1r")) as fc.Arbitrary<string>, item, { maxKeys: 3 }),
  fc.constantFrom([], "items"),
);
const statement = fc.record({
  title: fc.constant("Statement of income"),
  source: fc.constant("page 9"),
  unit: mostly(fc.constant("JPY thousands"), fc.constant("yen")),
  periods: mostly(fc.constant(["1H17", "1H18"]), fc.constantFrom([], ["1 H"])),
  items,
});
const file = fc.record({ statements: fc.dictionary(fc.constantFrom("is", "bs"), statement, { minKeys: 1, maxKeys: 2 }) });

describe("the loader's schema for data files", () => {
  it("accepts, rejects and produces exactly what the declared dataFile schema does, with the same issues", () => {
    fc.assert(
      fc.property(file, (f) => {
        const parsed = parseJson(jsonText(f));
        expect(outcome(fastDataFile().safeParse(parsed))).toEqual(outcome(dataFile.safeParse(parsed)));
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  const fileWith = (valuesText: string): unknown =>
    parseJson(`{"statements": {"is": {"title": "Income", "source": "p. 9", "unit": "JPY thousands", "periods": ["1H18"],
      "items": {"rev": {"label": "Revenue", "values": ${valuesText}}}}}}`);

  it.each([
    ['{"1H18": "1,234"}', ["statements", "is", "items", "rev", "values", "1H18"], "expected a number (not a string, not null)"],
    ['{"1H18": 1200.000000000000001}', ["statements", "is", "items", "rev", "values", "1H18"], "1200.000000000000001 has 19 significant digits; Excel keeps 15"],
    ['{"1H18": -0}', ["statements", "is", "items", "rev", "values", "1H18"], "negative zero is not a figure (write 0)"],
    ['{"1H 18": 1}', ["statements", "is", "items", "rev", "values", "1H 18"], undefined],
    ["[1]", ["statements", "is", "items", "rev", "values"], undefined],
  ])("a problem in values %s is reported at its path, as the declared schema reports it", (text, path, message) => {
    const result = fastDataFile().safeParse(fileWith(text));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
    expect(outcome(result)).toEqual(outcome(dataFile.safeParse(fileWith(text))));
  });

  it("a figure that arrives as a double, not read by readJson, is rejected rather than trusted", () => {
    const file = { statements: { is: { title: "Income", source: "p. 9", unit: "JPY thousands", periods: ["1H18"], items: { rev: { label: "Revenue", values: { "1H18": 0.1, "1H17": 12 } } } } } };
    for (const schema of [dataFile, fastDataFile()]) {
      const result = schema.safeParse(file);
      expect(result.error?.issues.map((i) => i.message)).toEqual(["0.1 arrived as a double, which may differ from what was written (read data files with readJson)"]);
    }
  });

  it("a values record of integers and nulls is not copied: a million figures are held once", () => {
    const input = fileWith('{"1H18": 90963384, "1H17": null}') as any;
    const out = fastDataFile().parse(input);
    expect(out.statements!.is!.items.rev!.values).toBe(input.statements.is.items.rev.values);
  });

  it("a values record with a decimal is converted into a new record; the parsed input is left as it was", () => {
    const input = fileWith('{"1H18": 2932.5, "1H17": 7}') as any;
    const out = fastDataFile().parse(input);
    const converted = out.statements!.is!.items.rev!.values;
    expect(converted["1H18"]).toBeInstanceOf(Decimal);
    expect(String(converted["1H18"])).toBe("2932.5");
    expect(converted["1H17"]).toBe(7);
    expect(Object.keys(converted)).toEqual(["1H18", "1H17"]);
    expect(input.statements.is.items.rev.values["1H18"].text).toBe("2932.5");
  });
});

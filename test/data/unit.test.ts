import { describe, expect, it } from "vitest";
import { currencyOf, parseUnit, rescaled, unit, unitName } from "../../src/data/unit.js";

describe("units are quantity × currency × scale, written one way", () => {
  it.each([
    ["USD millions", { kind: "quantity", of: "USD", scale: "millions" }],
    ["JPY thousands", { kind: "quantity", of: "JPY", scale: "thousands" }],
    ["EUR", { kind: "quantity", of: "EUR", scale: "units" }],
    ["GBP billions", { kind: "quantity", of: "GBP", scale: "billions" }],
    ["USD per share", { kind: "quantity", of: "USD", scale: "units", per: "share" }],
    ["JPY per ADS", { kind: "quantity", of: "JPY", scale: "units", per: "ADS" }],
    ["shares thousands", { kind: "quantity", of: "shares", scale: "thousands" }],
    ["count", { kind: "quantity", of: "count", scale: "units" }],
    ["Gbps", { kind: "quantity", of: "Gbps", scale: "units" }],
    ["percent", { kind: "percent" }],
    ["ratio", { kind: "ratio" }],
    ["basis points", { kind: "basis_points" }],
  ])("%s has its parts, and its parts write it back", (text, parts) => {
    expect(parseUnit(text)).toEqual(parts);
    expect(unitName(parts as Parameters<typeof unitName>[0])).toBe(text);
    expect(unit.safeParse(text).success).toBe(true);
  });

  it.each([
    ["USD Millions", /not a unit/],
    ["ABC millions", /"ABC" is not an ISO 4217 currency code/],
    ["USD per shares", /after per comes a thing counted in the singular/],
    ["percent millions", /percent has no scale/],
    ["USD  millions", /not a unit/],
    ["millions", /a unit starts with what it counts/],
  ])("%s is refused: %s", (text, message) => {
    const result = unit.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join("; ")).toMatch(message);
  });

  it("ISO 4217 codes are currencies, other words quantities a template declares", () => {
    expect(currencyOf("USD millions")).toBe("USD");
    expect(currencyOf("JPY per share")).toBe("JPY");
    expect(currencyOf("shares")).toBeUndefined();
    expect(currencyOf("percent")).toBeUndefined();
  });

  it("a scale up: thousands are labelled millions when a chart axis divides by 1,000", () => {
    expect(rescaled("JPY thousands", 1)).toBe("JPY millions");
    expect(rescaled("USD millions", 1)).toBe("USD billions");
    expect(rescaled("USD billions", 1)).toBeUndefined();
    expect(rescaled("percent", 1)).toBeUndefined();
  });
});

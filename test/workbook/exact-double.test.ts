import { describe, expect, it } from "vitest";
import { exactDecimal } from "../../src/workbook/exact-double.js";

describe("a double's exact decimal value, as an input's <v> holds it", () => {
  it("is the binary value digit for digit (Python's Decimal(3547.4) and Decimal(0.1) print the same)", () => {
    expect(exactDecimal(3547.4)).toBe("3547.40000000000009094947017729282379150390625");
    expect(exactDecimal(0.1)).toBe("0.1000000000000000055511151231257827021181583404541015625");
    expect(exactDecimal(-2.675)).toBe("-2.67499999999999982236431605997495353221893310546875");
    expect(exactDecimal(0.5)).toBe("0.5");
    expect(exactDecimal(82988)).toBe("82988");
    expect(exactDecimal(0)).toBe("0");
  });

  it("reads back as the very same double, subnormals included", () => {
    for (const x of [5e-324, 2.2250738585072014e-308, 1e-300, 123456.789, -0.001, 2939.359, 1.7976931348623157e308, 0.30000000000000004]) {
      expect(Number(exactDecimal(x))).toBe(x);
    }
  });
});

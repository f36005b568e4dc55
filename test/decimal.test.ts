import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.js";
import { NumberText, toFigure } from "../src/data/number.js";
import { parsePrinted } from "../src/model/units.js";
import { Decimal as EngineDecimal } from "../src/formula/values.js";

/** decimal.js rounds a result to the precision of its left operand's configuration: the program has one. */
describe("one Decimal configuration for the whole program", () => {
  it("a figure read from a data file computes to 40 digits, as the engine's decimals do (decimal.js's default is 20)", () => {
    const figure = toFigure(new NumberText("2932.5")) as Decimal;
    expect(figure.div(3).toString()).toBe("977.5");
    const third = (toFigure(new NumberText("0.1")) as Decimal).div(3).toString();
    expect(third.replace(/^0\.0*/, "").length).toBe(40);
    expect(parsePrinted("9.6").value.div(7).precision()).toBe(40);
  });

  it("the data stage, the model and the engine make their decimals with one constructor", () => {
    expect((toFigure(new NumberText("0.5")) as Decimal).constructor).toBe(Decimal);
    expect(parsePrinted("(2.7)").value.constructor).toBe(Decimal);
    expect(EngineDecimal).toBe(Decimal);
  });

  it("a tolerance or a figure is never written in exponent notation", () => {
    expect(new Decimal("0.0000005").toString()).toBe("0.0000005");
  });
});

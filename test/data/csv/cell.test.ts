import { describe, expect, it } from "vitest";
import { cellFigure } from "../../../src/data/csv/cell.js";
import type { NumberFormat } from "../../../src/data/csv/mapping.js";
import { NumberText } from "../../../src/data/number.js";

const US: NumberFormat = { thousands: ",", decimal: ".", parentheses: true, dash: "zero" };
const EU: NumberFormat = { thousands: ".", decimal: ",", parentheses: true, dash: "blank" };
const shown = (v: ReturnType<typeof cellFigure>): unknown => (v instanceof NumberText ? `text ${v.text}` : v);

describe("CSV cells as figures", () => {
  it.each([
    ["13,265,963", 13265963],
    ["(184,365)", -184365],
    ["-184,365", -184365],
    ["−184,365", -184365],
    [" 2,068,356 ", 2068356],
    ["1234", 1234],
    ["-", 0],
    ["—", 0],
    ["", null],
    ["   ", null],
    ["43.98", "text 43.98"],
    ["(0)", 0],
  ])("%j is %j", (text, figure) => {
    expect(shown(cellFigure(text, US, 1))).toEqual(figure);
  });

  it("another format: 1.234,5 with a dash for no figure", () => {
    expect(shown(cellFigure("1.234,5", EU, 1))).toBe("text 1234.5");
    expect(shown(cellFigure("(1.234)", EU, 1))).toBe(-1234);
    expect(cellFigure("–", EU, 1)).toBeNull();
  });

  it("the file's scale multiplies exactly: 82,988 millions are 82,988,000 thousands; 43.98 at 0.001 is 0.04398", () => {
    expect(cellFigure("82,988", US, 1000)).toBe(82988000);
    expect(shown(cellFigure("43.98", US, 0.001))).toBe("text 0.04398");
  });

  it.each([["1,23,456"], ["12,34"], ["1.234.567"], ["$1,234"], ["(-5)"], ["1e3"], ["12 345"], ["1234567890123456"]])("%j is not a figure, with a reason", (text) => {
    const r = cellFigure(text, US, 1);
    expect(r).toMatchObject({ problem: expect.any(String) });
  });
});

import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/decimal.js";
import { formatNumber } from "../../src/formula/functions/number-format.js";
import { format, formatProblem, presetCode, PRESET_NAMES } from "../../src/template/number-format.js";

describe("number formats: presets, or any Excel code TEXT shows as Excel does", () => {
  it.each(['#,##0;(#,##0);"-"', "0.00%", '#,##0.000;(#,##0.000)', '0.0"x"', "[Red]#,##0;[Blue](#,##0)", '#,##0,"k"', "$#,##0.00", "#,##0.0,,", "yyyy-mm-dd", "mmm d, yyyy", "General", '#,##0" bp"'])(
    "%s is accepted",
    (code) => {
      expect(formatProblem(code)).toBeUndefined();
      expect(format.safeParse(code).success).toBe(true);
    },
  );

  it.each([
    ["0.00E+00", /"E" is not supported/],
    ["# ?/?", /"\?" is not supported/],
    ["@", /"@" is not supported/],
    ["[>=1000]#,##0", /only colours may be given in brackets/],
    ["[$-409]#,##0", /only colours/],
    ["0.0x", /"x" must be quoted/],
    ['0"-"000', /text between digit placeholders/],
    ["h:mm", /only years, months and days/],
    ["0;0;0;@", /at most three sections/],
    ['0.0"x', /an unclosed quote/],
    ["0.0.0", /more than one decimal point/],
  ])("%s is refused: %s", (code, message) => {
    expect(formatProblem(code)).toMatch(message);
    const parsed = format.safeParse(code);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/^format ".*": /);
  });

  it("every preset's code is a code TEXT accepts; the currency-symbol presets take the currency's symbol, quoted", () => {
    for (const name of PRESET_NAMES.filter((n) => n !== "text")) expect(formatProblem(presetCode(name as never, "$")), name).toBeUndefined();
    expect(presetCode("amount_symbol", "$")).toBe('"$"#,##0;("$"#,##0);"-"');
    expect(presetCode("per_share_symbol", "¥")).toBe('"¥"#,##0.00;("¥"#,##0.00);"-"');
  });

  it("TEXT shows the presets as the release prints figures: negatives in parentheses, zero as a dash, basis points", () => {
    const text = (v: string, name: string, symbol = "$") => formatNumber(new Decimal(v), presetCode(name as never, symbol));
    expect(text("-1234.5", "amount")).toBe("(1,235)");
    expect(text("0", "amount")).toBe("-");
    expect(text("0.09609", "percent")).toBe("9.6%");
    expect(text("0.09609", "percent2")).toBe("9.61%");
    expect(text("125", "bp")).toBe("125 bp");
    expect(text("-6.161", "per_share_symbol")).toBe('($6.16)');
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/errors.js";
import { compile } from "../../src/template/compile.js";
import { layOut } from "../../src/template/layout.js";
import { sheet as sheetSchema } from "../../src/template/schema.js";

describe("fuzzing the template compiler (bounded budget)", () => {
  const s = sheetSchema.parse({
    id: "is",
    name: "Income",
    title: "t",
    unit: "JPY thousands",
    columns: [{ period: "1H17" }, { period: "1H18" }],
    rows: [
      { id: "rev_a", label: "A" },
      { id: "rev_b", label: "B" },
    ],
  });
  const layout = layOut({ file: "t.json", title: "t", files: [], sheets: [{ ...s, file: "sheet.json" }] });
  const sheet = layout.byId.get("is")!;
  const text = fc.string({ unit: fc.constantFrom(..."rev_ab.@1H78is:()+-*/\"SUM, $#!'".split(""), "rev_a", "is.rev_b", "@1H17", "SUM("), maxLength: 40 });

  it("any text compiles to A1 text or is a TemplateError naming the file — never a crash", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 40 })), (source) => {
        try {
          const out = compile(source, { layout, sheet, home: sheet, column: "1H17", basis: { sheet, row: "rev_a" }, where: { file: "sheet.json", path: "$.rows[0].formula" } });
          expect(typeof out.text).toBe("string");
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
          expect((e as TemplateError).file).toBe("sheet.json");
        }
      }),
      { numRuns: 5000, seed: 11, interruptAfterTimeLimit: 20_000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXstring, unescapeXml, unescapeXstring } from "../../src/workbook/xml.js";

/** What a reader following Excel's rule makes of text written by escapeXstring: XML entities, then `_xHHHH_`, then XML's own line-end handling. */
const readBack = (written: string): string => unescapeXstring(unescapeXml(written.replace(/\r\n?/g, "\n")));

describe("text as Excel reads it from shared strings and comments (_xHHHH_)", () => {
  it("a label that looks like an escape is written with its underscore escaped, and reads back as itself", () => {
    expect(escapeXstring("a_x0041_b")).toBe("a_x005F_x0041_b");
    expect(readBack(escapeXstring("a_x0041_b"))).toBe("a_x0041_b");
    // Excel's rule decodes each escape: unescaped, the label would show as "aAb".
    expect(unescapeXstring("a_x0041_b")).toBe("aAb");
  });

  it("escapes that share an underscore are each escaped: _x0041_x0042_", () => {
    expect(escapeXstring("_x0041_x0042_")).toBe("_x005F_x0041_x005F_x0042_");
    expect(readBack(escapeXstring("_x0041_x0042_"))).toBe("_x0041_x0042_");
  });

  it("a carriage return is written _x000D_, so that XML does not turn it into a line feed", () => {
    expect(escapeXstring("Line\r\nTwo")).toBe("Line_x000D_\nTwo");
    expect(readBack(escapeXstring("Line\r\nTwo"))).toBe("Line\r\nTwo");
    // An escape-like text right before a carriage return would otherwise close on the return's own escape.
    expect(escapeXstring("SKU_x0041\r")).toBe("SKU_x005F_x0041_x000D_");
    expect(readBack(escapeXstring("SKU_x0041\r"))).toBe("SKU_x0041\r");
  });

  it("no other underscore is escaped: Excel refuses _x005F_ anywhere else", () => {
    for (const text of ["rev_ns_total", "_x", "_x004_", "_x00G1_", "a_ x0041_", "x0041_"]) expect(escapeXstring(text)).toBe(text);
  });

  it("XML's own characters are escaped as before", () => {
    expect(escapeXstring('<p. 10> & "notes"')).toBe("&lt;p. 10&gt; &amp; &quot;notes&quot;");
  });

  it("any text of underscores, x, hex digits and line ends reads back as itself", () => {
    const text = fc.string({ unit: fc.constantFrom("_", "x", "X", "0", "4", "1", "D", "f", "F", "5", "\r", "\n", "a", "&", " ") });
    fc.assert(
      fc.property(text, (t) => {
        expect(readBack(escapeXstring(t))).toBe(t);
      }),
      { numRuns: 2000, seed: 14 },
    );
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonSyntaxError, MAX_DEPTH, parseJson, readJson } from "../../src/data/json.js";
import { NumberText } from "../../src/data/number.js";
import { xmlIllegal } from "../../src/data/xml-text.js";
import { DataError, TemplateError } from "../../src/errors.js";
import { ROOT } from "../support/root.js";

function fileWith(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "tieout-json-")), "data.json");
  writeFileSync(file, text);
  return file;
}

/** The DataError readJson raises for a text. */
function failure(text: string): DataError {
  try {
    readJson(fileWith(text));
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error("expected the text to be rejected");
}

/** A parsed value with each NumberText as the double JSON.parse would have made of it. */
function asDoubles(v: unknown): unknown {
  if (v instanceof NumberText) return Number(v.text);
  if (Array.isArray(v)) return v.map(asDoubles);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asDoubles(x)]));
  return v;
}

/** Whether every key and string of a value is text a workbook can carry (see xml-text.ts). */
function writable(v: unknown): boolean {
  if (typeof v === "string") return xmlIllegal(v) === undefined;
  if (Array.isArray(v)) return v.every(writable);
  if (v !== null && typeof v === "object") return Object.entries(v).every(([k, x]) => writable(k) && writable(x));
  return true;
}

describe("reading JSON", () => {
  it("an integer of up to 15 digits arrives as a JS number; any other number keeps its text", () => {
    const read = parseJson("[0, -7, 90963384, 999999999999999, -999999999999999, 1000000000000000, 0.1, -0, 1e3, 1E-2, 2.50, -0.0]") as unknown[];
    expect(read.slice(0, 5)).toEqual([0, -7, 90963384, 999999999999999, -999999999999999]);
    const texts = read.slice(5).map((v) => (v instanceof NumberText ? v.text : `not NumberText: ${String(v)}`));
    expect(texts).toEqual(["1000000000000000", "0.1", "-0", "1e3", "1E-2", "2.50", "-0.0"]);
  });

  it("with doubles asked for, numbers are what JSON.parse makes of them, -0 included", () => {
    const text = "[0.1, -0, 1e3, 12345678901234567, 7]";
    const read = parseJson(text, "double") as number[];
    expect(read).toEqual(JSON.parse(text));
    expect(Object.is(read[1], -0)).toBe(true);
  });

  it("any JSON JSON.parse reads, the reader reads to the same value (but for __proto__ keys, refused below, and text no workbook can carry)", () => {
    const json = fc.jsonValue({ stringUnit: "binary" }).filter((v) => !JSON.stringify(v).includes('"__proto__":'));
    fc.assert(
      fc.property(json, fc.constantFrom(undefined, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        if (!writable(value)) {
          expect(() => parseJson(text)).toThrow(/cannot be written to a workbook: XML 1.0 does not allow it/);
          return;
        }
        expect(asDoubles(parseJson(text))).toEqual(JSON.parse(text));
        expect(parseJson(text, "double")).toEqual(JSON.parse(text));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("escapes decode as JSON.parse decodes them", () => {
    const text = String.raw`{"s": "a\"b\\c\/d\n\r\t \u00e9 \ud83d\ude00 \u0009 \uFFFD", "k\u00e9y": 1}`;
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it.each([
    [String.raw`"\u0001"`, "U+0001"],
    [String.raw`"\b"`, "U+0008"],
    [String.raw`"\f"`, "U+000C"],
    [String.raw`"a\u0000"`, "U+0000"],
    [String.raw`"\ud83d"`, "U+D83D"],
    [String.raw`"\ud83d\u0041"`, "U+D83D"],
    [String.raw`"\ude00"`, "U+DE00"],
    [String.raw`"\uFFFE"`, "U+FFFE"],
    ['"U+FFFF written raw, in UTF-8: \uFFFF"', "U+FFFF"],
  ])("text XML 1.0 cannot carry is refused, by code point and JSON path: %s", (string, char) => {
    const e = failure(`{\n  "sheets": [{ "name": "ok" }, { "name": ${string} }]\n}`);
    expect(e.message).toMatch(new RegExp(`^${char.replace("+", "\\+")} cannot be written to a workbook: XML 1.0 does not allow it \\(line 2, column \\d+\\)$`));
    expect(e.path).toBe("$.sheets[1].name");
    expect(e.hint).toMatch(/tab and line breaks are fine/);
  });

  it("characters of U+F000–U+FFFF other than U+FFFE and U+FFFF read as written, whole", () => {
    const text = '["（全角）\uFFFD\uF8FF", "ｱ"]';
    expect(parseJson(text)).toEqual(["（全角）\uFFFD\uF8FF", "ｱ"]);
    expect(parseJson(Buffer.from([0x5b, 0x22, 0xef, 0x22, 0x5d]))).toEqual(["\uFFFD"]);
  });

  it("a __proto__ key is refused at its place: the entry would otherwise vanish without a word", () => {
    const e = failure('{\n  "items": { "__proto__": { "label": "hidden" } }\n}');
    expect(e.message).toBe('the key "__proto__" is not taken (line 2, column 14)');
    expect(e.hint).toMatch(/another key/);
  });

  it("a key given twice in one object is an error at the second one's line and column", () => {
    const e = failure('{\n  "a": 1,\n  "b": { "x": 1, "x": 2 }\n}');
    expect(e.message).toBe('duplicate key "x" (line 3, column 18)');
    expect(e.hint).toMatch(/each key once/);
  });

  it("the same key in different objects is no duplicate", () => {
    expect(parseJson('[{"x": 1}, {"x": 2}, {"y": {"x": 3}}]')).toEqual([{ x: 1 }, { x: 2 }, { y: { x: 3 } }]);
  });

  it.each([
    ['{ "a": 1, }', /expected a key in double quotes, found "}"/, "line 1, column 11"],
    ['{ "a" 1 }', /expected ":" after a key, found "1"/, "line 1, column 7"],
    ["[1, 2", /expected "," or "]" after an array element, but the file ends/, "line 1, column 6"],
    ['{"a": 1 "b": 2}', /expected "," or "}" after a value in an object, found "\\""/, "line 1, column 9"],
    ['{"a": "abc', /the file ends inside a string/, "line 1, column 11"],
    ['{"a": "a\tb"}', /control character inside a string/, "line 1, column 9"],
    ['{"a": NaN}', /expected a value, found "N"/, "line 1, column 7"],
    ['{"a": Infinity}', /expected a value, found "I"/, "line 1, column 7"],
    ['{"a": 01}', /leading zero/, "line 1, column 8"],
    ['{"a": 1.}', /expected a digit after the decimal point/, "line 1, column 9"],
    ['{"a": -}', /expected a digit after "-"/, "line 1, column 8"],
    ['{"a": 1e+}', /expected a digit in the exponent/, "line 1, column 10"],
    ['{"a": "\\x"}', /"\\x" is not an escape JSON knows/, "line 1, column 8"],
    ['{"a": "\\u12g4"}', /four hex digits after \\u/, "line 1, column 8"],
    ['{"a": 1} x', /expected the end of the file after the JSON value, found "x"/, "line 1, column 10"],
    ['\n\n  {"a": tru}', /expected a value, found "t"/, "line 3, column 9"],
    ['{\r\n  "a": 1,\r\n  "b": ]\r\n}', /expected a value, found "]"/, "line 3, column 8"],
    ["\uFEFF{}", /expected a value, found U\+FEFF, a byte-order mark/, "line 1, column 1"],
    ['{"a": \u00a0 1}', /expected a value, found U\+00A0/, "line 1, column 7"],
    ['{"é": 1 ]', /expected "," or "}" after a value in an object, found "]"/, "line 1, column 9"],
  ])("malformed JSON %j is reported with what was expected and where", (text, message, where) => {
    const e = failure(text);
    expect(e.message).toMatch(/^malformed JSON: /);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`(${where})`);
    expect(e.file).toMatch(/data\.json$/);
  });

  it(`nesting deeper than ${MAX_DEPTH} levels is refused with its place, never a stack overflow`, () => {
    for (const open of ["[", '{"a":']) {
      const e = failure(open.repeat(100_000));
      expect(e.message).toMatch(new RegExp(`nested more than ${MAX_DEPTH} levels deep`));
      expect(e.message).toContain(`column ${(MAX_DEPTH * open.length) + 1})`);
    }
    const deepest = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH);
    expect(() => parseJson(deepest)).not.toThrow();
  });

  it("the parser's errors carry the offset, and a hint when the JSON is valid but not taken", () => {
    const e = (() => {
      try {
        parseJson('{"k": 1, "k": 2}');
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(JsonSyntaxError);
    expect(e).toMatchObject({ offset: 9, hint: expect.stringMatching(/each key once/) });
  });

  it("the error class asked for is the one raised: a template's problems are TemplateErrors", () => {
    expect(() => readJson(fileWith("{"), TemplateError, "double")).toThrow(TemplateError);
    expect(() => readJson(join(tmpdir(), "no-such-dir-tieout", "x.json"), TemplateError)).toThrow(/file not found/);
  });

  it("a label read from a big file does not keep the file's text alive", () => {
    // In a fresh process of its own, on the built reader: the test runner's heap is too busy to weigh 8 MB in.
    const file = fileWith(JSON.stringify({ label: "Revenues from network services", padding: "x".repeat(8_000_000) }));
    const script = `
      const { readJson } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/data/json.js")).href)});
      gc(); gc();
      const before = process.memoryUsage().heapUsed;
      const { label } = readJson(${JSON.stringify(file)});
      gc(); gc();
      console.log(JSON.stringify({ label, held: process.memoryUsage().heapUsed - before }));`;
    const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const { label, held } = JSON.parse(run.stdout) as { label: string; held: number };
    expect(label).toBe("Revenues from network services");
    expect(held).toBeLessThan(2_000_000);
  });

  it("a file of only whitespace is empty, not malformed", () => {
    expect(failure(" \n\t ").message).toBe("the file is empty");
  });
});

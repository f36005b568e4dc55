import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { presetCode, PRESET_NAMES } from "../../src/template/number-format.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture } from "../support/fixture.js";

const soffice = findSoffice();
const skip = !soffice && process.env.CI !== "true";
if (skip) process.stderr.write("LibreOffice (soffice) not found: skipping the number-format agreement test (CI=true makes this a failure)\n");

/** Every preset (the symbol ones in dollars) and codes a template may declare. */
const CODES: string[] = [
  ...PRESET_NAMES.filter((n) => n !== "text").map((n) => presetCode(n as never, "$")),
  "#,##0.000;(#,##0.000)",
  '0.0"x"',
  "[Red]#,##0;[Blue](#,##0)",
  '#,##0,"k"',
  "$#,##0.00",
  "#,##0.0,,",
  "0%",
  '0.00" bp";-0.00" bp"',
];
const VALUES: Record<string, number> = { "1H17": 1234567.891, "1H18": -2345678.9, "FY18": 0 };

/**
 * A template row per format, holding figures in that format, and below it a row of
 * TEXT(figure, code): tieout's TEXT caches what it shows. LibreOffice recalculates the
 * TEXT cells from the codes the writer wrote; they must show the same text, and the
 * figures' cells carry exactly the code the template declared.
 */
describe.skipIf(skip)("a declared number format: the writer writes it, and tieout's TEXT shows it as LibreOffice's TEXT does", () => {
  it("for every preset and every kind of code", async () => {
    const f = smallReport();
    f.data.statements.is.items = Object.fromEntries(CODES.map((_, i) => [`x${i}`, { label: `x${i}`, values: VALUES }]));
    f.sheet.rows = CODES.flatMap((code, i) => [
      { id: `x${i}`, label: code, format: code, unit: "USD" },
      { id: `t${i}`, label: `TEXT ${code}`, formula: `TEXT(x${i}, "${code.replace(/"/g, '""')}")`, format: "text" },
    ]);
    f.sheet.unit = "USD";
    f.data.statements.is.unit = "USD";
    f.report.periods = { ...(f.report.periods as object), FY18: { label: "Fiscal year", kind: "duration", start: "2018-04-01", end: "2019-03-31" } };
    f.data.statements.is.periods = ["1H17", "1H18", "FY18"];
    f.sheet.columns = [{ period: "1H17" }, { period: "1H18" }, { period: "FY18" }];
    // Where Calc departs from Excel: a negative figure that rounds to zero in a one-section format is "-0.0" in Excel
    // (ExcelTips 2576, "Getting Rid of Negative Zero Amounts": "the value would show … as –0.00"), "0.0" in Calc.
    f.data.statements.is.items.tiny = { label: "tiny", values: { "1H17": -0.0125, "1H18": -0.0125, FY18: -0.0125 } };
    f.sheet.rows.push({ id: "tiny", label: "tiny", format: "0.0", unit: "USD" }, { id: "tiny_text", label: "TEXT tiny", formula: 'TEXT(tiny, "0.0")', format: "text" });
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr).toBe(0);

    const styles = await (await JSZip.loadAsync(readFileSync(files.out))).file("xl/styles.xml")!.async("string");
    const written = [...styles.matchAll(/formatCode="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
    for (const code of CODES) expect(written, code).toContain(code);

    const ours = await readWorkbookCells(files.out);
    const theirs = await readWorkbookCells(await recalculateWithLibreOffice(files.out));
    const texts = (book: typeof ours) => book.sheets[0]!.cells.filter((c) => c.formula?.startsWith("TEXT(") && !c.formula.includes(', "0.0")')).map((c) => `${c.formula} → ${String(c.value)}`);
    expect(texts(ours)).toHaveLength(CODES.length * 3);
    expect(texts(theirs)).toEqual(texts(ours));
    const tiny = (book: typeof ours) => book.sheets[0]!.cells.filter((c) => c.formula?.includes(', "0.0")')).map((c) => c.value);
    expect(tiny(ours)).toEqual(["-0.0", "-0.0", "-0.0"]);
    expect(tiny(theirs), "Calc still shows a negative zero without its sign").toEqual(["0.0", "0.0", "0.0"]);
  });
});

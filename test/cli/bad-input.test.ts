import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { TEMP_PREFIX } from "../../src/workbook/atomic.js";
import { readWorkbookCells } from "../../src/workbook/read.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture, type Fixture } from "../support/fixture.js";

interface Case {
  name: string;
  /** Changes the fixture, or gives a file's raw text. */
  mutate?: (f: Fixture) => void;
  raw?: Partial<Record<"report" | "data" | "template" | "sheet", string>>;
  /** The file the message must name, the path inside it, and what it must say. */
  file: "report" | "data" | "template" | "sheet";
  path?: RegExp;
  says: RegExp;
}

const items = (f: Fixture): Record<string, any> => f.data.statements.is.items;
const row = (f: Fixture, id: string): any => f.sheet.rows.find((r) => r.id === id);

const cases: Case[] = [
  // Data
  { name: "malformed JSON", raw: { data: '{ "statements": { "is": {' }, file: "data", says: /JSON|end of|unexpected/i },
  { name: "an empty data file", raw: { data: "" }, file: "data", says: /empty/i },
  { name: "a missing line item", mutate: (f) => delete items(f).rev_b, file: "sheet", path: /rev_b/, says: /rev_b/ },
  { name: "an extra line item no sheet shows", mutate: (f) => (items(f).rev_c = { label: "Other", values: { "1H17": 1, "1H18": 2 } }), file: "data", path: /items\.rev_c/, says: /not shown on any sheet/ },
  { name: "a duplicated line item", raw: { data: JSON.stringify(smallReport().data).replace('"rev_b":', '"rev_a":{"label":"x","values":{"1H17":1,"1H18":1}},"rev_b":') }, file: "data", says: /duplicate|twice/i },
  { name: 'a string where a number belongs ("1,234")', mutate: (f) => (items(f).rev_a.values["1H18"] = "1,234"), file: "data", path: /rev_a\.values/, says: /expected a number/ },
  { name: "NaN", raw: { data: JSON.stringify(smallReport().data).replace('"1H18":1200', '"1H18":NaN') }, file: "data", says: /JSON|NaN|unexpected/i },
  { name: "Infinity", raw: { data: JSON.stringify(smallReport().data).replace('"1H18":1200', '"1H18":Infinity') }, file: "data", says: /JSON|Infinity|unexpected/i },
  { name: "-0", raw: { data: JSON.stringify(smallReport().data).replace('"1H18":1200', '"1H18":-0') }, file: "data", path: /rev_a/, says: /negative zero/ },
  { name: "more than 15 significant digits", raw: { data: JSON.stringify(smallReport().data).replace('"1H18":1200', '"1H18":1200.00000000000001') }, file: "data", path: /rev_a/, says: /significant digits/ },
  { name: "beyond 2^53", raw: { data: JSON.stringify(smallReport().data).replace('"1H18":1200', '"1H18":9007199254740993') }, file: "data", path: /rev_a/, says: /2\^53/ },
  { name: "an unknown period", mutate: (f) => (f.data.statements.is.periods = ["1H17", "1H19"]), file: "data", path: /periods/, says: /unknown period "1H19"/ },
  { name: "a unit mismatch between statement and template", mutate: (f) => (f.data.statements.is.unit = "JPY millions"), file: "sheet", says: /unit|JPY millions/ },
  // Template
  { name: "a formula naming an unknown row, with a suggestion", mutate: (f) => (row(f, "rev_total").formula = "SUM(rev_a:rev_bb)"), file: "sheet", path: /rev_total|rows\[2\]/, says: /unknown row "rev_bb".*did you mean "rev_b"/ },
  {
    name: "a cycle, with its path",
    mutate: (f) => {
      f.sheet.rows.push({ id: "x", label: "X", formula: "y + rev_total" }, { id: "y", label: "Y", formula: "x * 2" });
    },
    file: "sheet",
    says: /circular reference: .*→.*→/,
  },
  { name: "a function outside the supported set", mutate: (f) => (row(f, "rev_total").formula = "FROBNICATE(rev_a, rev_b)"), file: "sheet", path: /rev_total|rows\[2\]/, says: /FROBNICATE/ },
  { name: "a sheet name longer than 31 characters", mutate: (f) => (f.sheet.name = "A sheet name that is much too long for Excel"), file: "sheet", path: /\$\.name/, says: /31 characters/ },
  { name: "a sheet name with [ ] : * ? / \\", mutate: (f) => (f.sheet.name = "Income: 1H/2Q"), file: "sheet", path: /\$\.name/, says: /cannot contain/ },
  { name: "a sheet name used twice, case-insensitively", mutate: (f) => (f.sheet.name = "CHECKS"), file: "sheet", path: /\$\.name/, says: /already used/ },
  { name: "more columns than Excel allows", mutate: (f) => (f.sheet.columns = [...f.sheet.columns, ...Array.from({ length: 16_384 }, (_, i) => ({ id: `c${i}`, header: "x", formula: "1" }))]), file: "sheet", path: /columns/, says: /Excel allows 16384/ },
  { name: "more rows than Excel allows", mutate: (f) => (f.sheet.rows = [...f.sheet.rows, ...new Array(1_048_573).fill({ heading: "x" })]), file: "sheet", path: /rows/, says: /Excel allows 1048576/ },
  { name: "a formula longer than 8,192 characters", mutate: (f) => (row(f, "rev_total").formula = `rev_a${"+rev_b".repeat(1700)}`), file: "sheet", path: /formula/, says: /8192/ },
  // Text
  { name: "a label over 32,767 characters", mutate: (f) => (row(f, "rev_a").label = "x".repeat(32_768)), file: "sheet", path: /label/, says: /32767|32,767|too long|at most/i },
  { name: "a label with an XML-illegal control character", mutate: (f) => (row(f, "rev_a").label = "Services\u0001"), file: "sheet", path: /label/, says: /control character/ },
  // Text XML 1.0 cannot carry, wherever it is: the workbook could not be opened (by Excel, LibreOffice or tieout check).
  { name: "a sheet name with U+0001", mutate: (f) => (f.sheet.name = "Income\u0001"), file: "sheet", path: /\$\.name: /, says: /U\+0001 cannot be written to a workbook: XML 1\.0 does not allow it/ },
  { name: "a sheet name with a tab", mutate: (f) => (f.sheet.name = "Income\t1H"), file: "sheet", path: /\$\.name/, says: /cannot contain control characters, tabs or line breaks/ },
  { name: "a data label with an unpaired surrogate", raw: { data: JSON.stringify(smallReport().data).replace('"label":"Services"', '"label":"Services\\ud800"') }, file: "data", path: /\$\.statements\.is\.items\.rev_a\.label/, says: /U\+D800 cannot be written/ },
  { name: "a report title with U+FFFF", mutate: (f) => (f.report.title = "Interim report\uFFFF"), file: "report", path: /\$\.title/, says: /U\+FFFF cannot be written/ },
  { name: "a string in a template formula with U+0007", mutate: (f) => (row(f, "rev_total").formula = 'IF(rev_a>0,SUM(rev_a:rev_b),"\u0007")'), file: "sheet", path: /\$\.rows\[2\]\.formula/, says: /U\+0007 cannot be written/ },
  { name: "a heading with U+000B in the template", mutate: (f) => f.sheet.rows.push({ heading: "Memo\u000b" }), file: "sheet", path: /\$\.rows\[3\]\.heading/, says: /U\+000B cannot be written/ },
];

describe("bad input gets a clear error, and nothing is lost", () => {
  it.each(cases)("$name: exit 2, names the file and the place, leaves the previous output as it was", (c) => {
    const good = writeFixture(smallReport());
    mkdirSync(dirname(good.out), { recursive: true });
    const previous = Buffer.from("the previous workbook, which must survive");
    writeFileSync(good.out, previous);

    const f = smallReport();
    c.mutate?.(f);
    const files = writeFixture(f, c.raw, good.dir);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);

    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(basename(files[c.file]));
    if (c.path) expect(run.stderr).toMatch(c.path);
    expect(run.stderr).toMatch(c.says);
    expect(run.stderr.trim().split("\n").length, "one clear message, no stack trace").toBeLessThanOrEqual(2);
    expect(readFileSync(files.out)).toEqual(previous);
    expect(readdirSync(dirname(files.out)).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
    expect(readdirSync(files.dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it("a config file with text XML cannot carry: exit 2, naming the config file and the JSON path", () => {
    const files = writeFixture(smallReport());
    const config = `${files.dir}/tieout.config.json`;
    writeFileSync(config, JSON.stringify({ reports: [{ name: "small", template: files.template, data: files.report, output: "out/r\u0002.xlsx" }] }));
    const run = tieout(["build", "--config", config]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${config}: $.reports[0].output: U+0002 cannot be written to a workbook`);
  });

  it("the good fixture builds (so the cases above fail for their own reason)", () => {
    const files = writeFixture(smallReport());
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("labels starting with =, +, - or @ are written as text, never as formulas (no formula injection)", async () => {
    const f = smallReport();
    const labels = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"];
    f.sheet.rows[0].label = labels[0];
    f.sheet.rows[1].label = labels[1];
    f.sheet.rows.push({ heading: labels[2] }, { heading: labels[3] });
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status, run.stderr).toBe(0);
    const book = await readWorkbookCells(files.out);
    const cells = book.sheets[0]!.cells.filter((c) => c.col === 1 && labels.includes(String(c.value)));
    expect(cells.map((c) => c.value).sort()).toEqual([...labels].sort());
    expect(cells.every((c) => c.formula === undefined)).toBe(true);
  });
});

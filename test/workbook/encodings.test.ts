import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { checkWorkbook } from "../../src/verify/check.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells, type ReadBook } from "../../src/workbook/read.js";
import { smallReport, writeFixture } from "../support/fixture.js";

const LOOKS_ESCAPED = "Services a_x0041_b";
const SHARED_ESCAPES = "Equipment _x0041_x0042_";
const TWO_LINES = "Total\r\nrevenues";

const soffice = findSoffice();
const ssconvert = spawnSync("ssconvert", ["--version"]).status === 0;
const required = process.env.CI === "true";

/**
 * A small report whose texts look like Excel's `_xHHHH_` escapes or hold a carriage return, and whose
 * formulas call IFNA, a function newer than Excel 2007.
 */
describe("the written file uses Excel's encodings", () => {
  let file: string;
  let zip: JSZip;
  let book: ReadBook;
  const scratch = mkdtempSync(join(tmpdir(), "tieout-encodings-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const part = (name: string): Promise<string> => zip.file(name)!.async("string");

  beforeAll(async () => {
    const f = smallReport();
    f.sheet.rows[0].label = LOOKS_ESCAPED;
    f.data.statements.is.items.rev_b.label = SHARED_ESCAPES;
    f.sheet.rows[2].label = TWO_LINES;
    f.sheet.rows[2].formula = "IFNA(SUM(rev_a:rev_b), 0)";
    f.sheet.columns[2].formula = "IFNA(@1H18/@1H17-1, 0)";
    const w = writeFixture(f, {}, mkdtempSync(join(scratch, "report-")));
    const result = await buildReport({ name: "small", template: w.template, data: w.report, output: w.out });
    expect(result.ok).toBe(true);
    file = result.workbook;
    zip = await JSZip.loadAsync(readFileSync(file));
    book = await readWorkbookCells(file);
  });

  it("IFNA is written _xlfn.IFNA in every formula of the file, and read back as IFNA", async () => {
    const formulas = [...(await part("xl/worksheets/sheet1.xml")).matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]!);
    const calls = formulas.filter((f) => /IFNA\(/.test(f));
    // Total revenues in 1H17 and 1H18, and the YoY % of each of the three rows.
    expect(calls.length).toBe(5);
    for (const f of calls) expect(f).not.toMatch(/(?<!_xlfn\.)IFNA\(/);
    const read = book.sheets[0]!.cells.filter((c) => c.formula?.includes("IFNA"));
    expect(read.map((c) => c.formula)).toContain("IFNA(SUM(B5:B6), 0)");
    expect(read.every((c) => !c.formula!.includes("_xlfn."))).toBe(true);
    const checked = checkWorkbook(book);
    expect(checked.unsupported).toEqual([]);
    expect(checked.ok).toBe(true);
  });

  it("a label like an escape is stored with its underscore escaped; tieout's reader and exceljs's read it as written", async () => {
    const strings = await part("xl/sharedStrings.xml");
    expect(strings).toContain("<t>Services a_x005F_x0041_b</t>");
    expect(strings).toContain("Total_x000D_\nrevenues");
    const labels = book.sheets[0]!.cells.filter((c) => c.col === 1).map((c) => c.value);
    expect(labels).toEqual(expect.arrayContaining([LOOKS_ESCAPED, TWO_LINES]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // exceljs decodes _xHHHH_ in shared strings as Excel does (exceljs/exceljs#584).
    expect(wb.getWorksheet("Income")!.getCell("A5").value).toBe(LOOKS_ESCAPED);
  });

  it("a note like an escape is stored with its underscores escaped, and exceljs reads it as written", async () => {
    const comments = await part("xl/comments1.xml");
    expect(comments).toContain("Equipment _x005F_x0041_x005F_x0042_");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const note = wb.getWorksheet("Income")!.getCell("A6").note;
    expect(typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("")).toContain(SHARED_ESCAPES);
  });

  it.skipIf(!soffice && !required)("LibreOffice shows the labels as written and computes _xlfn.IFNA as IFNA", async () => {
    const recalculated = await recalculateWithLibreOffice(file);
    const theirs = await readWorkbookCells(recalculated);
    rmSync(dirname(recalculated), { recursive: true, force: true });
    const cell = (address: string): unknown => theirs.sheets[0]!.cells.find((c) => c.address === address)?.value;
    // LibreOffice decodes _x005F_ in shared strings (and, unlike Excel, leaves other escapes as text); it keeps line breaks as line feeds.
    expect([cell("A5"), cell("A7")]).toEqual([LOOKS_ESCAPED, TWO_LINES.replace("\r\n", "\n")]);
    // Income!B7 and C7: total revenues, 1,250 and 1,500 (the fixture's statement); D7 their YoY.
    expect([cell("B7"), cell("C7"), cell("D7")]).toEqual([1250, 1500, 0.2]);
  });

  it.skipIf(!ssconvert && !required)("where gnumeric departs from Excel: it decodes no escape and shows the text as stored", () => {
    const csv = execFileSync("ssconvert", ["--export-type=Gnumeric_stf:stf_csv", file, "fd://1"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(csv).toContain("Services a_x005F_x0041_b");
  });
});

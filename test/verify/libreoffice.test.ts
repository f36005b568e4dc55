import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkbookReadError } from "../../src/errors.js";
import { convertToPdf, findSoffice, LibreOfficeError, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { readWorkbookCells, type ReadBook, type ReadCell } from "../../src/workbook/read.js";
import { QUOTED, staleWorkbook } from "../support/stale.js";

const soffice = findSoffice();
const required = process.env.CI === "true";
const skip = !soffice && !required;
if (skip) {
  process.stderr.write("LibreOffice (soffice) not found: skipping the LibreOffice recalculation tests (CI=true makes this a failure)\n");
}

/** Every temporary folder the module makes goes here, so the test can see that it cleans up. */
const scratch = mkdtempSync(join(tmpdir(), "tieout-lo-test-"));
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
});

function cellOf(book: ReadBook, sheet: string, address: string): ReadCell | undefined {
  return book.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.address === address);
}

describe.skipIf(skip)("LibreOffice Calc recalculates every formula on load, whatever is cached", () => {
  let input: string;
  let output: string;
  let book: ReadBook;
  const at = (address: string, sheet = "Summary"): ReadCell | undefined => cellOf(book, sheet, address);

  beforeAll(async () => {
    expect(soffice, "LibreOffice must be installed where CI=true").toBeDefined();
    input = join(scratch, "stale report.xlsx");
    await staleWorkbook(input);
    output = await recalculateWithLibreOffice(input);
    book = await readWorkbookCells(output);
  });
  afterAll(() => {
    if (output) rmSync(dirname(output), { recursive: true, force: true });
  });

  it("a wrong cached result is replaced by the formula's value: 1+1 cached as 5 comes back 2", () => {
    expect(at("A1")).toMatchObject({ formula: "1+1", value: 2 });
    expect(at("A2")).toMatchObject({ formula: "A1*3", value: 6 });
  });

  it("a formula that evaluates to an error comes back as that error, and errors propagate", () => {
    expect(at("A3")).toMatchObject({ formula: "1/0", value: { error: "#DIV/0!" } });
    expect(at("A4")).toMatchObject({ formula: "NA()", value: { error: "#N/A" } });
    expect(at("A5")).toMatchObject({ formula: "A3+1", value: { error: "#DIV/0!" } });
  });

  it("a boolean result is a boolean; a boolean constant comes back as the formula TRUE()", () => {
    expect(at("A6")).toMatchObject({ formula: "A1=2", value: true });
    expect(at("A8")).toMatchObject({ formula: "TRUE()", value: true });
  });

  it("a boolean result in a cell with a number format of its own comes back as the number 1 (Calc has no boolean type)", () => {
    expect(at("A9")).toMatchObject({ formula: "A1=2", value: 1 });
  });

  it("an empty-text result is written as an empty <v/>, which reads back as null, not the stale text", () => {
    expect(at("A7")).toMatchObject({ formula: '""', value: null });
  });

  it("a shared formula is written back as one plain formula per cell, recalculated", () => {
    expect(at("C1")).toMatchObject({ formula: "B1*2", origin: "cell", value: 2000 });
    expect(at("C2")).toMatchObject({ formula: "B2*2", origin: "cell", value: 500 });
  });

  it("sheet names with spaces, apostrophes and parentheses survive, and formulas across them recalculate", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["Summary", QUOTED, "Balance Sheet"]);
    expect(at("D1")).toMatchObject({ formula: "SUM('It''s Q2 (JPY ''000)'!A1:A2)", value: 1500 });
    expect(at("B1", QUOTED)).toMatchObject({ formula: "Summary!B1+A1", value: 2200 });
    expect(at("A1", "Balance Sheet")).toMatchObject({ formula: "'It''s Q2 (JPY ''000)'!B1/1000", value: 2.2 });
  });

  it("the input is untouched, the output is a new file named after it, and no profile or scratch folder is left", async () => {
    const original = await readWorkbookCells(input);
    expect(cellOf(original, "Summary", "A1")?.value).toBe(5);
    expect(output).not.toBe(input);
    expect(output.endsWith("stale report.xlsx")).toBe(true);
    expect(readdirSync(scratch).filter((name) => name.startsWith("tieout-soffice-"))).toEqual([]);
  });

  it("calls run side by side, each with its own profile", async () => {
    const outputs = await Promise.all([recalculateWithLibreOffice(input), recalculateWithLibreOffice(input)]);
    expect(new Set(outputs).size).toBe(2);
    for (const file of outputs) {
      expect(cellOf(await readWorkbookCells(file), "Summary", "A1")?.value).toBe(2);
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  it("a PDF printed from the workbook shows the recalculated values", async () => {
    const pdf = await convertToPdf(input, join(scratch, "pdf"));
    expect(pdf).toBe(join(scratch, "pdf", "stale report.pdf"));
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("#DIV/0!");
    expect(text).toContain("2200");
  });
});

/** Runs `body` with TIEOUT_SOFFICE pointing at `soffice`, then puts the setting back. */
async function withSoffice(soffice: string, body: () => Promise<void>): Promise<void> {
  const saved = process.env.TIEOUT_SOFFICE;
  process.env.TIEOUT_SOFFICE = soffice;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TIEOUT_SOFFICE;
    else process.env.TIEOUT_SOFFICE = saved;
  }
}

describe("LibreOffice failures are typed errors", () => {
  const file = join(scratch, "any.xlsx");
  beforeAll(() => staleWorkbook(file));

  it("a missing input is a WorkbookReadError naming the file, before soffice is started", async () => {
    const missing = join(scratch, "missing.xlsx");
    await expect(recalculateWithLibreOffice(missing)).rejects.toSatisfy(
      (e: unknown) => e instanceof WorkbookReadError && e.file === missing,
    );
  });

  it("soffice that fails is a LibreOfficeError (exit code 3) saying how it failed, and leaves nothing behind", () =>
    withSoffice("/bin/false", async () => {
      expect(findSoffice()).toBe("/bin/false");
      const error = await recalculateWithLibreOffice(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LibreOfficeError);
      expect((error as LibreOfficeError).exitCode).toBe(3);
      expect((error as LibreOfficeError).describe()).toContain("exit code 1");
      expect(readdirSync(scratch).filter((name) => name.startsWith("tieout-"))).toEqual([]);
    }));

  it("soffice that does not exist is a LibreOfficeError that says how to install it", () =>
    withSoffice(join(scratch, "no-such-soffice"), async () => {
      const error = await recalculateWithLibreOffice(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LibreOfficeError);
      expect((error as LibreOfficeError).hint).toContain("libreoffice-calc-nogui");
    }));

  it("soffice that hangs is killed at the timeout, with a LibreOfficeError", async () => {
    const hang = join(scratch, "hang.sh");
    writeFileSync(hang, "#!/bin/sh\nsleep 30\n", { mode: 0o755 });
    await withSoffice(hang, async () => {
      const started = Date.now();
      const error = await recalculateWithLibreOffice(file, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(error).toBeInstanceOf(LibreOfficeError);
      expect((error as LibreOfficeError).message).toContain("within 300 ms");
    });
  });
});

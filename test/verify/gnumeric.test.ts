import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkbookReadError } from "../../src/errors.js";
import { findSsconvert, GnumericError, recalculateWithGnumeric } from "../../src/verify/gnumeric.js";
import { readWorkbookCells, type ReadBook, type ReadCell } from "../../src/workbook/read.js";
import { QUOTED, staleWorkbook } from "../support/stale.js";

const required = process.env.CI === "true";
const skip = !findSsconvert() && !required;

/** Every temporary folder the module makes goes here, so the test can see that it cleans up. */
const scratch = mkdtempSync(join(tmpdir(), "tieout-gnumeric-test-"));
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(skip)("gnumeric recalculates every formula, whatever is cached", () => {
  let input: string;
  let output: string;
  let book: ReadBook;
  const at = (address: string, sheet = "Summary"): ReadCell | undefined => book.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.address === address);

  beforeAll(async () => {
    input = join(scratch, "stale report.xlsx");
    await staleWorkbook(input);
    output = await recalculateWithGnumeric(input);
    book = await readWorkbookCells(output);
  });
  afterAll(() => {
    if (output) rmSync(dirname(output), { recursive: true, force: true });
  });

  it("wrong cached results are replaced by the formulas' values, errors included", () => {
    expect(at("A1")).toMatchObject({ formula: "1+1", value: 2 });
    expect(at("A2")).toMatchObject({ formula: "A1*3", value: 6 });
    expect(at("A3")).toMatchObject({ value: { error: "#DIV/0!" } });
    expect(at("A4")).toMatchObject({ value: { error: "#N/A" } });
    expect(at("A5")).toMatchObject({ value: { error: "#DIV/0!" } });
  });

  it("booleans stay booleans, whatever the cell's format, and shared formulas come back per cell", () => {
    expect(at("A6")).toMatchObject({ value: true });
    expect(at("A9")).toMatchObject({ value: true });
    expect(at("C2")?.value).toBe(500);
  });

  it("sheet names with spaces, apostrophes and parentheses survive and their formulas recalculate; a reference to a name with an apostrophe is a formula gnumeric cannot read (a departure: tieout's packs name no such sheet)", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["Summary", QUOTED, "Balance Sheet"]);
    expect(at("B1", QUOTED)?.value).toBe(2200);
    expect(at("D1")?.formula).toMatch(/^_xlfngnumeric\.ERROR\(/);
    expect(at("A1", "Balance Sheet")?.value).toMatchObject({ error: expect.stringContaining("It''s Q2") });
  });

  it("the input is untouched, the output is a new file named after it, and no scratch folder is left", async () => {
    expect((await readWorkbookCells(input)).sheets[0]!.cells.find((c) => c.address === "A1")?.value).toBe(5);
    expect(output.endsWith("stale report.xlsx")).toBe(true);
    expect(readdirSync(scratch).filter((name) => name.startsWith("tieout-gnumeric-"))).toEqual([]);
  });
});

/** Runs `body` with TIEOUT_SSCONVERT pointing at `ssconvert`, then puts the setting back. */
async function withSsconvert(ssconvert: string, body: () => Promise<void>): Promise<void> {
  const saved = process.env.TIEOUT_SSCONVERT;
  process.env.TIEOUT_SSCONVERT = ssconvert;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TIEOUT_SSCONVERT;
    else process.env.TIEOUT_SSCONVERT = saved;
  }
}

describe("gnumeric failures are typed errors", () => {
  const file = join(scratch, "any.xlsx");
  beforeAll(() => staleWorkbook(file));

  it("a missing input is a WorkbookReadError naming the file", async () => {
    const missing = join(scratch, "missing.xlsx");
    await expect(recalculateWithGnumeric(missing)).rejects.toSatisfy((e: unknown) => e instanceof WorkbookReadError && e.file === missing);
  });

  it("ssconvert that fails, or is not there, is a GnumericError (exit code 3) saying how, and leaves nothing behind", async () => {
    await withSsconvert("/bin/false", async () => {
      const error = await recalculateWithGnumeric(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GnumericError);
      expect((error as GnumericError).exitCode).toBe(3);
      expect((error as GnumericError).describe()).toContain("exit code 1");
    });
    await withSsconvert(join(scratch, "no-such-ssconvert"), async () => {
      const error = await recalculateWithGnumeric(file).catch((e: unknown) => e);
      expect((error as GnumericError).hint).toContain("apt-get install gnumeric");
    });
    expect(readdirSync(scratch).filter((name) => name.startsWith("tieout-"))).toEqual([]);
  });

  it("ssconvert that hangs is killed at the timeout", async () => {
    const hang = join(scratch, "hang.sh");
    writeFileSync(hang, "#!/bin/sh\nsleep 30\n", { mode: 0o755 });
    await withSsconvert(hang, async () => {
      const started = Date.now();
      const error = await recalculateWithGnumeric(file, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((error as GnumericError).message).toContain("within 300 ms");
    });
  });
});

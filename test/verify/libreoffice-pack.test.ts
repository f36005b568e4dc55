import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameStored } from "../../src/verify/recompute.js";
import { convertToPdf, findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { tieout } from "../support/cli.js";
import { builtPack } from "../support/pack.js";
import { asVerdict, verdictCells } from "../support/verdicts.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

const soffice = findSoffice();
const required = process.env.CI === "true";
if (!soffice && !required) {
  process.stderr.write("LibreOffice (soffice) not found: skipping the differential test against a real engine (CI=true makes this a failure)\n");
}

describe.skipIf(!soffice && !required)("LibreOffice Calc, recalculating the pack from scratch, agrees with every cached value", () => {
  let ours: OpenedWorkbook;
  let theirs: OpenedWorkbook;
  let recalculated: string;
  beforeAll(async () => {
    expect(soffice, "LibreOffice must be installed where CI=true").toBeDefined();
    const pack = await builtPack();
    ours = await openWorkbook(pack.result.workbook);
    recalculated = await recalculateWithLibreOffice(pack.result.workbook);
    theirs = await openWorkbook(recalculated);
  }, 180_000);
  afterAll(() => {
    if (recalculated) rmSync(dirname(recalculated), { recursive: true, force: true });
  });

  it("the pack as LibreOffice saves it (booleans as 1/0, constants as TRUE()) checks with exit 0: `tieout check` ties it out", async () => {
    const run = tieout(["check", recalculated]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/ties out/);
    expect(run.status).toBe(0);
    // The file is LibreOffice's (its document properties say who saved it), and its verdicts read OK there too.
    const app = await (await JSZip.loadAsync(readFileSync(recalculated))).file("docProps/app.xml")!.async("string");
    expect(app).toMatch(/LibreOffice/);
    expect(theirs.cached("Checks!G5")).toBe("OK");
  });

  it("every formula cell of every sheet has LibreOffice's value (relative difference ≤ 1e-12, or the same text or error)", () => {
    const differences: string[] = [];
    const addresses = ours.formulaAddresses();
    for (const address of addresses) {
      const a = ours.cached(address);
      // Calc has no boolean type: a TRUE/FALSE result in a cell with its own number format comes back as 1/0.
      const stored = theirs.cached(address);
      const b = asVerdict(a, stored);
      if (!sameStored(a, b)) differences.push(`${address} =${ours.formula(address)}: ours ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)}`);
    }
    expect(differences).toEqual([]);
    expect(addresses.length).toBeGreaterThan(300);
  });

  it("every check, published figure, the master flag and every sheet's status line come out as ours: the pack ties out there too", () => {
    const cells = verdictCells(ours);
    expect(cells.length).toBeGreaterThan(600);
    const differences = cells.filter((c) => JSON.stringify(asVerdict(ours.cached(c), theirs.cached(c))) !== JSON.stringify(ours.cached(c)));
    expect(differences.map((c) => `${c}: ours ${JSON.stringify(ours.cached(c))}, LibreOffice ${JSON.stringify(theirs.cached(c))}`)).toEqual([]);
    for (const c of cells) expect(String(theirs.cached(c)), c).not.toMatch(/CHECKS FAIL/);
  });

  it("LibreOffice turns the pack into a PDF whose pages show the figures and the master flag", async () => {
    const pack = await builtPack();
    const dir = mkdtempSync(join(tmpdir(), "tieout-pdf-"));
    const pdf = await convertToPdf(pack.result.workbook, dir);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    rmSync(dir, { recursive: true, force: true });
    expect(text).toContain("All checks tie out");
    // No check, published figure or master flag reads FAIL (pass/fail cells hold text, which Calc shows as it is).
    expect(text).not.toMatch(/\bFAIL\b|#VALUE!|#REF!|#NAME\?|NaN/);
    // Operating Results Summary: total revenues 1H18, JPY 90,963 million.
    expect(text).toContain("90,963");
  }, 180_000);
});

import { beforeAll, describe, expect, it } from "vitest";
import { sameStored } from "../../src/verify/recompute.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { builtPack } from "../support/pack.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

const soffice = findSoffice();
const required = process.env.CI === "true";
if (!soffice && !required) {
  process.stderr.write("LibreOffice (soffice) not found: skipping the differential test against a real engine (CI=true makes this a failure)\n");
}

describe.skipIf(!soffice && !required)("LibreOffice Calc, recalculating the pack from scratch, agrees with every cached value", () => {
  let ours: OpenedWorkbook;
  let theirs: OpenedWorkbook;
  beforeAll(async () => {
    expect(soffice, "LibreOffice must be installed where CI=true").toBeDefined();
    const pack = await builtPack();
    ours = await openWorkbook(pack.result.workbook);
    theirs = await openWorkbook(await recalculateWithLibreOffice(pack.result.workbook));
  }, 180_000);

  it("every formula cell of every sheet has LibreOffice's value (relative difference ≤ 1e-12, or the same text or error)", () => {
    const differences: string[] = [];
    const addresses = ours.formulaAddresses();
    for (const address of addresses) {
      const a = ours.cached(address);
      const b = theirs.cached(address);
      if (!sameStored(a, b)) differences.push(`${address} =${ours.formula(address)}: ours ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)}`);
    }
    expect(differences).toEqual([]);
    expect(addresses.length).toBeGreaterThan(300);
  });
});

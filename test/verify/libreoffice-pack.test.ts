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
    let compared = 0;
    const differences: string[] = [];
    ours.workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          const address = `'${sheet.name.replace(/'/g, "''")}'!${cell.address}`;
          if (ours.formula(address) === undefined) return;
          compared++;
          const a = ours.cached(address);
          const b = theirs.cached(address);
          if (!sameStored(a, b)) differences.push(`${address} =${ours.formula(address)}: ours ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)}`);
        });
      });
    });
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(300);
  });
});

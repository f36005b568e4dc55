import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { findSsconvert, recalculateWithGnumeric } from "../../src/verify/gnumeric.js";
import { findSoffice, recalculateWithLibreOffice } from "../../src/verify/libreoffice.js";
import { sameStored } from "../../src/verify/recompute.js";
import { tieout } from "../support/cli.js";
import { ROOT } from "../support/root.js";
import { asVerdict } from "../support/verdicts.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

const required = process.env.CI === "true";
const engines = [
  { name: "LibreOffice", found: findSoffice() !== undefined, recalculate: recalculateWithLibreOffice },
  { name: "gnumeric", found: findSsconvert() !== undefined, recalculate: (f: string) => recalculateWithGnumeric(f) },
];
for (const e of engines) if (!e.found && !required) process.stderr.write(`${e.name} not found: skipping its recalculation of Apple's pack (CI=true makes this a failure)\n`);

let workbook: string;
let ours: OpenedWorkbook;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tieout-apple-referee-"));
  const result = await buildReport({ name: "apple-fy2023-10k", template: join(ROOT, "templates/annual-10k/template.json"), data: join(ROOT, "data/apple-fy2023-10k/report.json"), output: join(dir, "apple.xlsx") });
  workbook = result.workbook;
  ours = await openWorkbook(workbook);
}, 60_000);

for (const engine of engines) {
  describe.skipIf(!engine.found && !required)(`${engine.name}, recalculating Apple's FY2023 10-K pack, agrees with every cached value`, () => {
    let theirs: OpenedWorkbook;
    let recalculated: string;
    beforeAll(async () => {
      expect(engine.found, `${engine.name} must be installed where CI=true`).toBe(true);
      recalculated = await engine.recalculate(workbook);
      theirs = await openWorkbook(recalculated);
    }, 180_000);

    it("every formula cell: integers (the statements' totals, in USD millions) exactly, ratios to 14 significant digits, texts and verdicts the same", () => {
      const differences: string[] = [];
      for (const address of ours.formulaAddresses()) {
        const a = ours.cached(address);
        const b = asVerdict(a, theirs.cached(address));
        const close = typeof a === "number" && typeof b === "number" && !Number.isInteger(a) && Math.abs(a - b) <= 1e-14 * Math.abs(a);
        if (!sameStored(a, b) && !close) differences.push(`${address} =${ours.formula(address)}: ours ${JSON.stringify(a)}, ${engine.name} ${JSON.stringify(b)}`);
      }
      expect(ours.formulaAddresses().length).toBeGreaterThan(300);
      expect(differences).toEqual([]);
    });

    it("the recalculated file checks with exit 0", () => {
      const run = tieout(["check", recalculated]);
      expect(run.stdout).toMatch(/ties out/);
      expect(run.status).toBe(0);
    });
  });
}

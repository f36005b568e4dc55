import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadReportData } from "../../src/data/load.js";
import { DataError } from "../../src/errors.js";
import { smallReport } from "../support/fixture.js";

describe("fuzzing the data loader (bounded budget)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tieout-fuzz-"));
  const report = join(dir, "report.json");
  writeFileSync(report, JSON.stringify(smallReport().report));
  const good = JSON.stringify(smallReport().data);

  it("any mutation of a data file loads or is a DataError naming the file — never a crash", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length }), fc.integer({ min: 0, max: 8 }), fc.string({ maxLength: 8 }), (at, cut, insert) => {
        writeFileSync(join(dir, "data.json"), good.slice(0, at) + insert + good.slice(at + cut));
        try {
          loadReportData(report);
        } catch (e) {
          expect(e).toBeInstanceOf(DataError);
          expect((e as DataError).file).toMatch(/data\.json$/);
        }
      }),
      { numRuns: 2000, seed: 3, interruptAfterTimeLimit: 20_000 },
    );
  });

  it("any JSON value in place of a figure loads or is a DataError", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), (value) => {
        const data = smallReport().data;
        data.statements.is.items.rev_a.values["1H18"] = value;
        writeFileSync(join(dir, "data.json"), JSON.stringify(data));
        try {
          loadReportData(report);
        } catch (e) {
          expect(e).toBeInstanceOf(DataError);
        }
      }),
      { numRuns: 1000, seed: 5, interruptAfterTimeLimit: 20_000 },
    );
  });
});

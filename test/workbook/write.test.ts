import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateModel } from "../../src/formula/model.js";
import { loadReportData } from "../../src/data/load.js";
import { buildModel } from "../../src/model/build.js";
import { loadTemplate } from "../../src/template/load.js";
import { workbookBytes, writeWorkbook } from "../../src/workbook/write.js";
import { smallReport, writeFixture } from "../support/fixture.js";

function model() {
  const w = writeFixture(smallReport());
  const built = buildModel(loadTemplate(w.template), loadReportData(w.report));
  return { dir: w.dir, model: built, values: evaluateModel(built).value };
}

describe("the workbook written straight to its file", () => {
  it("has the same bytes as the workbook made in memory, and its sha256 is the file's", async () => {
    const { dir, model: m, values } = model();
    const file = join(dir, "streamed.xlsx");
    const sha = await writeWorkbook(file, m, values);
    const bytes = readFileSync(file);
    expect(Buffer.compare(bytes, Buffer.from(await workbookBytes(m, values)))).toBe(0);
    expect(sha).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("a failure while writing leaves the previous workbook as it was and no temporary file", async () => {
    const { model: m, values } = model();
    const dir = mkdtempSync(join(tmpdir(), "tieout-write-"));
    const file = join(dir, "report.xlsx");
    writeFileSync(file, "the good workbook");
    // The third sheet's cells are asked for after the first parts are already in the file.
    const failing = (sheet: string, row: number, col: number) => {
      if (sheet === "Published") throw new Error("disk on fire");
      return values(sheet, row, col);
    };
    await expect(writeWorkbook(file, m, failing)).rejects.toThrow("disk on fire");
    expect(readFileSync(file, "utf8")).toBe("the good workbook");
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
  });
});

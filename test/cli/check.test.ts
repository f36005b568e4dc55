import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture } from "../support/fixture.js";

/** Builds the small report and returns its workbook path. */
function built(): string {
  const files = writeFixture(smallReport());
  const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
  expect(run.status, run.stderr).toBe(0);
  return files.out;
}

/** Changes a stored cell value in the package, as an edit saved without recalculation would. */
async function editStoredValue(file: string, sheetPart: string, cell: string, value: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file(sheetPart)!.async("string");
  const edited = xml.replace(new RegExp(`(<c r="${cell}"[^>]*>)<v>[^<]*</v>`), `$1<v>${value}</v>`);
  expect(edited).not.toBe(xml);
  zip.file(sheetPart, edited);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

describe("tieout check recomputes a workbook without Excel", () => {
  it("a freshly built workbook ties out: exit 0", () => {
    const run = tieout(["check", built()]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ties out \(\d+ formulas recomputed\)/);
  });

  it("an input changed without recalculation: exit 1, each stale cell and failed check listed", async () => {
    const file = built();
    // Income!B5 is the 1H17 services revenue (1000); the total below it caches 1250.
    await editStoredValue(file, "xl/worksheets/sheet1.xml", "B5", "2000");
    const run = tieout(["check", file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("stale Income!B7 =SUM(B5:B6): cached 1250, recomputed 2250");
    expect(run.stdout).toMatch(/FAIL Published!L\d+/);
  });

  it("--json gives the same for machines", async () => {
    const file = built();
    await editStoredValue(file, "xl/worksheets/sheet1.xml", "B5", "2000");
    const run = tieout(["check", "--json", file]);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; stale: { cell: string; cached: unknown; recomputed: unknown }[] };
    expect(result.ok).toBe(false);
    expect(result.stale).toContainEqual(expect.objectContaining({ cell: "Income!B7", cached: 1250, recomputed: 2250 }));
  });

  it("a file that is not a workbook: exit 2, naming the file", () => {
    const files = writeFixture(smallReport());
    const run = tieout(["check", files.report]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(files.report);
  });
});

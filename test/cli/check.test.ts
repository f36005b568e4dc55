import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { MemorySink, ZipWriter } from "../../src/workbook/zip.js";
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

  describe("a file that is not a sound workbook fails cleanly (exit 2), in bounded time and memory", () => {
    const expectRefused = (file: string, message: RegExp): void => {
      const run = tieout(["check", file]);
      expect(run.status, run.stdout).toBe(2);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(message);
    };

    it("a truncated zip", () => {
      const file = built();
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expectRefused(file, /truncated|not an \.xlsx/);
    });

    it("a zip bomb that declares a huge part", () => {
      const file = built();
      const bytes = Buffer.from(readFileSync(file));
      // Declare 2 GB uncompressed for the first part in the central directory.
      const dir = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.length);
      const first = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      expect(dir).toBeGreaterThan(0);
      bytes.writeUInt32LE(2_000_000_000, first + 24);
      writeFileSync(file, bytes);
      expectRefused(file, /zip bomb/);
    });

    it("a zip bomb that lies about its size: inflation stops at the declared size", async () => {
      const files = writeFixture(smallReport());
      const bomb = join(files.dir, "bomb.xlsx");
      const sink = new MemorySink();
      const zip = new ZipWriter(new Date("2018-11-06T00:00:00Z"), sink);
      await zip.add("[Content_Types].xml", "<Types/>");
      await zip.add("xl/workbook.xml", Buffer.alloc(64 * 1024 * 1024, 32));
      zip.finish();
      const bytes = Buffer.from(sink.bytes());
      // Say the 64 MiB workbook part is 100 bytes, in the central directory.
      const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
      bytes.writeUInt32LE(100, second + 24);
      writeFileSync(bomb, bytes);
      expectRefused(bomb, /inflates to more than its declared 100 bytes/);
    });

    it("a workbook with macros", async () => {
      const file = built();
      const z = await JSZip.loadAsync(readFileSync(file));
      z.file("xl/vbaProject.bin", Buffer.from("not really VBA"));
      writeFileSync(file, await z.generateAsync({ type: "nodebuffer" }));
      expectRefused(file, /VBA macros/);
    });
  });

  it("a workbook with external links is checked but reported as not fully evaluable (exit 1), by cell", async () => {
    const file = built();
    const z = await JSZip.loadAsync(readFileSync(file));
    const xml = await z.file("xl/worksheets/sheet1.xml")!.async("string");
    const linked = xml.replace(/<c r="B5"([^>]*)><v>1000<\/v><\/c>/, '<c r="B5"$1><f>[1]Sheet1!A1</f><v>1000</v></c>');
    expect(linked).not.toBe(xml);
    z.file("xl/worksheets/sheet1.xml", linked);
    writeFileSync(file, await z.generateAsync({ type: "nodebuffer" }));
    const run = tieout(["check", file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/unsupported Income!B5: external link/);
  });
});

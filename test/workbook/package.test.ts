import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildReport } from "../../src/build/build-report.js";
import { IIJ } from "../support/pack.js";
import { ROOT } from "../support/root.js";
import { tieout } from "../support/cli.js";

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const fresh = (): string => join(mkdtempSync(join(tmpdir(), "tieout-det-")), "pack.xlsx");

describe("the same inputs give the same bytes", () => {
  afterEach(() => vi.useRealTimers());

  it("building on different days gives identical files", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-02T03:04:05Z"));
    const a = await buildReport({ ...IIJ, output: fresh() });
    vi.setSystemTime(new Date("2031-07-08T23:59:58Z"));
    const b = await buildReport({ ...IIJ, output: fresh() });
    expect(sha256(a.workbook)).toBe(sha256(b.workbook));
  });

  it("building in different time zones gives identical files", () => {
    const outs = ["Asia/Tokyo", "America/Los_Angeles"].map((tz) => {
      const out = fresh();
      const run = tieout(["build", "--template", IIJ.template, "--data", IIJ.data, "--out", out], undefined, { TZ: tz });
      expect(run.status, run.stderr).toBe(0);
      return out;
    });
    expect(sha256(outs[0]!)).toBe(sha256(outs[1]!));
  });

  it("building from a copy of the inputs in another folder gives identical files: no path of the machine is written", async () => {
    const a = await buildReport({ ...IIJ, output: fresh() });
    const elsewhere = mkdtempSync(join(tmpdir(), "tieout-copy-"));
    for (const dir of ["data/iij-fy2018-1h", "templates/interim-pack"]) cpSync(join(ROOT, dir), join(elsewhere, dir), { recursive: true });
    const b = await buildReport({ ...IIJ, template: join(elsewhere, "templates/interim-pack/template.json"), data: join(elsewhere, "data/iij-fy2018-1h/report.json"), output: fresh() });
    expect(sha256(a.workbook)).toBe(sha256(b.workbook));
  });

  it("the package's entries and document dates are the release date, not the build time", async () => {
    const out = fresh();
    await buildReport({ ...IIJ, output: out });
    const zip = await JSZip.loadAsync(readFileSync(out));
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe("2018-11-06T00:00:00.000Z");
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("2018-11-06T00:00:00Z");
    expect(Object.keys(zip.files)[0]).toBe("[Content_Types].xml");
  });
});

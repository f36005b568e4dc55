import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openZip } from "../../src/workbook/unzip.js";
import { measureCorpus, workbooksUnder, type CorpusSummary } from "../../src/verify/corpus.js";
import { tieout } from "../support/cli.js";
import { ROOT } from "../support/root.js";

const CORPUS = join(ROOT, "test/fixtures/excel-corpus");

interface Source {
  file: string;
  repository: string;
  path: string;
  commit: string;
  licence: string;
  sha256: string;
}

const sources = (): Source[] => (JSON.parse(readFileSync(join(CORPUS, "SOURCES.json"), "utf8")) as { files: Source[] }).files;

/** The thresholds the README states, read from its line so that the README and the test cannot drift apart. */
function thresholds(): { refused: number; evaluated: number; agreeing: number } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const line = /Thresholds \(checked by `npm test`\): files refused ≤ (\d+); formula cells evaluated ≥ ([\d.]+) %; evaluated cells agreeing with Excel ≥ ([\d.]+) %/.exec(readme);
  expect(line, "the README's Excel-saved corpus section states its thresholds").not.toBeNull();
  return { refused: Number(line![1]), evaluated: Number(line![2]), agreeing: Number(line![3]) };
}

describe("the Excel-saved corpus: public workbooks whose cached values are Excel's", () => {
  it("holds at least 300 workbooks, each the one its manifest names: repository, path, commit, licence, SHA-256, saved by Microsoft Excel", () => {
    const listed = sources();
    const files = workbooksUnder(join(CORPUS, "files")).map((f) => f.slice(CORPUS.length + 1));
    expect(files.length).toBeGreaterThanOrEqual(300);
    expect(new Set(listed.map((s) => s.file))).toEqual(new Set(files));
    for (const s of listed) {
      expect(s.repository).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.licence).not.toBe("");
      const bytes = readFileSync(join(CORPUS, s.file));
      expect(createHash("sha256").update(bytes).digest("hex"), s.file).toBe(s.sha256);
      const app = openZip(bytes, s.file).read("docProps/app.xml").toString("utf8");
      expect(/<(?:\w+:)?Application>([^<]*)</.exec(app)?.[1], s.file).toBe("Microsoft Excel");
    }
  });

  let summary: CorpusSummary;
  beforeAll(async () => {
    summary = await measureCorpus(join(CORPUS, "files"));
  });

  it("meets the README's thresholds: files refused, formula cells evaluated, evaluated cells agreeing with Excel's cached values", () => {
    const t = thresholds();
    expect(summary.refused.length, JSON.stringify(summary.refused)).toBeLessThanOrEqual(t.refused);
    expect((100 * summary.evaluated) / summary.formulaCells).toBeGreaterThanOrEqual(t.evaluated);
    // Volatile cells (RAND, TODAY…) are evaluated but have no cached value to agree with: the ratio is of the cells compared.
    expect((100 * summary.agreeing) / (summary.evaluated - summary.volatile)).toBeGreaterThanOrEqual(t.agreeing);
    expect(summary.formulaCells).toBeGreaterThan(40_000);
  });

  it("every formula cell is counted once: evaluated or unsupported, and every evaluated one agrees, is stale or is volatile", () => {
    for (const f of summary.perFile) {
      const cells = new Set(f.unsupported.map((u) => u.cell).filter((c) => c.includes("!") && !c.startsWith("defined name")));
      expect(f.evaluated + cells.size, f.file).toBe(f.formulaCells);
      expect(f.agreeing + f.stale.length + f.volatile, f.file).toBe(f.evaluated);
    }
  });
});

describe("tieout corpus DIR", () => {
  it("prints files refused with the reason, formula cells, evaluated, agreeing, stale and unsupported by what they need", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-corpus-"));
    const one = sources().find((s) => s.file.endsWith("FormulaEvalTestData.xlsx")) ?? sources()[0]!;
    copyFileSync(join(CORPUS, one.file), join(dir, "excel.xlsx"));
    writeFileSync(join(dir, "not-a-workbook.xlsx"), "plain text");
    const run = tieout(["corpus", dir]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^files: 2$/m);
    expect(run.stdout).toMatch(/^refused: 1$/m);
    expect(run.stdout).toMatch(/refused .*not-a-workbook\.xlsx: not an \.xlsx file/);
    expect(run.stdout).toMatch(/^formula cells: [1-9]\d*$/m);
    expect(run.stdout).toMatch(/^evaluated: \d+ \([\d.]+ % of formula cells\)$/m);
    expect(run.stdout).toMatch(/^agreeing with Excel's cached value: \d+ \((?:[\d.]+ %|-) of evaluated cells compared\)$/m);
    expect(run.stdout).toMatch(/^volatile \(evaluated, never compared\): \d+$/m);
    expect(run.stdout).toMatch(/^stale: \d+$/m);
    const json = JSON.parse(tieout(["corpus", "--json", dir]).stdout) as CorpusSummary;
    expect(json.files).toBe(2);
    expect(json.refused).toHaveLength(1);
  });

  it("a folder that does not exist: exit 2, naming it", () => {
    const run = tieout(["corpus", join(tmpdir(), "no-such-corpus-folder")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no-such-corpus-folder: not a folder");
  });
});

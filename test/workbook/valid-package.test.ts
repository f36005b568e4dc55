import { readFileSync } from "node:fs";
import { posix } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "../../src/formula/parse.js";
import { readWorkbookCells, type ReadBook } from "../../src/workbook/read.js";
import { builtPack } from "../support/pack.js";

/** The package as Excel would check it on open: nothing it would need to repair. */
describe("the written package is valid", () => {
  let zip: JSZip;
  let book: ReadBook;
  const text = (name: string): Promise<string> => zip.file(name)!.async("string");

  beforeAll(async () => {
    const pack = await builtPack();
    zip = await JSZip.loadAsync(readFileSync(pack.result.workbook));
    book = await readWorkbookCells(pack.result.workbook);
  });

  it("every part has a content type", async () => {
    const types = await text("[Content_Types].xml");
    const defaults = [...types.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => m[1]!);
    const overrides = new Set([...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1]!));
    const parts = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && n !== "[Content_Types].xml");
    const untyped = parts.filter((p) => !overrides.has(p) && !defaults.includes(p.split(".").pop()!));
    expect(untyped).toEqual([]);
    expect([...overrides].filter((p) => !zip.file(p))).toEqual([]);
  });

  it("every internal relationship points at a part that exists", async () => {
    const missing: string[] = [];
    for (const rels of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
      const base = posix.dirname(posix.dirname(rels));
      for (const m of (await text(rels)).matchAll(/<Relationship [^>]*>/g)) {
        if (/TargetMode="External"/.test(m[0])) continue;
        const target = /Target="([^"]+)"/.exec(m[0])![1]!;
        const path = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(base, target));
        if (!zip.file(path)) missing.push(`${rels} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("no external links, no stale calculation chain, recalculation on load requested", async () => {
    const all = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith(".rels")).map(text));
    expect(all.join("\n")).not.toMatch(/TargetMode="External"/);
    expect(zip.file("xl/calcChain.xml")).toBeNull();
    expect(await text("xl/workbook.xml")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("every formula parses, none starts with =, no cached value is NaN or infinite", () => {
    const bad: string[] = [];
    for (const sheet of book.sheets) {
      for (const c of sheet.cells) {
        if (typeof c.value === "number" && !Number.isFinite(c.value)) bad.push(`${sheet.name}!${c.address}: ${c.value}`);
        if (c.formula === undefined) continue;
        if (c.formula.startsWith("=")) bad.push(`${sheet.name}!${c.address} starts with =`);
        try {
          parse(c.formula);
        } catch (e) {
          bad.push(`${sheet.name}!${c.address}: ${(e as Error).message}`);
        }
      }
    }
    expect(bad).toEqual([]);
    const xml = Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet"));
    return Promise.all(xml.map(async (n) => expect(await text(n)).not.toMatch(/<v>NaN<\/v>|<v>-?Infinity<\/v>/)));
  });

  it("every defined name resolves to a cell of a sheet that exists", () => {
    const sheets = new Set(book.sheets.map((s) => s.name));
    const names = book.names.filter((n) => !n.name.startsWith("_xlnm."));
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(["Revenue_1H18", "OperatingIncome_1H18", "NetIncomeIIJ_1H18"]));
    for (const n of book.names) {
      const node = parse(n.reference);
      expect(node.kind, n.name).toBe("ref");
      expect(sheets.has((node as { sheet: string }).sheet), `${n.name} → ${n.reference}`).toBe(true);
    }
  });

  it("the headline names point at the right figures: Revenue_1H18 is total revenues of 1H18", () => {
    const revenue = book.names.find((n) => n.name === "Revenue_1H18")!;
    const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(revenue.reference)!;
    const cell = book.sheets.find((s) => s.name === m[1])!.cells.find((c) => c.address === `${m[2]}${m[3]}`)!;
    // Consolidated Statements of Income, six months ended September 30, 2018: total revenues JPY 90,962,930 thousand.
    expect(cell.value).toBe(90_962_930);
  });
});

import { readFileSync } from "node:fs";
import { posix } from "node:path";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import { loadReportData } from "../../src/data/load.js";
import { evaluateModel } from "../../src/formula/model.js";
import { parse } from "../../src/formula/parse.js";
import { buildModel } from "../../src/model/build.js";
import { cellAddress } from "../../src/template/a1.js";
import { loadTemplate } from "../../src/template/load.js";
import { workbookBytes } from "../../src/workbook/write.js";
import { readCharts, type ReadChart, type ReadPlot } from "../support/chart.js";
import { builtPack, IIJ, type BuiltPack } from "../support/pack.js";
import { openWorkbook, type OpenedWorkbook } from "../support/xlsx.js";

/** `Summary!B7` and `Summary!B10` → `Summary!$B$7:$B$10`, as a chart series names its cells. */
function range(from: string, to: string): string {
  const a = parse(from) as { sheet: string; start: { row: number; col: number } };
  const b = parse(to) as { start: { row: number; col: number } };
  return `${cellAddress(a.start.row, a.start.col, a.sheet, true)}:${cellAddress(b.start.row, b.start.col, undefined, true)}`;
}

const cell = (address: string): string => {
  const a = parse(address) as { sheet: string; start: { row: number; col: number } };
  return cellAddress(a.start.row, a.start.col, a.sheet, true);
};

describe("the pack's charts", () => {
  let pack: BuiltPack;
  let zip: JSZip;
  let charts: ReadChart[];
  let book: OpenedWorkbook;
  const chart = (title: RegExp): ReadChart => {
    const found = charts.find((c) => title.test(c.title));
    if (!found) throw new Error(`no chart titled ${title}`);
    return found;
  };
  const plot = (c: ReadChart, type: ReadPlot["type"]): ReadPlot => c.plots.find((p) => p.type === type)!;
  const at = (row: string, column: string, sheet = "summary"): string => pack.figure(sheet, row, column).cell;

  beforeAll(async () => {
    pack = await builtPack();
    zip = await JSZip.loadAsync(readFileSync(pack.result.workbook));
    charts = await readCharts(zip);
    book = await openWorkbook(pack.result.workbook);
  });

  it("sit on the Summary sheet beside its table, two by two from F5", () => {
    expect(charts.map((c) => [c.sheet, c.title])).toEqual([
      ["Summary", "Revenues by business line, 1H17 vs 1H18"],
      ["Summary", "Gross margin by business line, with gross margin ratio"],
      ["Summary", "Revenues and operating income, 1Q18 (derived) vs 2Q18"],
      ["Summary", "Network services revenues breakdown, 1H17 vs 1H18"],
    ]);
    // Zero-based: F5 is column 5, row 4.
    expect(charts.map((c) => c.from)).toEqual([
      { col: 5, row: 4 },
      { col: 15, row: 4 },
      { col: 5, row: 26 },
      { col: 15, row: 26 },
    ]);
  });

  it("revenues by business line: 1H17 and 1H18 columns of the revenue rows, cached as the release prints them (JPY millions)", () => {
    const bars = plot(chart(/^Revenues by business line/), "barChart");
    expect(bars.grouping).toBe("clustered");
    expect(bars.series.map((s) => s.values)).toEqual([range(at("rev_ns", "1H17"), at("rev_atm", "1H17")), range(at("rev_ns", "1H18"), at("rev_atm", "1H18"))]);
    expect(bars.series.map((s) => s.name)).toEqual([
      { ref: "Summary!$B$4", text: "1H17" },
      { ref: "Summary!$C$4", text: "1H18" },
    ]);
    expect(bars.series[0]!.categories).toBe("Summary!$A$7:$A$10");
    expect(bars.series[0]!.categoryCache).toEqual(["Network services", "Systems integration (SI)", "Equipment sales", "ATM operation business"]);
    expect(bars.series[0]!.valueCache).toEqual([52_285, 26_999, 1_660, 2_044]);
    expect(bars.series[1]!.valueCache).toEqual([58_118, 28_631, 2_143, 2_071]);
    // The lines add up to total revenues: JPY 82,988 million (1H17) and 90,963 million (1H18).
    expect(bars.series.map((s) => s.valueCache.reduce((a, b) => a! + b!, 0))).toEqual([82_988, 90_963]);
    expect(bars.axis).toEqual({ position: "l", format: "#,##0;(#,##0)" });
  });

  it("gross margin by line: columns on the left axis, the gross margin ratio a line on a secondary percent axis", () => {
    const c = chart(/^Gross margin by business line/);
    const bars = plot(c, "barChart");
    const line = plot(c, "lineChart");
    expect(bars.series.map((s) => s.values)).toEqual([range(at("gm_ns", "1H17"), at("gm_atm", "1H17")), range(at("gm_ns", "1H18"), at("gm_atm", "1H18"))]);
    expect(bars.series.map((s) => s.valueCache)).toEqual([
      [9_249, 2_778, 155, 844],
      [9_599, 3_370, 216, 904],
    ]);
    expect(bars.axis.position).toBe("l");
    expect(line.axis).toEqual({ position: "r", format: "0%" });
    expect(line.series.map((s) => s.name)).toEqual([{ text: "Gross margin ratio 1H17" }, { text: "Gross margin ratio 1H18" }]);
    expect(line.series.map((s) => s.values)).toEqual([range(at("gm_ratio_ns", "1H17"), at("gm_ratio_atm", "1H17")), range(at("gm_ratio_ns", "1H18"), at("gm_ratio_atm", "1H18"))]);
    // The same business lines label both plots.
    expect(line.series[0]!.categories).toBe(bars.series[0]!.categories);
    // Ratios as the release prints them, to 0.1%.
    expect(line.series.map((s) => s.valueCache.map((v) => (v! * 100).toFixed(1)))).toEqual([
      ["17.7", "10.3", "9.3", "41.3"],
      ["16.5", "11.8", "10.1", "43.7"],
    ]);
  });

  it("2Q vs 1Q: the Income Statement's derived 1Q18 and reported 2Q18 columns, thousands shown as millions on the axis", () => {
    const bars = plot(chart(/1Q18 \(derived\) vs 2Q18/), "barChart");
    expect(bars.series.map((s) => s.values)).toEqual([range(at("rev_total", "1Q18", "is"), at("rev_total", "2Q18", "is")), range(at("operating_income", "1Q18", "is"), at("operating_income", "2Q18", "is"))]);
    expect(bars.series[0]!.categories).toBe("'Income Statement'!$H$4:$I$4");
    expect(bars.series[0]!.categoryCache).toEqual(["1Q18 (1H18 − 2Q18)", "2Q18"]);
    expect(bars.series.map((s) => s.name.ref)).toEqual([cell(`'Income Statement'!A${/\d+$/.exec(at("rev_total", "1H18", "is"))![0]}`), cell(`'Income Statement'!A${/\d+$/.exec(at("operating_income", "1H18", "is"))![0]}`)]);
    const [revenue, income] = bars.series.map((s) => s.valueCache as number[]);
    // 2Q18: revenues JPY 46,258 million, operating income 1,732 million; 1Q18 + 2Q18 = 1H18 (90,963 and 2,912).
    expect(revenue!.map((v) => Math.round(v / 1000))).toEqual([44_705, 46_258]);
    expect(Math.round((revenue![0]! + revenue![1]!) / 1000)).toBe(90_963);
    expect(Math.round(income![1]! / 1000)).toBe(1_732);
    expect(Math.round((income![0]! + income![1]!) / 1000)).toBe(2_912);
    expect(bars.axis.format).toBe("#,##0,;(#,##0,)");
  });

  it("network services breakdown: the four lines stacked, adding up to network services revenues (52,285 and 58,118)", () => {
    const bars = plot(chart(/^Network services revenues breakdown/), "barChart");
    expect(bars.grouping).toBe("stacked");
    expect(bars.series.map((s) => s.name.text)).toEqual(["Internet connectivity services (enterprise)", "Internet connectivity services (consumer)", "WAN services", "Outsourcing services"]);
    expect(bars.series.map((s) => s.values)).toEqual(["ent_total", "con_total", "wan", "outsourcing"].map((r) => range(at(r, "1H17", "ns"), at(r, "1H18", "ns"))));
    const totals = [0, 1].map((i) => bars.series.reduce((sum, s) => sum + s.valueCache[i]!, 0));
    expect(totals).toEqual([52_285, 58_118]);
  });

  it("every cache holds exactly what the cells its formula names hold in the written workbook", () => {
    const mismatches: string[] = [];
    let points = 0;
    for (const c of charts) {
      for (const s of c.plots.flatMap((p) => p.series)) {
        const cells = (f: string): string[] => {
          const node = parse(f) as { sheet: string; start: { row: number; col: number }; end: { row: number; col: number } };
          const out: string[] = [];
          for (let r = node.start.row; r <= node.end.row; r++) for (let col = node.start.col; col <= node.end.col; col++) out.push(cellAddress(r, col, node.sheet));
          return out;
        };
        cells(s.values).forEach((a, i) => {
          points++;
          if (book.cached(a) !== s.valueCache[i]) mismatches.push(`${c.title}: ${a} holds ${String(book.cached(a))}, cached ${s.valueCache[i]}`);
        });
        cells(s.categories).forEach((a, i) => {
          if (book.cached(a) !== s.categoryCache[i]) mismatches.push(`${c.title}: ${a} holds ${String(book.cached(a))}, cached label ${s.categoryCache[i]}`);
        });
        if (s.name.ref !== undefined && book.cached(cells(s.name.ref)[0]!) !== s.name.text) mismatches.push(`${c.title}: name ${s.name.ref}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(points).toBeGreaterThan(30);
  });

  it("every chart and drawing part is well-formed, typed, and reached by exactly one relationship", async () => {
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const parts = Object.keys(zip.files).filter((n) => /^xl\/(charts\/chart|drawings\/drawing)\d+\.xml$/.test(n));
    expect(parts.sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml", "xl/charts/chart4.xml", "xl/drawings/drawing1.xml"]);
    for (const p of parts) {
      const type = p.includes("charts") ? "application/vnd.openxmlformats-officedocument.drawingml.chart+xml" : "application/vnd.openxmlformats-officedocument.drawing+xml";
      expect(types, p).toContain(`<Override PartName="/${p}" ContentType="${type}"/>`);
      const xml = await zip.file(p)!.async("string");
      expect(() => new SaxesParser({ xmlns: true }).write(xml).close(), p).not.toThrow();
    }
    const targets: string[] = [];
    for (const rels of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
      const xml = await zip.file(rels)!.async("string");
      const ids = [...xml.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, `${rels} has unique ids`).toBe(ids.length);
      const base = posix.dirname(posix.dirname(rels));
      for (const m of xml.matchAll(/Target="([^"]+)"/g)) targets.push(posix.normalize(posix.join(base, m[1]!)));
    }
    for (const p of parts) expect(targets.filter((t) => t === p), p).toHaveLength(1);
    // The drawing names each chart by a relationship id its rels part declares.
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    const drawingRels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
    const used = [...drawing.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(used).toEqual([...drawingRels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
  });

  it("a sheet's <drawing> comes after its page setup and footer and before any <legacyDrawing> (CT_Worksheet order)", async () => {
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async("string");
      const order = [...xml.matchAll(/<(sheetData|pageMargins|pageSetup|headerFooter|drawing|legacyDrawing)[\s/>]/g)].map((m) => m[1]);
      const expected = ["sheetData", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing"].filter((e) => order.includes(e));
      expect(order, name).toEqual(expected);
    }
  });

  it("two builds in one process give the same bytes, charts included", async () => {
    const bytes = async (): Promise<Uint8Array> => {
      const model = buildModel(loadTemplate(IIJ.template), loadReportData(IIJ.data));
      return workbookBytes(model, evaluateModel(model).value);
    };
    const [a, b] = [await bytes(), await bytes()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(readFileSync(pack.result.workbook))).toBe(true);
  });
});

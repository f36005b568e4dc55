import { posix } from "node:path";
import JSZip from "jszip";
import { attributes, unescapeXml } from "../../src/workbook/xml.js";

/** One series as a chart part stores it: its formulas and the values cached beside them. */
export interface ReadSeries {
  /** `c:tx`: a formula (`Summary!$A$7`), or literal text. */
  name: { ref?: string; text: string };
  categories: string;
  values: string;
  categoryCache: string[];
  valueCache: (number | null)[];
}

export interface ReadPlot {
  type: "barChart" | "lineChart";
  grouping: string;
  /** The value axis the plot uses: its position (l, r) and number format. */
  axis: { position: string; format: string };
  series: ReadSeries[];
}

export interface ReadChart {
  sheet: string;
  part: string;
  title: string;
  plots: ReadPlot[];
  /** The drawing's anchor: zero-based from column and row. */
  from: { col: number; row: number };
}

const all = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!);
const first = (xml: string, tag: string): string | undefined => all(xml, tag)[0];
const val = (xml: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}\\b[^>]*\\bval="([^"]*)"`).exec(xml);
  return m ? unescapeXml(m[1]!) : undefined;
};
const text = (xml: string | undefined): string => unescapeXml(all(xml ?? "", "a:t").join("") || (first(xml ?? "", "c:v") ?? ""));

function points(cache: string | undefined): { count: number; at: Map<number, string> } {
  const at = new Map<number, string>();
  for (const m of (cache ?? "").matchAll(/<c:pt\b[^>]*idx="(\d+)"[^>]*>\s*<c:v>([^<]*)<\/c:v>/g)) at.set(Number(m[1]), unescapeXml(m[2]!));
  return { count: Number(val(cache ?? "", "c:ptCount") ?? 0), at };
}

function series(xml: string): ReadSeries {
  const tx = first(xml, "c:tx") ?? "";
  const ref = first(tx, "c:f");
  const cat = first(xml, "c:cat") ?? "";
  const v = first(xml, "c:val") ?? "";
  const cats = points(first(cat, "c:strCache") ?? first(cat, "c:numCache"));
  const nums = points(first(v, "c:numCache"));
  return {
    name: { ...(ref === undefined ? {} : { ref: unescapeXml(ref) }), text: ref === undefined ? unescapeXml(first(tx, "c:v") ?? "") : (points(first(tx, "c:strCache")).at.get(0) ?? "") },
    categories: unescapeXml(first(cat, "c:f") ?? ""),
    values: unescapeXml(first(v, "c:f") ?? ""),
    categoryCache: Array.from({ length: cats.count }, (_, i) => cats.at.get(i) ?? ""),
    valueCache: Array.from({ length: nums.count }, (_, i) => (nums.at.has(i) ? Number(nums.at.get(i)) : null)),
  };
}

/** Parses a chart part: its title, and per bar or line plot its grouping, value axis and series. */
export function parseChart(xml: string): Omit<ReadChart, "sheet" | "part" | "from"> {
  const axes = new Map(all(xml, "c:valAx").map((a) => [val(a, "c:axId")!, { position: val(a, "c:axPos") ?? "", format: /<c:numFmt\b[^>]*formatCode="([^"]*)"/.exec(a)?.[1] ?? "" }]));
  const plots = (["barChart", "lineChart"] as const).flatMap((type) =>
    all(xml, `c:${type}`).map((p): ReadPlot => {
      const ids = [...p.matchAll(/<c:axId\b[^>]*val="(\d+)"/g)].map((m) => m[1]!);
      const axis = ids.map((id) => axes.get(id)).find((a) => a !== undefined) ?? { position: "", format: "" };
      return { type, grouping: val(p, "c:grouping") ?? "", axis: { ...axis, format: unescapeXml(axis.format) }, series: all(p, "c:ser").map(series) };
    }),
  );
  const chart = first(xml, "c:chart") ?? "";
  return { title: text(first(chart.slice(0, chart.indexOf("<c:plotArea")), "c:title")), plots };
}

const rels = async (zip: JSZip, part: string): Promise<Map<string, string>> => {
  const file = zip.file(posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`));
  if (!file) return new Map();
  const xml = await file.async("string");
  return new Map(
    [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
      const a = attributes(m[0]);
      return [a.Id!, a.Target!.startsWith("/") ? a.Target!.slice(1) : posix.normalize(posix.join(posix.dirname(part), a.Target!))];
    }),
  );
};

/** Every chart of a package, found the way Excel finds them: workbook → sheet → drawing → chart. */
export async function readCharts(zip: JSZip): Promise<ReadChart[]> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const targets = await rels(zip, "xl/workbook.xml");
  const out: ReadChart[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const sheetPart = targets.get(a["r:id"]!)!;
    const sheetXml = await zip.file(sheetPart)!.async("string");
    const drawingId = /<drawing\b[^>]*r:id="([^"]+)"/.exec(sheetXml)?.[1];
    if (!drawingId) continue;
    const drawing = (await rels(zip, sheetPart)).get(drawingId)!;
    const drawingXml = await zip.file(drawing)!.async("string");
    const chartTargets = await rels(zip, drawing);
    for (const anchor of all(drawingXml, "xdr:twoCellAnchor")) {
      const id = /<c:chart\b[^>]*r:id="([^"]+)"/.exec(anchor)?.[1];
      if (!id) continue;
      const part = chartTargets.get(id)!;
      const from = first(anchor, "xdr:from") ?? "";
      out.push({ sheet: a.name!, part, from: { col: Number(first(from, "xdr:col")), row: Number(first(from, "xdr:row")) }, ...parseChart(await zip.file(part)!.async("string")) });
    }
  }
  return out;
}

import type { ComputedValues } from "../../formula/stored.js";
import { rescaled } from "../../data/unit.js";
import type { CellRange, ModelChart, ModelChartSeries } from "../../model/types.js";
import { cellAddress } from "../../template/a1.js";
import { NUMBER_FORMAT } from "../styles.js";
import { escapeXml, formulaXml } from "../xml.js";

/**
 * A chart part (`xl/charts/chartN.xml`, DrawingML `c:chartSpace`). Every series names
 * its cells with a formula (`c:f`), so the chart follows the figures when they are
 * edited, and carries their computed values as a cache (`c:numCache`, `c:strCache`),
 * so that a viewer that does not recalculate still draws it.
 */
export function chartXml(chart: ModelChart, value: ComputedValues): string {
  const indexed = chart.series.map((series, index) => ({ series, index }));
  const primary = indexed.filter((s) => !s.series.secondary);
  const secondary = indexed.filter((s) => s.series.secondary);
  const categories = strRef(chart.categories, value);
  const plots =
    chart.kind === "line"
      ? lineChart(primary, categories, value, PRIMARY)
      : barChart(primary, categories, value, chart.kind === "stacked_column" ? "stacked" : "clustered") +
        (secondary.length > 0 ? lineChart(secondary, categories, value, SECONDARY) : "");
  const first = primary[0]!.series;
  const axes =
    categoryAxis(PRIMARY, false) +
    valueAxis(PRIMARY, first, "l", axisTitle(first)) +
    (secondary.length > 0 ? categoryAxis(SECONDARY, true) + valueAxis(SECONDARY, secondary[0]!.series, "r", undefined) : "");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/>' +
    "<c:chart>" +
    title(chart.title, 1200, true) +
    '<c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${plots}${axes}</c:plotArea>` +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart>" +
    `<c:spPr>${fill("FFFFFF")}<a:ln w="9525">${fill("BFBFBF")}</a:ln></c:spPr>` +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>' +
    "</c:chartSpace>"
  );
}

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};

/** Axis ids: fixed, so the same chart has the same bytes. */
interface AxisPair {
  category: number;
  value: number;
}
const PRIMARY: AxisPair = { category: 50010001, value: 50010002 };
const SECONDARY: AxisPair = { category: 50010003, value: 50010004 };

/** Series colours, in order: the report's navy and blues, then contrasting accents for lines. */
const PALETTE = ["1F4E79", "5B9BD5", "A5A5A5", "ED7D31", "70AD47", "FFC000", "7030A0", "264478"];
const colour = (index: number): string => PALETTE[index % PALETTE.length]!;

/** Value-axis labels: whole numbers with negatives in parentheses, or whole percentages. */
const AXIS_FORMAT: Partial<Record<ModelChartSeries["format"], string>> = {
  amount: "#,##0;(#,##0)",
  count: "#,##0",
  percent: "0%",
  percent2: "0%",
  per_share: "#,##0.00",
  decimal1: "#,##0.0",
  decimal2: "#,##0.00",
  bp: '#,##0" bp"',
};

/** An axis's labels: the preset's short form, or the series' own code. */
const axisFormat = (s: ModelChartSeries): string => AXIS_FORMAT[s.format] ?? (s.format === "text" ? "General" : (NUMBER_FORMAT[s.format] ?? s.format));

type Indexed = { series: ModelChartSeries; index: number };

function fill(rgb: string): string {
  return `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
}

function rangeFormula(r: CellRange): string {
  const first = cellAddress(r.top, r.left, r.sheet, true);
  return r.top === r.bottom && r.left === r.right ? first : `${first}:${cellAddress(r.bottom, r.right, undefined, true)}`;
}

/** The cells of a range in reading order (a chart range is one row or one column). */
function cells(r: CellRange): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push({ row, col });
  return out;
}

function strRef(r: CellRange, value: ComputedValues): string {
  const texts = cells(r).map(({ row, col }) => value(r.sheet, row, col));
  const points = texts
    .map((t, i) => (t === null || typeof t === "object" ? "" : `<c:pt idx="${i}"><c:v>${escapeXml(String(t))}</c:v></c:pt>`))
    .join("");
  return `<c:strRef><c:f>${formulaXml(rangeFormula(r))}</c:f><c:strCache><c:ptCount val="${texts.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(s: ModelChartSeries, value: ComputedValues): string {
  const numbers = cells(s.values).map(({ row, col }) => value(s.values.sheet, row, col));
  // Blank, text and error cells have no point: the chart leaves a gap, as Excel does.
  const points = numbers.map((n, i) => (typeof n === "number" && Number.isFinite(n) ? `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>` : "")).join("");
  const format = s.format === "text" ? "General" : (NUMBER_FORMAT[s.format] ?? s.format);
  return `<c:numRef><c:f>${formulaXml(rangeFormula(s.values))}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${numbers.length}"/>${points}</c:numCache></c:numRef>`;
}

function seriesName(s: ModelChartSeries, value: ComputedValues): string {
  return typeof s.name === "string" ? `<c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` : `<c:tx>${strRef(s.name, value)}</c:tx>`;
}

function barChart(series: Indexed[], categories: string, value: ComputedValues, grouping: "clustered" | "stacked"): string {
  const sers = series
    .map(
      ({ series: s, index }) =>
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${seriesName(s, value)}` +
        `<c:spPr>${fill(colour(index))}</c:spPr><c:invertIfNegative val="0"/>` +
        `<c:cat>${categories}</c:cat><c:val>${numRef(s, value)}</c:val></c:ser>`,
    )
    .join("");
  const spacing = grouping === "stacked" ? '<c:gapWidth val="60"/><c:overlap val="100"/>' : '<c:gapWidth val="80"/><c:overlap val="-5"/>';
  return `<c:barChart><c:barDir val="col"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${sers}${spacing}${axisIds(PRIMARY)}</c:barChart>`;
}

function lineChart(series: Indexed[], categories: string, value: ComputedValues, axes: AxisPair): string {
  // On a secondary (percent) axis the latest ratio is printed; earlier ones are compared by the line.
  const labelled = axes === SECONDARY ? series[series.length - 1]!.index : -1;
  const sers = series
    .map(({ series: s, index }) => {
      const rgb = colour(index);
      return (
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${seriesName(s, value)}` +
        `<c:spPr><a:ln w="28575" cap="rnd">${fill(rgb)}<a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${fill(rgb)}<a:ln w="9525">${fill(rgb)}</a:ln></c:spPr></c:marker>` +
        (index === labelled ? dataLabels(s) : "") +
        `<c:cat>${categories}</c:cat><c:val>${numRef(s, value)}</c:val><c:smooth val="0"/></c:ser>`
      );
    })
    .join("");
  return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axisIds(axes)}</c:lineChart>`;
}

/** Values printed above a line's points: a ratio is read, not estimated from an axis. */
function dataLabels(s: ModelChartSeries): string {
  const format = s.format === "percent" ? "0.0%" : s.format === "percent2" ? "0.00%" : axisFormat(s);
  return (
    `<c:dLbls><c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

function axisIds(axes: AxisPair): string {
  return `<c:axId val="${axes.category}"/><c:axId val="${axes.value}"/>`;
}

/** Rich text for a chart or axis title; `vertical` turns it to read upwards beside a value axis. */
function title(text: string, size: number, bold: boolean, vertical = false): string {
  const b = bold ? 1 : 0;
  const body = vertical ? '<a:bodyPr rot="-5400000" vert="horz"/>' : "<a:bodyPr/>";
  return (
    `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${b}"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="${b}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

/** The primary value axis says what the columns are counted in: the series' unit (USD millions), or the one its labels show. */
function axisTitle(s: ModelChartSeries): string | undefined {
  if (s.unit === "percent") return undefined;
  return inMillions(s) ?? s.unit;
}

/** Amounts in thousands are labelled in millions on the axis (a trailing `,` divides by 1,000 as it displays), the cells keeping their thousands: the unit the labels show. */
function inMillions(s: ModelChartSeries): string | undefined {
  return s.format === "amount" && /\bthousands\b/.test(s.unit) ? rescaled(s.unit, 1) : undefined;
}

function categoryAxis(axes: AxisPair, hidden: boolean): string {
  return (
    `<c:catAx><c:axId val="${axes.category}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${hidden ? 1 : 0}"/>` +
    '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:crossAx val="${axes.value}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(axes: AxisPair, s: ModelChartSeries, position: "l" | "r", text: string | undefined): string {
  const gridlines = position === "l" ? `<c:majorGridlines><c:spPr><a:ln w="6350">${fill("D9D9D9")}</a:ln></c:spPr></c:majorGridlines>` : "";
  return (
    `<c:valAx><c:axId val="${axes.value}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${position}"/>` +
    gridlines +
    (text === undefined ? "" : title(text, 900, false, true)) +
    `<c:numFmt formatCode="${escapeXml(inMillions(s) ? "#,##0,;(#,##0,)" : axisFormat(s))}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${axes.category}"/><c:crosses val="${position === "l" ? "autoZero" : "max"}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

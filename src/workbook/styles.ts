import type { CellRole, ModelCell } from "../model/types.js";
import { PRESET_CODES } from "../template/number-format.js";
import { escapeXml } from "./xml.js";

/** FAST colours: inputs blue, calculations black, links to other sheets green. */
const COLOUR: Partial<Record<CellRole, string>> = { input: "FF0000FF", formula: "FF000000", link: "FF008000" };

/** Number formats by figure kind (the template's presets); negatives in parentheses, zero as a dash. A cell's format is one of these or an Excel code. */
export const NUMBER_FORMAT: Record<string, string> = {
  ...PRESET_CODES,
};

/** Conditional formats' fills, green and red: the differential formats (dxfs) a pass/fail cell takes. */
const PASS_FILL = "FFC6EFCE";
const FAIL_FILL = "FFFFC7CE";
const DIFFERENTIAL = [PASS_FILL, FAIL_FILL];
const BORDER_GREY = "FF808080";

/** What decides a cell's look; cells alike in all of it share one format. */
export type StyledCell = Pick<ModelCell, "role" | "style" | "indent" | "format" | "col">;

/** A cell format as the styles part describes it. */
interface Look {
  bold: boolean;
  italic: boolean;
  size: number;
  colour?: string;
  border?: "top" | "bottom";
  horizontal?: "right";
  bottom?: boolean;
  wrap?: boolean;
  indent?: number;
  numFmt?: string;
}

function lookOf(cell: StyledCell): Look {
  const look: Look = { bold: false, italic: false, size: 10 };
  const colour = COLOUR[cell.role];
  if (colour) look.colour = colour;
  switch (cell.role) {
    case "title":
      look.bold = true;
      look.size = 13;
      break;
    case "status":
    case "heading":
      look.bold = true;
      break;
    case "header":
      look.bold = true;
      look.border = "bottom";
      if (cell.col > 1) look.horizontal = "right";
      look.wrap = true;
      look.bottom = true;
      break;
    default:
      break;
  }
  if (cell.style === "total" || cell.style === "subtotal") {
    look.bold = cell.style === "total";
    if (cell.col > 1) look.border = "top";
  }
  if (cell.style === "of_which" || cell.style === "memo") look.italic = true;
  if (cell.indent) look.indent = cell.indent;
  if (cell.format && cell.format !== "text") look.numFmt = NUMBER_FORMAT[cell.format] ?? cell.format;
  return look;
}

/** An index per distinct value, in the order first seen: fonts, borders and formats of the styles part. */
class Indexed {
  readonly list: string[] = [];
  private readonly byXml = new Map<string, number>();
  constructor(first: string[] = []) {
    for (const x of first) this.of(x);
  }
  of(xml: string): number {
    let i = this.byXml.get(xml);
    if (i === undefined) {
      this.byXml.set(xml, (i = this.list.length));
      this.list.push(xml);
    }
    return i;
  }
}

const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';
const NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>";
const FIRST_CUSTOM_FORMAT = 164;

/**
 * The workbook's styles part, made as cells ask for their looks: each distinct look
 * is one cell format (`cellXfs`), its font, border and number format shared with
 * every other look that has them. Index 0 is the default format of empty cells.
 */
export class StyleSheet {
  private readonly fonts = new Indexed([DEFAULT_FONT]);
  private readonly borders = new Indexed([NO_BORDER]);
  private readonly formats = new Indexed();
  private readonly xfs = new Indexed(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly byKey = new Map<string, number>();

  /** The format index (`s`) of a cell. */
  of(cell: StyledCell): number {
    const key = `${cell.role}|${cell.style ?? ""}|${cell.indent ?? 0}|${cell.format ?? ""}|${cell.col > 1 ? 1 : 0}`;
    let index = this.byKey.get(key);
    if (index === undefined) this.byKey.set(key, (index = this.xf(lookOf(cell))));
    return index;
  }

  private xf(look: Look): number {
    const font = this.fonts.of(
      `<font>${look.bold ? "<b/>" : ""}${look.italic ? "<i/>" : ""}<sz val="${look.size}"/>${look.colour ? `<color rgb="${look.colour}"/>` : ""}<name val="Calibri"/><family val="2"/></font>`,
    );
    const line = `<${look.border} style="thin"><color rgb="${BORDER_GREY}"/></${look.border}>`;
    const border = look.border ? this.borders.of(`<border><left/><right/>${look.border === "top" ? line : "<top/>"}${look.border === "bottom" ? line : "<bottom/>"}<diagonal/></border>`) : 0;
    const numFmt = look.numFmt === undefined ? 0 : FIRST_CUSTOM_FORMAT + this.formats.of(look.numFmt);
    const alignment = [
      look.horizontal ? ` horizontal="${look.horizontal}"` : "",
      look.bottom ? ' vertical="bottom"' : "",
      look.wrap ? ' wrapText="1"' : "",
      look.indent ? ` indent="${look.indent}"` : "",
    ].join("");
    const applied = `${numFmt ? ' applyNumberFormat="1"' : ""} applyFont="1"${border ? ' applyBorder="1"' : ""}${alignment ? ' applyAlignment="1"' : ""}`;
    return this.xfs.of(`<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="${border}" xfId="0"${applied}${alignment ? `><alignment${alignment}/></xf>` : "/>"}`);
  }

  /** `xl/styles.xml`, with every look asked for so far. */
  xml(): string {
    const list = (tag: string, items: string[]): string => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const formats = this.formats.list.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${escapeXml(code)}"/>`);
    const dxfs = DIFFERENTIAL.map((rgb) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${rgb}"/></patternFill></fill></dxf>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length ? list("numFmts", formats) : "") +
      list("fonts", this.fonts.list) +
      list("fills", ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']) +
      list("borders", this.borders.list) +
      list("cellStyleXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
      list("cellXfs", this.xfs.list) +
      list("cellStyles", ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
      list("dxfs", dxfs) +
      "</styleSheet>"
    );
  }
}

/** The dxf index of the pass (0) and fail (1) fills, as `xml()` lists them. */
export const PASS_DXF = DIFFERENTIAL.indexOf(PASS_FILL);
export const FAIL_DXF = DIFFERENTIAL.indexOf(FAIL_FILL);

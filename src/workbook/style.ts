import type { Alignment, Border, Borders, Font, Style } from "exceljs";
import type { CellRole, ModelCell } from "../model/types.js";

/** FAST colours: inputs blue, calculations black, links to other sheets green. */
const COLOUR: Partial<Record<CellRole, string>> = { input: "FF0000FF", formula: "FF000000", link: "FF008000" };

/** Number formats by figure kind; negatives in parentheses, zero as a dash. */
export const NUMBER_FORMAT: Record<string, string> = {
  amount: '#,##0;(#,##0);"-"',
  percent: '0.0%;(0.0%);"-"',
  per_share: '#,##0.00;(#,##0.00);"-"',
  count: "#,##0;-#,##0;0",
  decimal1: '#,##0.0;(#,##0.0);"-"',
  flag: '"OK";"OK";"OK";"FAIL"',
};

const thin: Partial<Border> = { style: "thin", color: { argb: "FF808080" } };

/** The exceljs style of a model cell. */
export function styleOf(cell: ModelCell): Partial<Style> {
  const font: Partial<Font> = { name: "Calibri", size: 10 };
  const colour = COLOUR[cell.role];
  if (colour) font.color = { argb: colour };
  const style: Partial<Style> = { font };
  const alignment: Partial<Alignment> = {};
  switch (cell.role) {
    case "title":
      font.bold = true;
      font.size = 13;
      break;
    case "status":
      font.bold = true;
      break;
    case "header":
      font.bold = true;
      style.border = { bottom: thin } as Partial<Borders>;
      if (cell.col > 1) alignment.horizontal = "right";
      alignment.wrapText = true;
      alignment.vertical = "bottom";
      break;
    case "heading":
      font.bold = true;
      break;
    default:
      break;
  }
  if (cell.style === "total" || cell.style === "subtotal") {
    font.bold = cell.style === "total";
    if (cell.col > 1) style.border = { top: thin } as Partial<Borders>;
  }
  if (cell.style === "of_which" || cell.style === "memo") font.italic = true;
  if (cell.indent) alignment.indent = cell.indent;
  if (Object.keys(alignment).length) style.alignment = alignment;
  if (cell.format && cell.format !== "text") style.numFmt = NUMBER_FORMAT[cell.format]!;
  return style;
}

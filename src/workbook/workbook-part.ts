import { quoteSheetName } from "../template/a1.js";
import { escapeXml, formulaXml } from "./xml.js";

export interface WorkbookPartSheet {
  name: string;
  /** The workbook part's relationship to the sheet's part. */
  relationship: string;
  /** Rows repeated at the top of every printed page: 1 to this one. */
  printTitleRows: number;
}

/**
 * `xl/workbook.xml`: the sheets in tab order, the defined names (headline figures
 * and each sheet's print titles), and the request that Excel recalculate every
 * formula when it opens the file. The cached values are ours, and an analyst's Excel
 * should prove them, not trust them.
 */
export function workbookXml(sheets: WorkbookPartSheet[], names: { name: string; ref: string }[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="${s.relationship}"/>`);
  const defined = [
    ...names.map((n) => `<definedName name="${escapeXml(n.name)}">${formulaXml(n.ref)}</definedName>`),
    ...sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoteSheetName(s.name)}!$1:$${s.printTitleRows}`)}</definedName>`),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list.join("")}</sheets>` +
    (defined.length ? `<definedNames>${defined.join("")}</definedNames>` : "") +
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    "</workbook>"
  );
}

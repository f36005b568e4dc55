import ExcelJS from "exceljs";

export const QUOTED = "It's Q2 (JPY '000)";

/** Every cached value in this workbook is deliberately wrong: only a real recalculation gives the right ones. */
export async function staleWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Summary");
  ws.getCell("A1").value = { formula: "1+1", result: 5 };
  ws.getCell("A2").value = { formula: "A1*3", result: 0 };
  ws.getCell("A3").value = { formula: "1/0", result: 7 };
  ws.getCell("A4").value = { formula: "NA()", result: 1 };
  ws.getCell("A5").value = { formula: "A3+1", result: 8 };
  ws.getCell("A6").value = { formula: "A1=2", result: false };
  ws.getCell("A7").value = { formula: '""', result: "stale" };
  ws.getCell("A8").value = true;
  ws.getCell("A9").value = { formula: "A1=2", result: false };
  ws.getCell("A9").numFmt = '"OK";"OK";"OK";"FAIL"';
  ws.getCell("B1").value = 1000;
  ws.getCell("B2").value = 250;
  ws.getCell("C1").value = { formula: "B1*2", result: -1, shareType: "shared", ref: "C1:C2" } as ExcelJS.CellFormulaValue;
  ws.getCell("C2").value = { sharedFormula: "C1", result: -1 };
  ws.getCell("D1").value = { formula: `SUM('${QUOTED.replace(/'/g, "''")}'!A1:A2)`, result: 0 };
  const q = wb.addWorksheet(QUOTED);
  q.getCell("A1").value = 1200;
  q.getCell("A2").value = 300;
  q.getCell("B1").value = { formula: "Summary!B1+A1", result: 0 };
  const spaced = wb.addWorksheet("Balance Sheet");
  spaced.getCell("A1").value = { formula: `'${QUOTED.replace(/'/g, "''")}'!B1/1000`, result: 0 };
  await wb.xlsx.writeFile(file);
}


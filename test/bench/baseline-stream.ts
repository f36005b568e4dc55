import ExcelJS from "exceljs";

/**
 * The baseline for large reports: exceljs's streaming WorkbookWriter writing the same
 * number of cells, laid out as the synthetic report is (ten columns, every tenth row
 * SUMs of the nine above, with results) and, with --notes, a note on each input row's
 * label as tieout writes its sources. Usage: node baseline-stream.js cells out.xlsx [--notes]
 */
const [cellsArg, out, flag] = process.argv.slice(2);
const notes = flag === "--notes";
const rows = Math.max(10, Math.round(Number(cellsArg) / 10 / 10) * 10);
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useStyles: true, useSharedStrings: false });
const ws = wb.addWorksheet("Figures");
const sums = new Array<number>(10).fill(0);
for (let r = 0; r < rows; r++) {
  const excelRow = r + 5;
  const values: ExcelJS.CellValue[] = [r % 10 === 9 ? `Subtotal ${r}` : `Line ${r}`];
  for (let j = 0; j < 10; j++) {
    if (r % 10 === 9) {
      values.push({ formula: `SUM(${String.fromCharCode(66 + j)}${excelRow - 9}:${String.fromCharCode(66 + j)}${excelRow - 1})`, result: sums[j] } as ExcelJS.CellFormulaValue);
      sums[j] = 0;
    } else {
      const v = ((r * 7919 + j * 104729) % 1_000_000) + 1;
      sums[j] = (sums[j] ?? 0) + v;
      values.push(v);
    }
  }
  ws.getRow(excelRow).values = values;
  if (notes && r % 10 !== 9) ws.getRow(excelRow).getCell(1).note = `generated — “Line ${r}” (JPY thousands; data.json)`;
  ws.getRow(excelRow).commit();
}
ws.commit();
await wb.commit();

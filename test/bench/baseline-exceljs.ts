import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";

/**
 * The baseline for the cold-start figure: a minimal exceljs script writing the same
 * cells (values, formulas with their results, sheets) as a tieout build, nothing else.
 * Usage: node baseline-exceljs.js cells.json out.xlsx
 */
interface Dump {
  sheets: { name: string; cells: { row: number; col: number; formula?: string; value: unknown }[] }[];
}

const [dumpFile, out] = process.argv.slice(2);
const dump = JSON.parse(readFileSync(dumpFile!, "utf8")) as Dump;
const wb = new ExcelJS.Workbook();
for (const sheet of dump.sheets) {
  const ws = wb.addWorksheet(sheet.name);
  for (const c of sheet.cells) {
    ws.getCell(c.row, c.col).value = (c.formula !== undefined ? { formula: c.formula, result: c.value } : c.value) as ExcelJS.CellValue;
  }
}
await wb.xlsx.writeFile(out!);

import ExcelJS from "exceljs";

export type Cached = number | string | boolean | { error: string } | null;

export interface OpenedWorkbook {
  /** The value stored in the file at `'Sheet name'!B6` (the cached result, for a formula cell). */
  cached(address: string): Cached;
  /** The formula text stored at the address, without `=`. */
  formula(address: string): string | undefined;
  workbook: ExcelJS.Workbook;
}

/** Splits `'It''s'!B6` into the sheet name and the cell. */
export function splitAddress(address: string): { sheet: string; cell: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(\$?[A-Z]+\$?\d+)$/.exec(address);
  if (!m) throw new Error(`not a cell address: ${address}`);
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), cell: m[3]!.replace(/\$/g, "") };
}

/**
 * Opens a written workbook with exceljs — a reader independent of tieout's own — so
 * the tests check what is in the file, not what tieout meant to write.
 */
export async function openWorkbook(file: string): Promise<OpenedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cellAt = (address: string): ExcelJS.Cell => {
    const { sheet, cell } = splitAddress(address);
    const ws = workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet "${sheet}" in ${file}`);
    return ws.getCell(cell);
  };
  return {
    workbook,
    cached(address) {
      const v = cellAt(address).value;
      if (v === null || v === undefined) return null;
      if (typeof v === "object" && "formula" in v) return (v.result ?? null) as Cached;
      if (typeof v === "object" && "error" in v) return { error: String(v.error) };
      if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
      return v as Cached;
    },
    formula(address) {
      const v = cellAt(address).value;
      return v !== null && typeof v === "object" && "formula" in v ? v.formula : undefined;
    },
  };
}

import type { StoredValue } from "../../src/formula/stored.js";
import { cellAddress } from "../../src/template/a1.js";
import { readWorkbookCells, type ReadBook } from "../../src/workbook/read.js";

export interface OpenedWorkbook {
  /** The value stored in the file at `'Sheet name'!B6` (the cached result, for a formula cell). */
  cached(address: string): StoredValue;
  /** The formula text stored at the address, without `=`. */
  formula(address: string): string | undefined;
  /** Every formula cell's address, sheet by sheet. */
  formulaAddresses(): string[];
  read: ReadBook;
}

/** Opens a written workbook and indexes its cells by `'Sheet'!A1` address. */
export async function openWorkbook(file: string): Promise<OpenedWorkbook> {
  const read = await readWorkbookCells(file);
  const cells = new Map<string, { formula?: string | undefined; value: StoredValue }>();
  for (const sheet of read.sheets) for (const c of sheet.cells) cells.set(cellAddress(c.row, c.col, sheet.name), c);
  const at = (address: string): { formula?: string | undefined; value: StoredValue } | undefined => {
    // Accept quoted names where Excel would not need them (`'Checks'!B2`).
    const normal = address.replace(/^'([A-Za-z_][A-Za-z0-9_.]*)'!/, (m, name: string) => (cells.has(`${name}!${address.split("!")[1]}`) ? `${name}!` : m));
    return cells.get(normal);
  };
  return {
    read,
    cached: (address) => at(address)?.value ?? null,
    formula: (address) => at(address)?.formula,
    formulaAddresses: () => [...cells].filter(([, c]) => c.formula !== undefined).map(([a]) => a),
  };
}

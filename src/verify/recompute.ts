import { CycleError, FormulaSyntaxError } from "../errors.js";
import { FormulaBook } from "../formula/book.js";
import { callsVolatile } from "../formula/functions/registry.js";
import { parse } from "../formula/parse.js";
import { toStored, type StoredValue } from "../formula/stored.js";
import { ExcelError, VALUE, type Value } from "../formula/values.js";
import { cellAddress } from "../template/a1.js";

/** A cell as a file holds it: formula text (if any) and the value cached beside it. */
export interface StoredCell {
  sheet: string;
  row: number;
  col: number;
  formula?: string | undefined;
  value: StoredValue;
}

export interface Mismatch {
  /** `'Income Statement'!C31` */
  cell: string;
  formula: string;
  cached: StoredValue;
  recomputed: StoredValue;
}

export interface Recomputation {
  formulaCells: number;
  /** Any cell's recomputed value. */
  value(sheet: string, row: number, col: number): StoredValue;
  mismatches: Mismatch[];
  /**
   * What was not evaluated, once by cell (or by defined name): functions the engine
   * lacks (`function XLOOKUP`), formulas it cannot read, cycles. Never evaluated
   * silently; each keeps its cached value, and the rest of the workbook is still checked.
   */
  unsupported: { cell: string; what: string }[];
  /**
   * Cells calling a volatile function (RAND, RANDBETWEEN, TODAY…): evaluated by Excel
   * afresh at every calculation, so their cached value is kept (what reads them is
   * checked against it) and never reported as stale.
   */
  volatile: string[];
}

/** What a stored value is to the engine: numbers from a file are the doubles Excel computes with. */
export function fromStored(value: StoredValue): Value {
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  return ExcelError.isCode(value.error) ? ExcelError.of(value.error) : VALUE;
}

/** Equal as a spreadsheet shows them: numbers to a relative 1e-12 (the file holds doubles), anything else exactly. */
export function sameStored(a: StoredValue, b: StoredValue, relative = 1e-12): boolean {
  if (typeof a === "number" && typeof b === "number") {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale === 0 || Math.abs(a - b) / scale <= relative;
  }
  if ((a === "" || a === null) && (b === "" || b === null)) return true;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return a.error === b.error;
  return a === b;
}

/**
 * Whether a cached value is what recomputation gives: as `sameStored`, and a TRUE or
 * FALSE that LibreOffice stored as 1 or 0 (Calc has no boolean type) is that boolean.
 */
export function cachedAs(cached: StoredValue, recomputed: StoredValue): boolean {
  if (typeof recomputed === "boolean" && typeof cached === "number") return cached === (recomputed ? 1 : 0);
  return sameStored(cached, recomputed);
}

/** Defined names whose text names one of `broken`, as a word outside quotes. */
function readsAny(text: string, broken: ReadonlySet<string>): string | undefined {
  const words = text.replace(/"(?:[^"]|"")*"/g, "").match(/[A-Za-z_\\][A-Za-z0-9_.\\]*/g) ?? [];
  return words.find((w) => broken.has(w.toUpperCase()));
}

/**
 * Recomputes every formula of a workbook from its own formula text, starting from
 * the input values it holds, and lists every cell whose cached value differs. A
 * formula that cannot be evaluated — one in `unevaluable` (array formulas, external
 * links), one whose text tieout cannot read, one on a cycle, or one calling a
 * function the engine lacks — keeps its cached value, as an input would: it is
 * reported once, as unsupported, and the cells that read it are recomputed from that
 * value rather than all reported as stale.
 */
export function recompute(
  sheets: string[],
  cells: Iterable<StoredCell>,
  names: { name: string; reference: string; scope?: string | undefined }[] = [],
  options: { date1904?: boolean; unevaluable?: ReadonlySet<string> } = {},
): Recomputation {
  const book = new FormulaBook({ date1904: options.date1904 ?? false });
  const unevaluable = options.unevaluable ?? new Set<string>();
  const unsupported: { cell: string; what: string }[] = [];
  for (const name of sheets) book.addSheet(name);
  const broken = new Set<string>();
  for (const n of names) {
    try {
      parse(n.reference, { path: `defined name ${n.name}` });
      book.defineName(n.name, n.reference, n.scope);
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      broken.add(n.name.toUpperCase());
      unsupported.push({ cell: `defined name ${n.name}`, what: `formula tieout cannot read (${e.message})` });
    }
  }
  const formulas = new Map<string, StoredCell>();
  const keep = (cell: StoredCell): void => {
    book.setValue(cell.sheet, cell.row, cell.col, cell.value === null ? null : fromStored(cell.value));
  };
  let formulaCells = 0;
  const volatile: string[] = [];
  for (const cell of cells) {
    const address = cellAddress(cell.row, cell.col, cell.sheet);
    if (cell.formula !== undefined) formulaCells++;
    if (cell.formula === undefined || unevaluable.has(address)) {
      keep(cell);
      continue;
    }
    const name = broken.size > 0 ? readsAny(cell.formula, broken) : undefined;
    if (name !== undefined) {
      unsupported.push({ cell: address, what: `reads defined name ${name}, which tieout cannot read` });
      keep(cell);
      continue;
    }
    if (callsVolatile(cell.formula)) {
      volatile.push(address);
      keep(cell);
      continue;
    }
    try {
      book.setFormula(cell.sheet, cell.row, cell.col, cell.formula, { path: address });
      formulas.set(address, cell);
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      unsupported.push({ cell: address, what: `formula tieout cannot read (${e.message.replace(/ at position \d+ of "[^]*"$/, "")})` });
      keep(cell);
    }
  }
  for (const u of book.unsupported()) {
    unsupported.push({ cell: u.cell, what: `function ${u.name}` });
    const cell = formulas.get(u.cell);
    if (!cell) continue;
    formulas.delete(u.cell);
    keep(cell);
  }
  // A cycle's cells keep their cached values (Excel's, after its iterations, if it iterates) and the rest is computed again.
  for (;;) {
    try {
      book.recalculate();
      break;
    } catch (e) {
      if (!(e instanceof CycleError)) throw e;
      const onCycle = e.cells.filter((c) => formulas.has(c));
      if (onCycle.length === 0 && e.path !== undefined && formulas.has(e.path)) onCycle.push(e.path);
      if (onCycle.length === 0) throw e;
      for (const address of new Set(onCycle)) {
        unsupported.push({ cell: address, what: `circular reference (${e.cells.join(" → ")})` });
        keep(formulas.get(address)!);
        formulas.delete(address);
      }
    }
  }
  const mismatches: Mismatch[] = [];
  for (const [address, cell] of formulas) {
    const recomputed = toStored(book.value(cell.sheet, cell.row, cell.col));
    if (!cachedAs(cell.value, recomputed)) mismatches.push({ cell: address, formula: cell.formula!, cached: cell.value, recomputed });
  }
  return {
    formulaCells,
    value: (sheet, row, col) => toStored(book.value(sheet, row, col)),
    mismatches,
    unsupported,
    volatile,
  };
}

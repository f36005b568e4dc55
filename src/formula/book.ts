import { CycleError, InputError, type Where } from "../errors.js";
import { cellAddress, MAX_COLUMNS } from "../template/a1.js";
import type { Arithmetic } from "./arithmetic.js";
import { Area } from "./area.js";
import { filledRows, firstFrom, LONG_SPAN } from "./filled-rows.js";
import { compile, NameRead, type Compiled, type EvalCells } from "./evaluate.js";
import { EXCEL } from "./excel-doubles.js";
import type { Operand } from "./functions/spec.js";
import { isGrouped, parse } from "./parse.js";
import { agrees, hasShape, shapeHash, shapeOf } from "./shape.js";
import { ExcelError, isNumber, NAME, type Value } from "./values.js";

const PENDING = 0;
const ON_STACK = 1;
const DONE = 2;
const DROPPED = -1;

interface Formula {
  sheet: number;
  row: number;
  col: number;
  /** Where its value goes. */
  column: Column;
  /** As the caller gave it; `placed` adds the cell as path when it has none. */
  where: Where | undefined;
  text: string;
  compiled: Compiled<Value>;
  /**
   * Formula cells this one reads that were not computed when they were listed: listed
   * only when it must wait for one, or reads a defined name; otherwise its references
   * are checked in place.
   */
  precedents: Formula[] | undefined;
  state: typeof PENDING | typeof ON_STACK | typeof DONE | typeof DROPPED;
}

/** What some formulas depend on (FormulaBook.precedentCells). */
export interface Precedents {
  formulas: { sheet: string; row: number; col: number; text: string; where: Where | undefined }[];
  values: { sheet: string; row: number; col: number; value: Value }[];
  names: { name: string; reference: string; scope: string | undefined }[];
}

/** A sheet's formulas in the order they were set, without those since replaced; the list is compacted as it is read. */
function live(s: Sheet): Formula[] {
  if (s.dropped > 0) s.order = s.order.filter((f) => f.state !== DROPPED);
  s.dropped = 0;
  return s.order;
}

/**
 * One column of a sheet, by row: a range walks array slots (a blank is an empty
 * slot), so reading one builds no index and hashes no keys, and a whole-column range
 * stops where its column's data stops. A formula's value sits in `values` once computed.
 */
interface Column {
  values: (Value | undefined)[];
  formulas: (Formula | undefined)[] | undefined;
  /** The rows of `values` that hold something, built when a long range first reads the column and dropped at each write to it. */
  filled: number[] | undefined;
}

interface Sheet {
  name: string;
  /** By column number; a column with nothing in it is an empty slot. */
  columns: (Column | undefined)[];
  /** Formulas in the order they were set (replaced ones are dropped at recalculation). */
  order: Formula[];
  /** How many of `order` have been replaced since it was compacted. */
  dropped: number;
  /** The rows it was said to have (0: not said). */
  rows: number;
}

interface DefinedName {
  name: string;
  text: string;
  compiled?: Compiled<Operand>;
  checked?: boolean;
  scope: number | undefined;
}

/**
 * Sets a slot of an array of rows or columns. An array written past its end leaves
 * holes and goes through V8's slow path at every such write (and may become a
 * dictionary): a gap of up to `longest` slots is filled with empty ones first (8 bytes
 * each), so that the write appends.
 */
function put<T>(slots: (T | undefined)[], index: number, item: T | undefined, longest = 64): void {
  const gap = index - slots.length;
  if (gap > 0 && gap <= longest) for (let i = 0; i < gap; i++) slots.push(undefined);
  slots[index] = item;
}

function column(s: Sheet, col: number): Column {
  let c = s.columns[col];
  // Columns are few, and read for every cell: always filled up to `col`.
  if (c === undefined) put(s.columns, col, (c = { values: slotsFor(s), formulas: undefined, filled: undefined }), MAX_COLUMNS);
  return c;
}

/**
 * An empty column of the sheet's expected length. A long array grown a row at a time
 * is copied at every growth, and each copy it leaves behind is a large object the
 * collector takes only at its next full collection.
 */
function slotsFor<T>(s: Sheet): (T | undefined)[] {
  return s.rows > 0 ? new Array<T | undefined>(s.rows + 1) : [];
}

/** The place of a cell's problem: the caller's, with the cell as path when it names none. */
function placed(where: Where | undefined, row: number, col: number, sheet: string): Where {
  return where?.path ? where : { ...where, path: cellAddress(row, col, sheet) };
}

/** The last row with something in it, 0 for none. */
function lastRow(column: unknown[]): number {
  let r = column.length - 1;
  while (r > 0 && column[r] === undefined) r--;
  return r > 0 ? r : 0;
}

const notDone = (p: Formula): boolean => p.state !== DONE;
const always = (): boolean => true;

/**
 * A workbook's cells as the engine sees them: values and formulas by sheet, row and
 * column. `recalculate` evaluates every formula once, in dependency order, with an
 * explicit stack, so a chain of any length cannot overflow the call stack. It
 * computes in Excel's arithmetic unless given another (exact-decimals.ts).
 */
export class FormulaBook {
  readonly arithmetic: Arithmetic;

  /** `date1904`: the workbook counts dates in the 1904 system (see serial.ts); `arithmetic`: Excel's unless told (exact-decimals.ts). */
  constructor(options: { date1904?: boolean; arithmetic?: Arithmetic } = {}) {
    this.arithmetic = options.arithmetic ?? EXCEL;
    // The cells are made with the book's other fields, before the constructor runs.
    this.cells.arithmetic = this.arithmetic;
    this.cells.date1904 = options.date1904 ?? false;
  }

  private readonly sheets: Sheet[] = [];
  private readonly byName = new Map<string, number>();
  /** Defined names by `scope!NAME`, scope being a sheet index or empty for the workbook. */
  private readonly names = new Map<string, DefinedName>();
  /** Compiled formulas by the hash of their shape (see shape.ts): one for every cell a formula is copied to. */
  private readonly shapes = new Map<number, { shape: string; compiled: Compiled<Value> }[]>();
  /** Compiled formulas by text, for those without a shape; their references read what they name. */
  private readonly texts = new Map<string, Compiled<Value>>();
  /** The shape last found: a row or a column of one formula is set cell after cell. */
  private lastShape: { shape: string; compiled: Compiled<Value> } | undefined;
  /** Functions the library lacks, in defined names (formula cells keep their own). */
  private readonly missingInNames: { cell: string; name: string }[] = [];
  private formulaCount = 0;

  /** `rows`: how many rows the sheet will have, when known, so that its columns are made that long at once. */
  addSheet(name: string, rows = 0): void {
    const k = name.toLowerCase();
    if (this.byName.has(k)) throw new InputError(`sheet "${name}" is defined twice`, { hint: "sheet names are unique, ignoring case" });
    this.byName.set(k, this.sheets.length);
    this.sheets.push({ name, columns: [], order: [], dropped: 0, rows });
  }

  /** The sheet last looked up: cells are mostly set and read sheet by sheet. */
  private lastSheet: { name: string; index: number } = { name: "", index: -1 };

  private sheet(name: string): number {
    const i = this.find(name);
    if (i === undefined) throw new InputError(`no sheet named "${name}"`);
    return i;
  }

  private find(name: string): number | undefined {
    if (name === this.lastSheet.name) return this.lastSheet.index;
    const i = this.byName.get(name.toLowerCase());
    if (i !== undefined) this.lastSheet = { name, index: i };
    return i;
  }

  setValue(sheet: string, row: number, col: number, value: Value): void {
    const s = this.sheets[this.sheet(sheet)]!;
    const existing = s.columns[col];
    const formulas = existing?.formulas;
    if (formulas?.[row] !== undefined) {
      formulas[row]!.state = DROPPED;
      formulas[row] = undefined;
      s.dropped++;
      this.formulaCount--;
    }
    if (value !== null) {
      const c = column(s, col);
      put(c.values, row, isNumber(value) ? this.arithmetic.held(value) : value);
      c.filled = undefined;
    } else if (existing && row < existing.values.length) {
      existing.values[row] = undefined;
      existing.filled = undefined;
    }
  }

  setFormula(sheet: string, row: number, col: number, text: string, where?: Where): void {
    const index = this.sheet(sheet);
    const s = this.sheets[index]!;
    const compiled = this.compile(text, row, col, where, s.name);
    const c = column(s, col);
    const formulas = (c.formulas ??= slotsFor(s));
    const old = formulas[row];
    if (old === undefined) this.formulaCount++;
    else {
      old.state = DROPPED;
      s.dropped++;
    }
    const f: Formula = { sheet: index, row, col, column: c, where, text, compiled, precedents: undefined, state: PENDING };
    put(formulas, row, f);
    s.order.push(f);
    // Only a slot that exists is cleared: writing past the end of a column of sparse formulas would grow it for nothing.
    if (row < c.values.length) {
      c.values[row] = undefined;
      c.filled = undefined;
    }
  }

  /** The compiled formula for `text` in (row, col): its shape's, parsed and compiled only for the first cell of that shape. */
  private compile(text: string, row: number, col: number, where: Where | undefined, sheet: string): Compiled<Value> {
    const last = this.lastShape;
    if (last !== undefined && hasShape(text, row, col, last.shape)) return last.compiled;
    const hash = shapeHash(text, row, col);
    if (hash !== undefined) {
      for (const known of this.shapes.get(hash) ?? []) {
        if (!hasShape(text, row, col, known.shape)) continue;
        this.lastShape = known;
        return known.compiled;
      }
    }
    let own = this.texts.get(text);
    if (own) return own;
    const tree = parse(text, placed(where, row, col, sheet));
    const grouped = isGrouped(text);
    if (hash !== undefined && agrees(text, row, col, tree)) {
      const compiled = compile(tree, this.cells, { row, col }, "value", grouped);
      const same = this.shapes.get(hash);
      const known = { shape: shapeOf(text, row, col)!, compiled };
      if (same) same.push(known);
      else this.shapes.set(hash, [known]);
      this.lastShape = known;
      return compiled;
    }
    own = compile(tree, this.cells, undefined, "value", grouped);
    this.texts.set(text, own);
    return own;
  }

  /** A defined name: `reference` is formula text (`Summary!$C$6`); `scope` a sheet, or the workbook. */
  defineName(name: string, reference: string, scope?: string): void {
    const s = scope === undefined ? undefined : this.sheet(scope);
    this.names.set(`${s ?? ""}!${name.toUpperCase()}`, { name, text: reference, scope: s });
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  formulaCells(): number {
    return this.formulaCount;
  }

  unsupported(): { cell: string; name: string }[] {
    const out = [...this.missingInNames];
    for (const s of this.sheets) {
      for (const f of live(s)) for (const name of f.compiled.missing) out.push({ cell: cellAddress(f.row, f.col, s.name), name });
    }
    return out;
  }

  /** A cell's value; cells are mostly read sheet by sheet, as they are set. */
  value(sheet: string, row: number, col: number): Value {
    const s = this.sheets[this.find(sheet) ?? -1];
    return s?.columns[col]?.values[row] ?? null;
  }

  /** What compiled formulas read: values by sheet index, ranges, names. */
  private readonly cells: { -readonly [K in keyof EvalCells]: EvalCells[K] } = {
    arithmetic: EXCEL,
    eachValue: (range, visit) => {
      const last = range.sheetEnd ?? range.sheet;
      for (let i = range.sheet; i <= last; i++) {
        const columns = this.sheets[i]!.columns;
        const right = Math.min(range.c2, columns.length - 1);
        for (let col = range.c1; col <= right; col++) {
          const column = columns[col];
          if (column === undefined) continue;
          const values = column.values;
          const end = Math.min(range.r2, values.length - 1);
          if (end - range.r1 > LONG_SPAN) {
            const rows = (column.filled ??= filledRows(values));
            for (let k = firstFrom(rows, range.r1); k < rows.length && rows[k]! <= end; k++) if (visit(values[rows[k]!]!)) return true;
            continue;
          }
          for (let row = range.r1; row <= end; row++) {
            const v = values[row];
            if (v !== undefined && visit(v)) return true;
          }
        }
      }
      return false;
    },
    eachNumber: (range, visit) => {
      const last = range.sheetEnd ?? range.sheet;
      for (let i = range.sheet; i <= last; i++) {
        const columns = this.sheets[i]!.columns;
        const right = Math.min(range.c2, columns.length - 1);
        for (let col = range.c1; col <= right; col++) {
          const column = columns[col];
          if (column === undefined) continue;
          const values = column.values;
          const end = Math.min(range.r2, values.length - 1);
          if (end - range.r1 > LONG_SPAN) {
            const rows = (column.filled ??= filledRows(values));
            for (let k = firstFrom(rows, range.r1); k < rows.length && rows[k]! <= end; k++) {
              const v = values[rows[k]!]!;
              if (typeof v === "number") visit(v, true);
              else if (v instanceof ExcelError) return v;
              else if (isNumber(v)) visit(v, true);
            }
            continue;
          }
          for (let row = range.r1; row <= end; row++) {
            const v = values[row];
            // Numbers first: they are nearly all a range holds.
            if (typeof v === "number") visit(v, true);
            else if (v instanceof ExcelError) return v;
            else if (isNumber(v)) visit(v, true);
          }
        }
      }
      return undefined;
    },
    at: (sheet, row, col) => {
      const v = this.sheets[sheet]?.columns[col]?.values[row];
      return v === undefined ? null : v;
    },
    extent: (sheet) => {
      let rows = 0;
      let cols = 0;
      const columns = this.sheets[sheet]!.columns;
      for (let col = 1; col < columns.length; col++) {
        const c = columns[col];
        if (c === undefined) continue;
        // Formula cells count even before they are computed: a whole-column range must reach them.
        const r = Math.max(lastRow(c.values), c.formulas ? lastRow(c.formulas) : 0);
        if (r === 0) continue;
        cols = col;
        rows = Math.max(rows, r);
      }
      return { rows, cols };
    },
    name: (name, home, sheet) => {
      const entry = this.nameEntry(name, home, sheet);
      if (!entry) return NAME;
      const compiled = this.compiledName(entry, name);
      if (!entry.checked) {
        const cell = `defined name ${name}`;
        for (const missing of compiled.missing) this.missingInNames.push({ cell, name: missing });
        entry.checked = true;
      }
      return compiled.evaluate(entry.scope ?? home, 0, 0);
    },
    sheetIndex: (name) => this.byName.get(name.toLowerCase()),
    date1904: false,
  };

  /** A defined name as a formula reads it: the sheet's own first (or the one it names), then the workbook's. */
  private nameEntry(name: string, home: number, sheet: string | undefined): DefinedName | undefined {
    const upper = name.toUpperCase();
    if (sheet !== undefined) return this.names.get(`${this.byName.get(sheet.toLowerCase()) ?? ""}!${upper}`);
    return this.names.get(`${home}!${upper}`) ?? this.names.get(`!${upper}`);
  }

  /** A name's formula, compiled the first time it is read; its references read what they name. */
  private compiledName(entry: DefinedName, name: string): Compiled<Operand> {
    return (entry.compiled ??= compile(parse(entry.text, { path: `defined name ${name}` }), this.cells, undefined, "operand"));
  }

  /**
   * Calls `visit` with each formula cell not yet computed that an area covers for the
   * formula at (row, col) of sheet `home`, until it returns true; says whether it did.
   * A cell with a value is passed over without looking for a formula: a formula's value
   * is cleared when recalculation starts and set when it is computed, so most of a
   * range is read from the dense values, not from its column's (often sparse) formulas.
   */
  private pendingIn(area: Area, home: number, row: number, col: number, visit: (p: Formula) => boolean): boolean {
    const first = area.from(home, this.cells.sheetIndex);
    if (first < 0) return false;
    const last = area.to(home, this.cells.sheetIndex);
    const top = area.top(row);
    const bottom = area.bottom(row);
    const left = area.left(col);
    const right = area.right(col);
    for (let sheet = first; sheet <= last; sheet++) {
      const columns = this.sheets[sheet]!.columns;
      const end = Math.min(right, columns.length - 1);
      for (let c = left; c <= end; c++) {
        const column = columns[c];
        const formulas = column?.formulas;
        if (formulas === undefined) continue;
        const values = column!.values;
        const stop = Math.min(bottom, formulas.length - 1);
        for (let r = top; r <= stop; r++) {
          if (values[r] !== undefined) continue;
          const p = formulas[r];
          if (p !== undefined && p.state !== DONE && visit(p)) return true;
        }
      }
    }
    return false;
  }

  /**
   * The formula cells a formula reads, through references and defined names. A name
   * that reads itself, directly or through other names, is a CycleError naming them.
   */
  private precedentsOf(f: Formula): Formula[] {
    const out: Formula[] = [];
    const add = (p: Formula): boolean => {
      out.push(p);
      return false;
    };
    let seenNames: Set<DefinedName> | undefined;
    const expanding: { entry: DefinedName; name: string }[] = [];
    const visit = (reads: (Area | NameRead)[], home: number, row: number, col: number): void => {
      for (const read of reads) {
        if (read instanceof Area) {
          this.pendingIn(read, home, row, col, add);
          continue;
        }
        const entry = this.nameEntry(read.name, home, read.sheet);
        if (!entry) continue;
        const open = expanding.findIndex((e) => e.entry === entry);
        if (open >= 0) throw new CycleError([...expanding.slice(open).map((e) => e.name), read.name], placed(f.where, f.row, f.col, this.sheets[f.sheet]!.name));
        seenNames ??= new Set();
        if (seenNames.has(entry)) continue;
        seenNames.add(entry);
        expanding.push({ entry, name: read.name });
        visit(this.compiledName(entry, read.name).reads, entry.scope ?? home, 0, 0);
        expanding.pop();
      }
    };
    visit(f.compiled.reads, f.sheet, f.row, f.col);
    return out;
  }

  /**
   * What the formulas at `targets` depend on, through references and defined names,
   * each cell once: the formula cells (with their text) and the other cells they
   * read, with the book's defined names. Enough to compute the targets again in
   * another book, without the rest of this one.
   */
  precedentCells(targets: { sheet: string; row: number; col: number }[]): Precedents {
    const out: Precedents = { formulas: [], values: [], names: [] };
    const found = new Set<Formula>();
    const stack: Formula[] = [];
    const push = (f: Formula | undefined): void => {
      if (f === undefined || f.state === DROPPED || found.has(f)) return;
      found.add(f);
      stack.push(f);
    };
    for (const t of targets) {
      const i = this.find(t.sheet);
      if (i !== undefined) push(this.sheets[i]!.columns[t.col]?.formulas?.[t.row]);
    }
    const seenValues = new Set<string>();
    const readNames = new Set<DefinedName>();
    const visit = (reads: (Area | NameRead)[], home: number, row: number, col: number): void => {
      for (const read of reads) {
        if (read instanceof Area) {
          this.eachCell(read, home, row, col, (sheet, r, c, column) => {
            const f = column.formulas?.[r];
            if (f !== undefined) return push(f);
            const v = column.values[r];
            const key = `${sheet}!${r}!${c}`;
            if (v === undefined || seenValues.has(key)) return;
            seenValues.add(key);
            out.values.push({ sheet: this.sheets[sheet]!.name, row: r, col: c, value: v });
          });
          continue;
        }
        const entry = this.nameEntry(read.name, home, read.sheet);
        if (!entry || readNames.has(entry)) continue;
        readNames.add(entry);
        visit(this.compiledName(entry, read.name).reads, entry.scope ?? home, 0, 0);
      }
    };
    for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
      out.formulas.push({ sheet: this.sheets[f.sheet]!.name, row: f.row, col: f.col, text: f.text, where: f.where });
      visit(f.compiled.reads, f.sheet, f.row, f.col);
    }
    for (const n of this.names.values()) out.names.push({ name: n.name, reference: n.text, scope: n.scope === undefined ? undefined : this.sheets[n.scope]!.name });
    return out;
  }

  /** Calls `visit` with each cell slot an area covers (for the formula at row, col of sheet `home`), column by column, where its column has anything. */
  private eachCell(area: Area, home: number, row: number, col: number, visit: (sheet: number, row: number, col: number, column: Column) => void): void {
    const first = area.from(home, this.cells.sheetIndex);
    if (first < 0) return;
    const last = area.to(home, this.cells.sheetIndex);
    for (let sheet = first; sheet <= last; sheet++) {
      const columns = this.sheets[sheet]!.columns;
      const right = Math.min(area.right(col), columns.length - 1);
      for (let c = area.left(col); c <= right; c++) {
        const column = columns[c];
        if (column === undefined) continue;
        const bottom = Math.min(area.bottom(row), Math.max(column.values.length, column.formulas?.length ?? 0) - 1);
        for (let r = area.top(row); r <= bottom; r++) visit(sheet, r, c, column);
      }
    }
  }

  /** Every formula cell `f` reads is computed, so it may be evaluated now. */
  private ready(f: Formula): boolean {
    if (f.precedents !== undefined) return !f.precedents.some(notDone);
    for (const read of f.compiled.reads as Area[]) {
      if (read.single && read.sheet === undefined) {
        // One cell on the formula's own sheet, the usual reference, looked at directly.
        const column = this.sheets[f.sheet]!.columns[read.col(f.col)];
        const r = read.row(f.row);
        if (column?.formulas !== undefined && column.values[r] === undefined && column.formulas[r] !== undefined && column.formulas[r]!.state !== DONE) return false;
      } else if (this.pendingIn(read, f.sheet, f.row, f.col, always)) return false;
    }
    return true;
  }

  /**
   * Evaluates every formula in dependency order. A cycle throws CycleError naming its
   * cells in order. Formulas are taken in the order they were set, each evaluated at
   * once when what it reads is computed (the usual case: a report is written top
   * down); only one that must wait is given a list of precedents and walked depth
   * first, which is also where cycles are found.
   */
  recalculate(): void {
    const naming: Formula[] = [];
    for (const s of this.sheets) {
      for (const f of live(s)) {
        f.state = PENDING;
        f.precedents = undefined;
        const values = f.column.values;
        if (f.row < values.length) {
          values[f.row] = undefined;
          f.column.filled = undefined;
        }
        if (f.compiled.readsNames) naming.push(f);
      }
    }
    // Names are expanded first, once every formula's value is cleared: a cycle among names is found before anything is evaluated.
    for (const f of naming) f.precedents = this.precedentsOf(f);
    const stack: Formula[] = [];
    const next: number[] = [];
    for (const s of this.sheets) {
      for (const start of s.order) {
        if (start.state !== PENDING) continue;
        if (this.ready(start)) {
          this.evaluate(start);
          continue;
        }
        this.enter(start, stack, next);
        while (stack.length > 0) {
          const top = stack[stack.length - 1]!;
          const i = next[next.length - 1]!;
          const precedents = top.precedents!;
          if (i < precedents.length) {
            next[next.length - 1] = i + 1;
            const p = precedents[i]!;
            if (p.state === DONE) continue;
            if (p.state === ON_STACK) throw this.cycle(stack, p);
            if (this.ready(p)) this.evaluate(p);
            else this.enter(p, stack, next);
            continue;
          }
          this.evaluate(top);
          stack.pop();
          next.pop();
        }
      }
    }
  }

  private enter(f: Formula, stack: Formula[], next: number[]): void {
    f.state = ON_STACK;
    f.precedents ??= this.precedentsOf(f);
    stack.push(f);
    next.push(0);
  }

  private evaluate(f: Formula): void {
    const result = f.compiled.evaluate(f.sheet, f.row, f.col);
    // A formula that reads a blank cell shows 0, as in Excel.
    put(f.column.values, f.row, result === null ? 0 : result);
    f.column.filled = undefined;
    f.state = DONE;
    f.precedents = undefined;
  }

  private cycle(stack: Formula[], back: Formula): CycleError {
    const from = stack.indexOf(back);
    const cells = [...stack.slice(from), back].map((f) => cellAddress(f.row, f.col, this.sheets[f.sheet]!.name));
    return new CycleError(cells, placed(back.where, back.row, back.col, this.sheets[back.sheet]!.name));
  }
}

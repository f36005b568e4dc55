import { CycleError, InputError, type Where } from "../errors.js";
import { cellAddress, MAX_COLUMNS } from "../template/a1.js";
import type { Node } from "./ast.js";
import { checkCalls, evaluateNode, resultOf, sheetSpan, type EvalCells } from "./evaluate.js";
import type { Range } from "./functions/spec.js";
import { parse } from "./parse.js";
import { fromDecimal } from "./num.js";
import { Decimal, isError, NAME, ZERO, type Value } from "./values.js";

interface Formula {
  sheet: number;
  row: number;
  col: number;
  text: string;
  /** As the caller gave it; `placed` adds the cell as path when it has none. */
  where: Where | undefined;
  ast: Node;
  /** Its calls have been checked (functions known, argument counts right). */
  checked?: boolean;
  /** Functions the library lacks, found when compiling. */
  missing?: string[];
  /** Formula cells this one reads, found before evaluation. */
  precedents: Formula[];
  /** 0 not yet, 1 on the evaluation stack, 2 done; DROPPED when replaced or overwritten. */
  state: 0 | 1 | 2 | typeof DROPPED;
}

const DROPPED = -1;

/** A sheet's formulas in the order they were set, without those since replaced; the list is compacted as it is read. */
function live(s: Sheet): Formula[] {
  if (s.order.some((f) => f.state === DROPPED)) s.order = s.order.filter((f) => f.state !== DROPPED);
  return s.order;
}

/**
 * A sheet's cells by column, then row: a range walks array slots (a blank is an
 * empty slot), so reading one builds no index and hashes no keys, and a whole-column
 * range stops where its column's data stops.
 */
interface Sheet {
  name: string;
  values: Map<number, (Value | undefined)[]>;
  formulas: Map<number, (Formula | undefined)[]>;
  /** Formulas in the order they were set (replaced ones are dropped at recalculation). */
  order: Formula[];
}

interface DefinedName {
  text: string;
  ast?: Node;
  checked?: boolean;
  scope: number | undefined;
}

function slot<T>(columns: Map<number, (T | undefined)[]>, col: number): (T | undefined)[] {
  let column = columns.get(col);
  if (!column) columns.set(col, (column = []));
  return column;
}

/** The place of a cell's problem: the caller's, with the cell as path when it names none. */
function placed(where: Where | undefined, row: number, col: number, sheet: string): Where {
  return where?.path ? where : { ...where, path: cellAddress(row, col, sheet) };
}

/** The columns of a map that fall inside c1..c2, in order, visiting whichever is fewer: the span or the columns. */
function columnsIn<T>(columns: Map<number, T>, c1: number, c2: number): number[] {
  if (c2 - c1 + 1 <= columns.size) {
    const out: number[] = [];
    for (let c = c1; c <= c2; c++) if (columns.has(c)) out.push(c);
    return out;
  }
  return [...columns.keys()].filter((c) => c >= c1 && c <= c2).sort((a, b) => a - b);
}

/** The last row with something in it, 0 for none. */
function lastRow(column: unknown[]): number {
  let r = column.length - 1;
  while (r > 0 && column[r] === undefined) r--;
  return r > 0 ? r : 0;
}

/**
 * A workbook's cells as the engine sees them: values and formulas by sheet, row and
 * column. `recalculate` evaluates every formula once, in dependency order, with an
 * explicit stack, so a chain of any length cannot overflow the call stack.
 */
export class FormulaBook {
  private readonly sheets: Sheet[] = [];
  private readonly byName = new Map<string, number>();
  /** Defined names by `scope!NAME`, scope being a sheet index or empty for the workbook. */
  private readonly names = new Map<string, DefinedName>();
  private readonly asts = new Map<string, Node>();
  /** Functions the library lacks, in defined names (formula cells keep their own). */
  private readonly missingInNames: { cell: string; name: string }[] = [];
  private formulaCount = 0;

  addSheet(name: string): void {
    const k = name.toLowerCase();
    if (this.byName.has(k)) throw new InputError(`sheet "${name}" is defined twice`, { hint: "sheet names are unique, ignoring case" });
    this.byName.set(k, this.sheets.length);
    this.sheets.push({ name, values: new Map(), formulas: new Map(), order: [] });
  }

  /** The sheet last looked up: cells are mostly set sheet by sheet. */
  private lastSheet: { name: string; index: number } = { name: "", index: -1 };

  private sheet(name: string): number {
    if (name === this.lastSheet.name) return this.lastSheet.index;
    const i = this.byName.get(name.toLowerCase());
    if (i === undefined) throw new InputError(`no sheet named "${name}"`);
    this.lastSheet = { name, index: i };
    return i;
  }

  setValue(sheet: string, row: number, col: number, value: Value): void {
    const s = this.sheets[this.sheet(sheet)]!;
    const formulas = s.formulas.get(col);
    if (formulas?.[row] !== undefined) {
      formulas[row]!.state = DROPPED;
      formulas[row] = undefined;
      this.formulaCount--;
    }
    if (value !== null) slot(s.values, col)[row] = value instanceof Decimal ? fromDecimal(value) : value;
    else if (s.values.has(col)) s.values.get(col)![row] = undefined;
  }

  setFormula(sheet: string, row: number, col: number, text: string, where?: Where): void {
    const index = this.sheet(sheet);
    const s = this.sheets[index]!;
    let ast = this.asts.get(text);
    if (!ast) {
      ast = parse(text, placed(where, row, col, s.name));
      this.asts.set(text, ast);
    }
    const formulas = slot(s.formulas, col);
    const old = formulas[row];
    if (old === undefined) this.formulaCount++;
    else old.state = DROPPED;
    const f: Formula = { sheet: index, row, col, text, where, ast, precedents: [], state: 0 };
    formulas[row] = f;
    s.order.push(f);
    const values = s.values.get(col);
    if (values) values[row] = undefined;
  }

  /** A defined name: `reference` is formula text (`Summary!$C$6`); `scope` a sheet, or the workbook. */
  defineName(name: string, reference: string, scope?: string): void {
    const s = scope === undefined ? undefined : this.sheet(scope);
    this.names.set(`${s ?? ""}!${name.toUpperCase()}`, { text: reference, scope: s });
  }

  formulaCells(): number {
    return this.formulaCount;
  }

  unsupported(): { cell: string; name: string }[] {
    this.checkAll();
    const out = [...this.missingInNames];
    for (const s of this.sheets) {
      for (const f of live(s)) for (const name of f.missing ?? []) out.push({ cell: cellAddress(f.row, f.col, s.name), name });
    }
    return out;
  }

  value(sheet: string, row: number, col: number): Value {
    const s = this.sheets[this.byName.get(sheet.toLowerCase()) ?? -1];
    return s?.values.get(col)?.[row] ?? null;
  }


  /** What compiled formulas read: values by sheet index, ranges, names. */
  private readonly cells: EvalCells = {
    valuesIn: (range) => {
      const out: Value[] = [];
      const last = range.sheetEnd ?? range.sheet;
      for (let i = range.sheet; i <= last; i++) {
        const values = this.sheets[i]!.values;
        for (const col of columnsIn(values, range.c1, range.c2)) {
          const column = values.get(col)!;
          const end = Math.min(range.r2, column.length - 1);
          for (let row = range.r1; row <= end; row++) {
            const v = column[row];
            if (v !== undefined) out.push(v);
          }
        }
      }
      return out;
    },
    at: (sheet, row, col) => this.sheets[sheet]?.values.get(col)?.[row] ?? null,
    extent: (sheet) => {
      let rows = 0;
      let cols = 0;
      const s = this.sheets[sheet]!;
      // Formula cells count even before they are computed: a whole-column range must reach them.
      for (const columns of [s.values, s.formulas] as Map<number, unknown[]>[]) {
        for (const [col, column] of columns) {
          const r = lastRow(column);
          if (r === 0) continue;
          cols = Math.max(cols, col);
          rows = Math.max(rows, r);
        }
      }
      return { rows, cols };
    },
    name: (name, home, sheet) => {
      const entry = this.nameEntry(name, home, sheet);
      return entry ? evaluateNode(this.checkedName(entry, name), entry.scope ?? home, this.cells) : NAME;
    },
    sheetIndex: (name) => this.byName.get(name.toLowerCase()),
  };

  /** A defined name as a formula reads it: the sheet's own first (or the one it names), then the workbook's. */
  private nameEntry(name: string, home: number, sheet: string | undefined): DefinedName | undefined {
    const upper = name.toUpperCase();
    if (sheet !== undefined) return this.names.get(`${this.byName.get(sheet.toLowerCase()) ?? ""}!${upper}`);
    return this.names.get(`${home}!${upper}`) ?? this.names.get(`!${upper}`);
  }

  private nameAst(entry: DefinedName, name: string): Node {
    return (entry.ast ??= parse(entry.text, { path: `defined name ${name}` }));
  }

  /** A name's tree, its calls checked the first time it is read. */
  private checkedName(entry: DefinedName, name: string): Node {
    const ast = this.nameAst(entry, name);
    if (!entry.checked) {
      const cell = `defined name ${name}`;
      checkCalls(ast, (missing) => this.missingInNames.push({ cell, name: missing }), entry.text, () => ({ path: cell }));
      entry.checked = true;
    }
    return ast;
  }

  private checkAll(): void {
    for (const s of this.sheets) {
      for (const f of live(s)) {
        if (f.checked) continue;
        checkCalls(f.ast, (name) => (f.missing ??= []).push(name), f.text, () => placed(f.where, f.row, f.col, s.name));
        f.checked = true;
      }
    }
  }

  /**
   * The formula cells a formula reads, through references and defined names. A name
   * that reads itself, directly or through other names, is a CycleError naming them.
   */
  private precedentsOf(f: Formula): Formula[] {
    const out: Formula[] = [];
    let seenNames: Set<DefinedName> | undefined;
    const expanding: { entry: DefinedName; name: string }[] = [];
    const visit = (node: Node, home: number): void => {
      switch (node.kind) {
        case "ref": {
          const span = sheetSpan(node, home, this.cells.sheetIndex);
          if (span === undefined) return;
          for (let sheet = span[0]; sheet <= span[1]; sheet++) {
            const s = this.sheets[sheet]!;
            if (node.shape === "cell") {
              const p = s.formulas.get(node.start.col)?.[node.start.row];
              if (p) out.push(p);
              continue;
            }
            for (const col of columnsIn(s.formulas, node.start.col, node.end.col)) {
              const column = s.formulas.get(col)!;
              const end = Math.min(node.end.row, column.length - 1);
              for (let row = node.start.row; row <= end; row++) {
                const p = column[row];
                if (p !== undefined) out.push(p);
              }
            }
          }
          return;
        }
        case "name": {
          const entry = this.nameEntry(node.name, home, node.sheet);
          if (!entry) return;
          const open = expanding.findIndex((e) => e.entry === entry);
          if (open >= 0) throw new CycleError([...expanding.slice(open).map((e) => e.name), node.name], placed(f.where, f.row, f.col, this.sheets[f.sheet]!.name));
          seenNames ??= new Set();
          if (seenNames.has(entry)) return;
          seenNames.add(entry);
          expanding.push({ entry, name: node.name });
          visit(this.nameAst(entry, node.name), entry.scope ?? home);
          expanding.pop();
          return;
        }
        case "unary":
        case "percent":
          visit(node.operand, home);
          return;
        case "binary":
        case "range":
          visit(node.left, home);
          visit(node.right, home);
          return;
        case "call":
          for (const a of node.args) visit(a, home);
          return;
        default:
          return;
      }
    };
    visit(f.ast, f.sheet);
    return out;
  }

  /** Evaluates every formula in dependency order. A cycle throws CycleError naming its cells in order. */
  recalculate(): void {
    this.checkAll();
    const all: Formula[] = [];
    for (const s of this.sheets) {
      for (const f of live(s)) {
        f.state = 0;
        all.push(f);
        const values = s.values.get(f.col);
        if (values) values[f.row] = undefined;
      }
    }
    for (const f of all) f.precedents = this.precedentsOf(f);
    const stack: Formula[] = [];
    const next: number[] = [];
    for (const start of all) {
      if (start.state !== 0) continue;
      start.state = 1;
      stack.push(start);
      next.push(0);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const i = next[next.length - 1]!;
        if (i < top.precedents.length) {
          next[next.length - 1] = i + 1;
          const p = top.precedents[i]!;
          if (p.state === 2) continue;
          if (p.state === 1) throw this.cycle(stack, p);
          p.state = 1;
          stack.push(p);
          next.push(0);
          continue;
        }
        this.evaluate(top);
        top.state = 2;
        stack.pop();
        next.pop();
      }
    }
  }

  private evaluate(f: Formula): void {
    const s = this.sheets[f.sheet]!;
    const result = resultOf(evaluateNode(f.ast, f.sheet, this.cells), this.cells);
    // A formula that reads a blank cell shows 0, as in Excel.
    slot(s.values, f.col)[f.row] = result === null ? ZERO : result;
  }

  private cycle(stack: Formula[], back: Formula): CycleError {
    const from = stack.indexOf(back);
    const cells = [...stack.slice(from), back].map((f) => cellAddress(f.row, f.col, this.sheets[f.sheet]!.name));
    return new CycleError(cells, placed(back.where, back.row, back.col, this.sheets[back.sheet]!.name));
  }
}


import { CycleError, InputError, type Where } from "../errors.js";
import { cellAddress, MAX_COLUMNS } from "../template/a1.js";
import type { Node } from "./ast.js";
import { compileNode, resultOf, sheetSpan, type Compiled, type CompileEnv, type EvalCells } from "./evaluate.js";
import type { Range } from "./functions/spec.js";
import { parse } from "./parse.js";
import { isError, NAME, ZERO, type Value } from "./values.js";

interface Formula {
  sheet: number;
  row: number;
  col: number;
  text: string;
  /** As the caller gave it; `placed` adds the cell as path when it has none. */
  where: Where | undefined;
  ast: Node;
  run?: Compiled;
  /** Functions the library lacks, found when compiling. */
  missing?: string[];
  /** Formula cells this one reads, found before evaluation. */
  precedents: Formula[];
  /** 0 not yet, 1 on the evaluation stack, 2 done. */
  state: 0 | 1 | 2;
}

interface Sheet {
  name: string;
  values: Map<number, Value>;
  formulas: Map<number, Formula>;
  /** Rows of defined cells by column, sorted: ranges visit only what exists. */
  rowsByColumn: Map<number, number[]> | undefined;
  formulaRowsByColumn: Map<number, number[]> | undefined;
}

interface DefinedName {
  text: string;
  ast?: Node;
  /** Compiled by the sheet it is read from. */
  runs: Map<number, Compiled>;
  scope: number | undefined;
}

const key = (row: number, col: number): number => (row - 1) * MAX_COLUMNS + (col - 1);

/** First index in a sorted array whose value is ≥ x. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows by column of the keys given, and of `extra` keys not already among them. */
function indexByColumn(keys: Map<number, unknown>, extra?: Map<number, unknown>): Map<number, number[]> {
  const byColumn = new Map<number, number[]>();
  const add = (k: number): void => {
    const col = (k % MAX_COLUMNS) + 1;
    const row = Math.floor(k / MAX_COLUMNS) + 1;
    let rows = byColumn.get(col);
    if (!rows) byColumn.set(col, (rows = []));
    rows.push(row);
  };
  for (const k of keys.keys()) add(k);
  if (extra) for (const k of extra.keys()) if (!keys.has(k)) add(k);
  for (const rows of byColumn.values()) rows.sort((a, b) => a - b);
  return byColumn;
}

/** Every defined cell of a sheet, values and formulas (evaluated or not), indexed by column. */
function cellIndex(s: Sheet): Map<number, number[]> {
  return (s.rowsByColumn ??= indexByColumn(s.formulas, s.values));
}

/** The place of a cell's problem: the caller's, with the cell as path when it names none. */
function placed(where: Where | undefined, row: number, col: number, sheet: string): Where {
  return where?.path ? where : { ...where, path: cellAddress(row, col, sheet) };
}

/** Visits the (row, col) of listed cells inside a range, column by column. */
function eachIn(byColumn: Map<number, number[]>, r: Range, visit: (row: number, col: number) => void): void {
  const width = r.c2 - r.c1 + 1;
  if (width <= byColumn.size) {
    for (let col = r.c1; col <= r.c2; col++) visitColumn(byColumn.get(col), col, r, visit);
    return;
  }
  for (const col of [...byColumn.keys()].filter((c) => c >= r.c1 && c <= r.c2).sort((a, b) => a - b)) visitColumn(byColumn.get(col), col, r, visit);
}

function visitColumn(rows: number[] | undefined, col: number, r: Range, visit: (row: number, col: number) => void): void {
  if (!rows) return;
  for (let i = lowerBound(rows, r.r1); i < rows.length && rows[i]! <= r.r2; i++) visit(rows[i]!, col);
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
    this.sheets.push({ name, values: new Map(), formulas: new Map(), rowsByColumn: undefined, formulaRowsByColumn: undefined });
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
    const k = key(row, col);
    if (s.formulas.delete(k)) {
      this.formulaCount--;
      s.formulaRowsByColumn = undefined;
    }
    if (value === null) s.values.delete(k);
    else s.values.set(k, value);
    s.rowsByColumn = undefined;
  }

  setFormula(sheet: string, row: number, col: number, text: string, where?: Where): void {
    const index = this.sheet(sheet);
    const s = this.sheets[index]!;
    let ast = this.asts.get(text);
    if (!ast) {
      ast = parse(text, placed(where, row, col, s.name));
      this.asts.set(text, ast);
    }
    const k = key(row, col);
    if (!s.formulas.has(k)) this.formulaCount++;
    s.formulas.set(k, { sheet: index, row, col, text, where, ast, precedents: [], state: 0 });
    s.values.delete(k);
    s.rowsByColumn = undefined;
    s.formulaRowsByColumn = undefined;
  }

  /** A defined name: `reference` is formula text (`Summary!$C$6`); `scope` a sheet, or the workbook. */
  defineName(name: string, reference: string, scope?: string): void {
    const s = scope === undefined ? undefined : this.sheet(scope);
    this.names.set(`${s ?? ""}!${name.toUpperCase()}`, { text: reference, scope: s, runs: new Map() });
  }

  formulaCells(): number {
    return this.formulaCount;
  }

  unsupported(): { cell: string; name: string }[] {
    this.compileAll();
    const out = [...this.missingInNames];
    for (const s of this.sheets) {
      for (const f of s.formulas.values()) for (const name of f.missing ?? []) out.push({ cell: cellAddress(f.row, f.col, s.name), name });
    }
    return out;
  }

  value(sheet: string, row: number, col: number): Value {
    const s = this.sheets[this.byName.get(sheet.toLowerCase()) ?? -1];
    return s?.values.get(key(row, col)) ?? null;
  }


  /** What compiled formulas read: values by sheet index, ranges, names. */
  private readonly cells: EvalCells = {
    valuesIn: (range) => {
      const out: Value[] = [];
      const last = range.sheetEnd ?? range.sheet;
      for (let i = range.sheet; i <= last; i++) {
        const values = this.sheets[i]!.values;
        eachIn(cellIndex(this.sheets[i]!), range, (row, col) => {
          const v = values.get(key(row, col));
          if (v !== undefined) out.push(v);
        });
      }
      return out;
    },
    at: (sheet, row, col) => this.sheets[sheet]?.values.get(key(row, col)) ?? null,
    extent: (sheet) => {
      let rows = 0;
      let cols = 0;
      for (const [col, rs] of cellIndex(this.sheets[sheet]!)) {
        cols = Math.max(cols, col);
        rows = Math.max(rows, rs[rs.length - 1] ?? 0);
      }
      return { rows, cols };
    },
    name: (name, home, sheet) => {
      const entry = this.nameEntry(name, home, sheet);
      return entry ? this.compiledName(entry, name, home)(this.cells) : NAME;
    },
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

  /** A name's reference compiled once per sheet it is read from (a reference without a sheet is to that sheet). */
  private compiledName(entry: DefinedName, name: string, home: number): Compiled {
    const at = entry.scope ?? home;
    let run = entry.runs.get(at);
    if (!run) {
      const cell = `defined name ${name}`;
      run = compileNode(this.nameAst(entry, name), this.env(at, entry.text, () => ({ path: cell }), (missing) => this.missingInNames.push({ cell, name: missing })));
      entry.runs.set(at, run);
    }
    return run;
  }

  private env(home: number, formula: string, where: () => Where, unsupported: (name: string) => void): CompileEnv {
    return {
      home,
      formula,
      // Only an error needs the place, so it is made only then.
      get where() {
        return where();
      },
      sheetIndex: this.sheetIndex,
      unsupported,
    };
  }

  private readonly sheetIndex = (name: string): number | undefined => this.byName.get(name.toLowerCase());

  private compileAll(): void {
    // One environment serves every formula in turn: compiling is synchronous, and this saves two closures a cell.
    let f: Formula | undefined;
    const current = (): Formula => f!;
    const env = this.env(
      0,
      "",
      () => placed(current().where, current().row, current().col, this.sheets[current().sheet]!.name),
      (name) => (current().missing ??= []).push(name),
    );
    for (const s of this.sheets) {
      for (f of s.formulas.values()) {
        if (f.run) continue;
        env.home = f.sheet;
        env.formula = f.text;
        f.run = compileNode(f.ast, env);
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
          const span = sheetSpan(node, home, this.sheetIndex);
          if (span === undefined) return;
          for (let sheet = span[0]; sheet <= span[1]; sheet++) {
            const s = this.sheets[sheet]!;
            if (node.shape === "cell") {
              // Most references are one cell: look it up rather than search the index.
              const p = s.formulas.get(key(node.start.row, node.start.col));
              if (p) out.push(p);
              continue;
            }
            s.formulaRowsByColumn ??= indexByColumn(s.formulas);
            eachIn(s.formulaRowsByColumn, { sheet, r1: node.start.row, c1: node.start.col, r2: node.end.row, c2: node.end.col }, (row, col) => out.push(s.formulas.get(key(row, col))!));
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
    this.compileAll();
    const all: Formula[] = [];
    for (const s of this.sheets) {
      for (const f of s.formulas.values()) {
        f.state = 0;
        all.push(f);
        s.values.delete(key(f.row, f.col));
      }
      s.rowsByColumn = undefined;
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
    const result = resultOf(f.run!(this.cells), this.cells);
    // A formula that reads a blank cell shows 0, as in Excel.
    s.values.set(key(f.row, f.col), result === null ? ZERO : result);
  }

  private cycle(stack: Formula[], back: Formula): CycleError {
    const from = stack.indexOf(back);
    const cells = [...stack.slice(from), back].map((f) => cellAddress(f.row, f.col, this.sheets[f.sheet]!.name));
    return new CycleError(cells, placed(back.where, back.row, back.col, this.sheets[back.sheet]!.name));
  }
}


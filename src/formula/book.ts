import { CycleError, InputError, type Where } from "../errors.js";
import { cellAddress, MAX_COLUMNS } from "../template/a1.js";
import type { Node } from "./ast.js";
import { compileNode, resultOf, toRange, type Compiled, type CompileEnv, type EvalCells } from "./evaluate.js";
import type { Range } from "./functions/spec.js";
import { parse } from "./parse.js";
import { isError, NAME, ZERO, type Value } from "./values.js";

interface Formula {
  sheet: number;
  row: number;
  col: number;
  text: string;
  where: Where | undefined;
  ast: Node;
  run?: Compiled;
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
  rowsByColumn?: Map<number, number[]>;
  formulaRowsByColumn?: Map<number, number[]>;
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

function indexByColumn(keys: Iterable<number>): Map<number, number[]> {
  const byColumn = new Map<number, number[]>();
  for (const k of keys) {
    const col = (k % MAX_COLUMNS) + 1;
    const row = Math.floor(k / MAX_COLUMNS) + 1;
    let rows = byColumn.get(col);
    if (!rows) byColumn.set(col, (rows = []));
    rows.push(row);
  }
  for (const rows of byColumn.values()) rows.sort((a, b) => a - b);
  return byColumn;
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
  private readonly names = new Map<string, { text: string; ast?: Node; run?: Compiled; scope: number | undefined }>();
  private readonly asts = new Map<string, Node>();
  private readonly missing: { cell: string; name: string }[] = [];
  private formulaCount = 0;

  addSheet(name: string): void {
    const k = name.toLowerCase();
    if (this.byName.has(k)) throw new InputError(`sheet "${name}" is defined twice`, { hint: "sheet names are unique, ignoring case" });
    this.byName.set(k, this.sheets.length);
    this.sheets.push({ name, values: new Map(), formulas: new Map() });
  }

  private sheet(name: string): number {
    const i = this.byName.get(name.toLowerCase());
    if (i === undefined) throw new InputError(`no sheet named "${name}"`);
    return i;
  }

  setValue(sheet: string, row: number, col: number, value: Value): void {
    const s = this.sheets[this.sheet(sheet)]!;
    const k = key(row, col);
    s.formulas.delete(k);
    if (value === null) s.values.delete(k);
    else s.values.set(k, value);
    delete s.rowsByColumn;
  }

  setFormula(sheet: string, row: number, col: number, text: string, where?: Where): void {
    const index = this.sheet(sheet);
    const s = this.sheets[index]!;
    const at: Where = where ?? { path: cellAddress(row, col, s.name) };
    let ast = this.asts.get(text);
    if (!ast) {
      ast = parse(text, at);
      this.asts.set(text, ast);
    }
    const k = key(row, col);
    if (!s.formulas.has(k)) this.formulaCount++;
    s.formulas.set(k, { sheet: index, row, col, text, where: at, ast, precedents: [], state: 0 });
    s.values.delete(k);
    delete s.rowsByColumn;
    delete s.formulaRowsByColumn;
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
    this.compileAll();
    return [...this.missing];
  }

  value(sheet: string, row: number, col: number): Value {
    const s = this.sheets[this.byName.get(sheet.toLowerCase()) ?? -1];
    return s?.values.get(key(row, col)) ?? null;
  }


  /** What compiled formulas read: values by sheet index, ranges, names. */
  private readonly cells: EvalCells = {
    valuesIn: (range) => {
      const s = this.sheets[range.sheet]!;
      s.rowsByColumn ??= indexByColumn(new Set([...s.values.keys(), ...s.formulas.keys()]));
      const out: Value[] = [];
      eachIn(s.rowsByColumn, range, (row, col) => {
        const v = s.values.get(key(row, col));
        if (v !== undefined) out.push(v);
      });
      return out;
    },
    at: (sheet, row, col) => this.sheets[sheet]?.values.get(key(row, col)) ?? null,
    extent: (sheet) => {
      const s = this.sheets[sheet]!;
      s.rowsByColumn ??= indexByColumn(new Set([...s.values.keys(), ...s.formulas.keys()]));
      let rows = 0;
      let cols = 0;
      for (const [col, rs] of s.rowsByColumn) {
        cols = Math.max(cols, col);
        rows = Math.max(rows, rs[rs.length - 1] ?? 0);
      }
      return { rows, cols };
    },
    name: (name, home, sheet) => {
      const target = this.resolveName(name, home, sheet);
      return target?.run ? target.run(this.cells) : NAME;
    },
  };

  private resolveName(name: string, home: number, sheet: string | undefined): { run?: Compiled } | undefined {
    const upper = name.toUpperCase();
    const scoped = sheet === undefined ? home : this.byName.get(sheet.toLowerCase());
    const entry = this.names.get(`${scoped ?? ""}!${upper}`) ?? (sheet === undefined ? this.names.get(`!${upper}`) : undefined);
    if (!entry) return undefined;
    if (!entry.run) {
      entry.ast ??= parse(entry.text, { path: `defined name ${name}` });
      entry.run = compileNode(entry.ast, this.env(entry.scope ?? home, entry.text, undefined, `defined name ${name}`));
    }
    return entry;
  }

  private env(home: number, formula: string, where: Where | undefined, cell: string): CompileEnv {
    return {
      home,
      formula,
      where,
      sheetIndex: (n) => this.byName.get(n.toLowerCase()),
      unsupported: (name) => this.missing.push({ cell, name }),
    };
  }

  private compileAll(): void {
    for (const s of this.sheets) {
      for (const f of s.formulas.values()) {
        if (f.run) continue;
        f.run = compileNode(f.ast, this.env(f.sheet, f.text, f.where, cellAddress(f.row, f.col, s.name)));
      }
    }
  }

  /** The formula cells a formula reads, through references and defined names. */
  private precedentsOf(f: Formula): Formula[] {
    const out: Formula[] = [];
    const seenNames = new Set<string>();
    const visit = (node: Node, home: number): void => {
      switch (node.kind) {
        case "ref": {
          const sheet = node.sheet === undefined ? home : this.byName.get(node.sheet.toLowerCase());
          if (sheet === undefined) return;
          const s = this.sheets[sheet]!;
          if (node.shape === "cell") {
            // Most references are one cell: look it up rather than search the index.
            const f = s.formulas.get(key(node.start.row, node.start.col));
            if (f) out.push(f);
            return;
          }
          s.formulaRowsByColumn ??= indexByColumn(s.formulas.keys());
          eachIn(s.formulaRowsByColumn, { sheet, r1: node.start.row, c1: node.start.col, r2: node.end.row, c2: node.end.col }, (row, col) => out.push(s.formulas.get(key(row, col))!));
          return;
        }
        case "name": {
          const upper = node.name.toUpperCase();
          const scoped = node.sheet === undefined ? home : this.byName.get(node.sheet.toLowerCase());
          const k = this.names.has(`${scoped ?? ""}!${upper}`) ? `${scoped ?? ""}!${upper}` : `!${upper}`;
          const entry = this.names.get(k);
          if (!entry || seenNames.has(k)) return;
          seenNames.add(k);
          entry.ast ??= parse(entry.text, { path: `defined name ${node.name}` });
          visit(entry.ast, entry.scope ?? home);
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
      delete s.rowsByColumn;
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
    return new CycleError(cells, back.where ?? {});
  }
}


import { TemplateError, type Where } from "../errors.js";
import { cellAddress, quoteSheetName } from "./a1.js";
import { columnNamed, type Layout, type SheetLayout } from "./layout.js";
import { didYouMean } from "./suggest.js";

/**
 * Where a template formula is compiled: which sheet "this sheet" is, which column
 * "this column" is, and which row `@col` means (the row's basis).
 */
export interface CompileContext {
  layout: Layout;
  /** The sheet bare row ids refer to; undefined where every reference must name its sheet. */
  sheet?: SheetLayout | undefined;
  /** The sheet the formula is written on: references elsewhere get a sheet prefix. Undefined: a sheet tieout generates. */
  home?: SheetLayout | undefined;
  /** Column id references without `@col` resolve to. */
  column: string;
  /** The row `@col` refers to: the row itself, or its basis. */
  basis?: { sheet: SheetLayout; row: string } | undefined;
  /** For error messages: the template file and row or check being compiled. */
  where: Where;
}

export interface CellRef {
  sheet: SheetLayout;
  row: number;
  col: number;
}

/**
 * A template formula as compiled: references resolved to cells, everything else as
 * written. What the unit checks read (model/unit-check.ts); printed, it is the
 * formula's A1 text.
 */
export type FormulaToken =
  | { kind: "ref"; ref: CellRef; source: string }
  | { kind: "range"; from: CellRef; to: CellRef; source: string }
  | { kind: "number" | "string" | "function" | "literal" | "op" | "space"; text: string };

// Sticky (`y`): each is tried where the lexer stands, without slicing the rest of the formula off first.
/** `sheet.row@col`, `row@col`, `row`, `@col`, `@[2023-09-30]`: the reference forms of the template language. */
const REFERENCE = /(?:([a-z_][a-z0-9_]*)\.)?([a-z_][a-z0-9_]*)?(?:@([A-Za-z0-9_]+|\[[A-Za-z0-9_-]+\]))?/y;
const OPERATOR = /<=|>=|<>|[-+*/^&=<>%(),:;{}!]/y;
const SPACE = /\s+/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const ERROR_LITERAL = /#(?:DIV\/0!|REF!|NAME\?|VALUE!|N\/A|NUM!|NULL!)/y;
const FUNCTION_NAME = /[A-Za-z_][A-Za-z0-9_.]*(?=\s*\()/y;
const KEYWORD = /(?:TRUE|FALSE)\b/y;
const WORD = /[A-Za-z0-9_$.]+/y;

/** Spaces, a number, a function's name, an error or TRUE/FALSE where the lexer stands, told apart by the first character. */
function lexeme(source: string, i: number): { kind: "space" | "number" | "function" | "literal"; match: RegExpExecArray } | undefined {
  const ch = source[i]!;
  const found = (kind: "space" | "number" | "function" | "literal", pattern: RegExp): { kind: typeof kind; match: RegExpExecArray } | undefined => {
    const match = at(pattern, source, i);
    return match && { kind, match };
  };
  if (/\s/.test(ch)) return found("space", SPACE);
  if (/[\d.]/.test(ch)) return found("number", NUMBER);
  if (ch === "#") return found("literal", ERROR_LITERAL);
  if (/[A-Za-z_]/.test(ch)) return found("function", FUNCTION_NAME) ?? found("literal", KEYWORD);
  return undefined;
}

/** The match of a sticky pattern at `at`, or undefined. */
function at(pattern: RegExp, source: string, index: number): RegExpExecArray | undefined {
  pattern.lastIndex = index;
  return pattern.exec(source) ?? undefined;
}

/**
 * Turns a template formula (`SUM(rev_ns_ent:rev_ns_outsourcing)`, `gm_total / rev_total`,
 * `is.rev_total@1H17`, `@1H18 / @1H17 - 1`) into Excel formula text with A1 references.
 * Everything that is not a reference is Excel syntax and is copied as written; the
 * formula stage parses the result.
 */
export function compileFormula(source: string, ctx: CompileContext): string {
  return compile(source, ctx).text;
}

/** Compiles, and also tells which cells the formula names (for units and link styling) and how it reads. */
export function compile(source: string, ctx: CompileContext): { text: string; refs: CellRef[]; tokens: FormulaToken[] } {
  const tokens: FormulaToken[] = [];
  let i = 0;
  const push = (kind: "number" | "function" | "literal" | "op" | "space", m: RegExpExecArray): void => {
    tokens.push({ kind, text: m[0] });
    i += m[0].length;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') {
      const end = findStringEnd(source, i);
      if (end < 0) throw syntax(`unterminated string starting at ${i + 1}`, source, ctx);
      tokens.push({ kind: "string", text: source.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    const found = lexeme(source, i);
    if (found) {
      push(found.kind, found.match);
      continue;
    }
    const ref = at(REFERENCE, source, i);
    if (ref && ref[0].length > 0 && (ref[2] !== undefined || ref[3] !== undefined)) {
      const column = ref[3]?.startsWith("[") ? ref[3].slice(1, -1) : ref[3];
      tokens.push({ kind: "ref", ref: resolve(ref[1], ref[2], column, source, ctx, source[i + ref[0].length]), source: ref[0] });
      i += ref[0].length;
      continue;
    }
    if (/[A-Za-z$]/.test(ch)) {
      throw syntax(`"${at(WORD, source, i)?.[0] ?? ch}" is not a row id (ids are lower-case) nor a function call`, source, ctx);
    }
    const op = at(OPERATOR, source, i);
    if (op) push("op", op);
    else {
      tokens.push({ kind: "op", text: ch });
      i++;
    }
  }
  const merged = ranges(tokens, ctx);
  const refs = merged.flatMap((t) => (t.kind === "ref" ? [t.ref] : t.kind === "range" ? [t.from, t.to] : []));
  return { text: join(merged, ctx), refs, tokens: merged };
}

/** `ref : ref` on one sheet becomes one range token. */
function ranges(tokens: FormulaToken[], ctx: CompileContext): FormulaToken[] {
  const out: FormulaToken[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== "ref") {
      out.push(token);
      continue;
    }
    let j = t + 1;
    while (tokens[j]?.kind === "space") j++;
    const colon = tokens[j];
    if (colon?.kind !== "op" || colon.text !== ":") {
      out.push(token);
      continue;
    }
    j++;
    while (tokens[j]?.kind === "space") j++;
    const end = tokens[j];
    if (end?.kind !== "ref") {
      out.push(token);
      continue;
    }
    if (end.ref.sheet !== token.ref.sheet) throw compileError("a range must stay on one sheet", "", ctx);
    out.push({ kind: "range", from: token.ref, to: end.ref, source: `${token.source}:${end.source}` });
    t = j;
  }
  return out;
}

function findStringEnd(s: string, start: number): number {
  for (let j = start + 1; j < s.length; j++) {
    if (s[j] === '"') {
      if (s[j + 1] === '"') j++;
      else return j;
    }
  }
  return -1;
}

function resolve(sheetId: string | undefined, rowId: string | undefined, columnId: string | undefined, source: string, ctx: CompileContext, after: string | undefined): CellRef {
  let sheet: SheetLayout | undefined;
  let row: number | undefined;
  if (rowId === undefined) {
    // `@col`: the current row's basis (or the row itself) in another column.
    if (!ctx.basis) throw compileError(`"@${columnId}" names a column but there is no current row here`, source, ctx);
    sheet = ctx.basis.sheet;
    row = sheet.rowOf.get(ctx.basis.row);
    if (row === undefined) {
      throw compileError(`basis row "${ctx.basis.row}" does not exist on sheet "${sheet.sheet.id}"${didYouMean(ctx.basis.row, sheet.rowOf.keys())}`, source, ctx);
    }
  } else {
    if (sheetId !== undefined) {
      sheet = ctx.layout.byId.get(sheetId);
      if (!sheet) throw compileError(`unknown sheet "${sheetId}"${didYouMean(sheetId, ctx.layout.byId.keys())}`, source, ctx);
    } else {
      sheet = ctx.sheet;
      if (!sheet) throw compileError(`"${rowId}" needs a sheet: write sheet.${rowId}`, source, ctx);
    }
    row = sheet.rowOf.get(rowId);
    if (row === undefined) {
      throw compileError(`unknown row "${rowId}" on sheet "${sheet.sheet.id}"${didYouMean(rowId, sheet.rowOf.keys())}`, source, ctx);
    }
  }
  const colId = columnId ?? ctx.column;
  const column = columnNamed(sheet, colId, ctx.layout.binding);
  if (!column) {
    const dashed = columnId !== undefined && after === "-" ? ` (a period id with "-" is written @[${colId}-…])` : "";
    throw compileError(`sheet "${sheet.sheet.id}" has no column "${colId}"${dashed || didYouMean(colId, [...sheet.columnOf.keys(), ...sheet.columnOfPeriod.keys()])}`, source, ctx);
  }
  return { sheet, row, col: column.col };
}

/** Writes references as A1 text. */
function join(tokens: FormulaToken[], ctx: CompileContext): string {
  // Pieces joined once, not added one by one: the text is kept by every formula cell of the model, and a string grown by + keeps its pieces.
  const out: string[] = [];
  const prefix = (ref: CellRef): string => (ref.sheet === ctx.home ? "" : `${quoteSheetName(ref.sheet.sheet.name)}!`);
  for (const token of tokens) {
    if (token.kind === "ref") out.push(prefix(token.ref), cellAddress(token.ref.row, token.ref.col));
    else if (token.kind === "range") out.push(prefix(token.from), cellAddress(token.from.row, token.from.col), ":", cellAddress(token.to.row, token.to.col));
    else out.push(token.text);
  }
  return out.join("");
}

function compileError(message: string, source: string, ctx: CompileContext): TemplateError {
  return new TemplateError(source ? `${message} in formula "${source}"` : message, ctx.where);
}

function syntax(message: string, source: string, ctx: CompileContext): TemplateError {
  return compileError(message, source, ctx);
}

import { TemplateError, type Where } from "../errors.js";
import { cellAddress, quoteSheetName } from "./a1.js";
import type { Layout, SheetLayout } from "./layout.js";
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

type Token = { text: string } | { ref: CellRef };

/** `sheet.row@col`, `row@col`, `row`, `@col`: the reference forms of the template language. */
const REFERENCE = /^(?:([a-z_][a-z0-9_]*)\.)?([a-z_][a-z0-9_]*)?(?:@([A-Za-z0-9_]+))?/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const ERROR_LITERAL = /^#(?:DIV\/0!|REF!|NAME\?|VALUE!|N\/A|NUM!|NULL!)/;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.]*(?=\s*\()/;
const KEYWORD = /^(?:TRUE|FALSE)\b/;

/**
 * Turns a template formula (`SUM(rev_ns_ent:rev_ns_outsourcing)`, `gm_total / rev_total`,
 * `is.rev_total@1H17`, `@1H18 / @1H17 - 1`) into Excel formula text with A1 references.
 * Everything that is not a reference is Excel syntax and is copied as written; the
 * formula stage parses the result.
 */
export function compileFormula(source: string, ctx: CompileContext): string {
  return compile(source, ctx).text;
}

/** Compiles, and also tells which cells the formula names (for units and link styling). */
export function compile(source: string, ctx: CompileContext): { text: string; refs: CellRef[] } {
  const tokens: Token[] = [];
  let i = 0;
  const copy = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && "text" in last) last.text += text;
    else tokens.push({ text });
  };
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i]!;
    if (ch === '"') {
      const end = findStringEnd(source, i);
      if (end < 0) throw syntax(`unterminated string starting at ${i + 1}`, source, ctx);
      copy(source.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    const literal = NUMBER.exec(rest) ?? ERROR_LITERAL.exec(rest) ?? FUNCTION_NAME.exec(rest) ?? KEYWORD.exec(rest);
    if (literal) {
      copy(literal[0]);
      i += literal[0].length;
      continue;
    }
    const ref = REFERENCE.exec(rest);
    if (ref && ref[0].length > 0 && (ref[2] !== undefined || ref[3] !== undefined)) {
      tokens.push({ ref: resolve(ref[1], ref[2], ref[3], source, ctx) });
      i += ref[0].length;
      continue;
    }
    if (/[A-Za-z$]/.test(ch)) {
      throw syntax(`"${/^[A-Za-z0-9_$.]+/.exec(rest)?.[0] ?? ch}" is not a row id (ids are lower-case) nor a function call`, source, ctx);
    }
    copy(ch);
    i += 1;
  }
  const refs = tokens.flatMap((t) => ("ref" in t ? [t.ref] : []));
  return { text: join(tokens, ctx), refs };
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

function resolve(sheetId: string | undefined, rowId: string | undefined, columnId: string | undefined, source: string, ctx: CompileContext): CellRef {
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
  const column = sheet.columnOf.get(colId);
  if (!column) {
    throw compileError(`sheet "${sheet.sheet.id}" has no column "${colId}"${didYouMean(colId, sheet.columnOf.keys())}`, source, ctx);
  }
  return { sheet, row, col: column.col };
}

/** Writes references as A1 text, merging `ref:ref` on one sheet into a single range. */
function join(tokens: Token[], ctx: CompileContext): string {
  // Pieces joined once, not added one by one: the text is kept by every formula cell of the model, and a string grown by + keeps its pieces.
  const out: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if ("text" in token) {
      out.push(token.text);
      continue;
    }
    const prefix = token.ref.sheet === ctx.home ? "" : `${quoteSheetName(token.ref.sheet.sheet.name)}!`;
    const colon = tokens[t + 1];
    const end = tokens[t + 2];
    if (colon && "text" in colon && colon.text.trim() === ":" && end && "ref" in end) {
      if (end.ref.sheet !== token.ref.sheet) throw compileError("a range must stay on one sheet", "", ctx);
      out.push(prefix, cellAddress(token.ref.row, token.ref.col), ":", cellAddress(end.ref.row, end.ref.col));
      t += 2;
      continue;
    }
    out.push(prefix, cellAddress(token.ref.row, token.ref.col));
  }
  return out.join("");
}

function compileError(message: string, source: string, ctx: CompileContext): TemplateError {
  return new TemplateError(source ? `${message} in formula "${source}"` : message, ctx.where);
}

function syntax(message: string, source: string, ctx: CompileContext): TemplateError {
  return compileError(message, source, ctx);
}

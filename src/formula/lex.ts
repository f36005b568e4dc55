import { FormulaSyntaxError, type Where } from "../errors.js";
import type { ReferenceNode } from "./ast.js";
import { parseArea } from "./address.js";
import { ExcelError, type ErrorCode } from "./values.js";

export type Token =
  | { type: "number"; text: string; pos: number }
  | { type: "string"; value: string; pos: number }
  | { type: "error"; code: ErrorCode; pos: number }
  | { type: "ref"; ref: ReferenceNode; pos: number }
  | { type: "function"; name: string; pos: number }
  | { type: "name"; name: string; sheet?: string | undefined; pos: number }
  | { type: "boolean"; value: boolean; pos: number }
  | { type: "op"; op: string; pos: number }
  | { type: "end"; pos: number };

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/iy;
/** The longest text that could be an area: cells, ranges, whole columns or rows. */
const AREA = /(?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![A-Za-z0-9_.(!])/y;
const IDENTIFIER = /[A-Za-z_\\][A-Za-z0-9_.]*/y;
/** A sheet name without quotes; `[1]Sheet1` is a sheet of an external workbook (it evaluates to #REF!). */
const UNQUOTED_SHEET = /((?:\[\d+\])?[A-Za-z0-9_.\u00C0-\uFFFF]+)!/y;
/** `Jan:Mar!`: the sheets of a 3-D reference, unquoted. */
const UNQUOTED_SHEETS = /([A-Za-z0-9_.\u00C0-\uFFFF]+):([A-Za-z0-9_.\u00C0-\uFFFF]+)!/y;
/** Text that reads as a cell or a row, which an unquoted sheet name cannot be. */
const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|\d+)$/;
const OPERATORS = ["<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "^", "&", "%", "(", ")", ",", ":"];

/**
 * Text between quotes starting at `start`, a doubled quote standing for one (`"say ""hi"""`,
 * `'It''s'`): the text and the index of the closing quote, or undefined when it never closes.
 */
function readQuoted(formula: string, start: number, quote: string): { text: string; end: number } | undefined {
  let text = "";
  for (let j = start + 1; j < formula.length; j++) {
    if (formula[j] !== quote) {
      text += formula[j];
      continue;
    }
    if (formula[j + 1] !== quote) return { text, end: j };
    text += quote;
    j++;
  }
  return undefined;
}

/** Splits formula text into tokens; references are recognised whole, with their sheet. */
export function lex(formula: string, where?: Where): Token[] {
  const tokens: Token[] = [];
  /** The patterns are sticky: each matches exactly at `at`, without slicing the text. */
  const match = (pattern: RegExp, at: number): RegExpExecArray | null => {
    pattern.lastIndex = at;
    return pattern.exec(formula);
  };
  const sheetsNamed = formula.includes("!");
  const fail = (message: string, pos: number): never => {
    throw new FormulaSyntaxError(`${message} at position ${pos + 1} of "${formula}"`, formula, pos, where);
  };
  let i = formula.startsWith("=") ? 1 : 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    const pos = i;
    if (ch === '"') {
      const quoted = readQuoted(formula, i, '"');
      if (!quoted) fail("unterminated text", pos);
      tokens.push({ type: "string", value: quoted!.text, pos });
      i = quoted!.end + 1;
      continue;
    }
    const error = ch === "#" ? match(ERROR, i) : null;
    if (error) {
      const code = error[0].toUpperCase();
      if (!ExcelError.isCode(code)) fail(`unknown error value ${error[0]}`, pos);
      tokens.push({ type: "error", code: code as ErrorCode, pos });
      i += error[0].length;
      continue;
    }
    // A sheet prefix, quoted or not, then an area or a sheet-scoped name.
    let sheet: string | undefined;
    let sheetEnd: string | undefined;
    let after = i;
    if (ch === "'") {
      const quoted = readQuoted(formula, i, "'");
      if (!quoted) fail("unterminated sheet name", pos);
      let name = quoted!.text;
      const j = quoted!.end;
      if (formula[j + 1] !== "!") fail("a quoted sheet name must be followed by !", pos);
      // Excel forbids ":" in sheet names, so a quoted one holding it is a 3-D reference.
      const colon = name.indexOf(":");
      if (colon >= 0) {
        sheetEnd = name.slice(colon + 1);
        name = name.slice(0, colon);
        if (name === "" || sheetEnd === "" || sheetEnd.includes(":")) fail(`"${name}:${sheetEnd}" is not a span of sheets`, pos);
      }
      sheet = name;
      after = j + 2;
    } else {
      const span = sheetsNamed ? match(UNQUOTED_SHEETS, i) : null;
      const s = sheetsNamed ? match(UNQUOTED_SHEET, i) : null;
      if (span && !CELL_LIKE.test(span[1]!) && !CELL_LIKE.test(span[2]!)) {
        sheet = span[1]!;
        sheetEnd = span[2]!;
        after = i + span[0].length;
      } else if (s) {
        sheet = s[1]!;
        after = i + s[0].length;
      }
    }
    const area = match(AREA, after);
    if (area) {
      const ref = parseArea(area[0], sheet);
      if (ref) {
        if (sheetEnd !== undefined) ref.sheetEnd = sheetEnd;
        tokens.push({ type: "ref", ref, pos });
        i = after + area[0].length;
        continue;
      }
      if (sheet !== undefined || /^\$?[A-Za-z]{1,3}\$?\d+$/.test(area[0])) fail(`"${area[0]}" is outside Excel's grid`, after);
    }
    if (sheetEnd !== undefined) fail("a 3-D reference must be followed by a cell or a range", after);
    if (sheet !== undefined) {
      const id = match(IDENTIFIER, after);
      if (!id) fail("expected a cell, range or name after the sheet name", after);
      tokens.push({ type: "name", name: id![0], sheet, pos });
      i = after + id![0].length;
      continue;
    }
    const number = match(NUMBER, i);
    if (number) {
      tokens.push({ type: "number", text: number[0], pos });
      i += number[0].length;
      continue;
    }
    const id = match(IDENTIFIER, i);
    if (id) {
      const word = id[0];
      i += word.length;
      let k = i;
      while (formula[k] === " ") k++;
      if (formula[k] === "(") tokens.push({ type: "function", name: word, pos });
      else if (/^(TRUE|FALSE)$/i.test(word)) tokens.push({ type: "boolean", value: word.toUpperCase() === "TRUE", pos });
      else tokens.push({ type: "name", name: word, pos });
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, i));
    if (!op) fail(`unexpected "${ch}"`, pos);
    tokens.push({ type: "op", op: op!, pos });
    i += op!.length;
  }
  tokens.push({ type: "end", pos: formula.length });
  return tokens;
}

import { MAX_COLUMNS, MAX_ROWS } from "../template/a1.js";
import type { CellPart, Node } from "./ast.js";

/**
 * Formulas that differ only by where they sit — `SUM(B5:B13)` in B14, `SUM(C5:C13)`
 * in C14 — are one formula copied, as Excel's shared formulas and R1C1 notation say.
 * Their shape is the text with each cell reference written as an offset from the
 * formula's own cell (its `$` parts as written), found by one pass over the text
 * without lexing it: formulas with one shape share one compiled tree.
 *
 * The pass recognises only what it is sure of: outside quotes, text made of letters,
 * digits, `_ . $`, operators and spaces, where a cell reference is a whole word of the
 * form `$?A$?1` not followed by `(` or `!` (a function, a sheet). Anything else gives
 * no shape, and the formula is parsed on its own. `agrees` checks, for the first
 * formula of each shape, that the parser found the same references.
 */

/**
 * Marks a reference in a shape. Text holding it outside quotes has no shape, and a
 * reference is fixed-width after it, so a shape reads back one way only: two texts
 * with one shape are the same pieces, the same references.
 */
const MARK_CODE = 1;

const DOLLAR = 36;
const QUOTE = 34;
const APOSTROPHE = 39;
const BANG = 33;
const PAREN = 40;

/** What each ASCII character is to the pass: a table, read once per character of every formula set. */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
/** `_ . $`: in a word, not a letter or digit. */
const WORD = 3;
/** Operators and spaces, which end a word. */
const SEPARATOR = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /[A-Za-z]/.test(ch) ? LETTER : /\d/.test(ch) ? DIGIT : "_.$".includes(ch) ? WORD : "+-*/^&%=<>(),:! \t\r\n".includes(ch) ? SEPARATOR : OTHER;
}

function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : OTHER;
}

function inWord(c: number): boolean {
  const k = classOf(c);
  return k === LETTER || k === DIGIT || k === WORD;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Not a cell: the word is something else. Outside the grid: a syntax error the parser reports. */
const NOT_CELL = 0;
const OUTSIDE = -1;

/**
 * Reads text[from, to) as a cell reference into `cell`: NOT_CELL, OUTSIDE, or 1 when
 * it is one. A scratch object, not a new one per word: this runs for every formula set.
 */
function readCell(text: string, from: number, to: number, cell: CellPart): number {
  let i = from;
  cell.colAbsolute = text.charCodeAt(i) === DOLLAR;
  if (cell.colAbsolute) i++;
  const letters = i;
  let col = 0;
  while (i < to && isLetter(text.charCodeAt(i))) col = col * 26 + ((text.charCodeAt(i++) & ~32) - 64);
  if (i === letters || i - letters > 3) return NOT_CELL;
  cell.rowAbsolute = text.charCodeAt(i) === DOLLAR;
  if (cell.rowAbsolute) i++;
  const digits = i;
  let row = 0;
  while (i < to && isDigit(text.charCodeAt(i))) row = row * 10 + (text.charCodeAt(i++) - 48);
  if (i === digits || i !== to) return NOT_CELL;
  if (col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return OUTSIDE;
  cell.row = row;
  cell.col = col;
  return 1;
}

const scratch: CellPart = { row: 0, col: 0, rowAbsolute: false, colAbsolute: false };

/**
 * What the pass gives each piece of a formula to: text as written, or a cell reference
 * (in `scratch`). Either may refuse the formula by returning false.
 */
interface Sink {
  text(text: string, from: number, to: number): boolean;
  cell(cell: CellPart, row: number, col: number): boolean;
}

/** One pass over `text` written in (row, col): false when it has no shape, or the sink refused it. */
function walk(text: string, row: number, col: number, sink: Sink): boolean {
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE) {
      // Quoted text or a quoted sheet name, a doubled quote standing for one: copied as it is.
      let j = i + 1;
      for (;;) {
        j = text.indexOf(text[i]!, j);
        if (j < 0) return false;
        if (text.charCodeAt(j + 1) !== c) break;
        j += 2;
      }
      if (c === APOSTROPHE && text.charCodeAt(j + 1) !== BANG) return false;
      i = j + 1;
      continue;
    }
    const kind = classOf(c);
    if (kind === SEPARATOR) {
      i++;
      continue;
    }
    // Outside quotes, the mark is OTHER: text holding one has no shape.
    if (kind === OTHER) return false;
    let j = i + 1;
    while (j < n && inWord(text.charCodeAt(j))) j++;
    const after = text.charCodeAt(j);
    const cell = after === PAREN || after === BANG ? NOT_CELL : readCell(text, i, j, scratch);
    if (cell === OUTSIDE) return false;
    if (cell !== NOT_CELL) {
      if (!sink.text(text, copied, i) || !sink.cell(scratch, row, col)) return false;
      copied = j;
    }
    i = j;
  }
  return sink.text(text, copied, n);
}

/** The characters of a reference in a shape, as `encode` last wrote them. */
const code = new Uint16Array(5);

/**
 * A reference as a shape writes it: the mark, its `$` flags, its row (absolute, or the
 * offset from the formula's row plus MAX_ROWS) in two characters, and its column the
 * same way in one. Fixed width, so that a shape reads back one way only.
 */
function encode(cell: CellPart, row: number, col: number): Uint16Array {
  const r = cell.rowAbsolute ? cell.row : cell.row - row + MAX_ROWS;
  code[0] = MARK_CODE;
  code[1] = (cell.rowAbsolute ? 2 : 0) + (cell.colAbsolute ? 1 : 0);
  code[2] = r >>> 16;
  code[3] = r & 0xffff;
  code[4] = cell.colAbsolute ? cell.col : cell.col - col + MAX_COLUMNS;
  return code;
}

class Builder implements Sink {
  shape = "";
  constructor(private readonly cells: CellPart[] | undefined) {}

  text(text: string, from: number, to: number): boolean {
    this.shape += text.slice(from, to);
    return true;
  }

  cell(cell: CellPart, row: number, col: number): boolean {
    this.shape += String.fromCharCode(...encode(cell, row, col));
    this.cells?.push({ ...cell });
    return true;
  }
}

/** Reads a shape alongside the text, refusing at the first difference: no string is built. */
class Comparer implements Sink {
  at = 0;
  shape = "";

  text(text: string, from: number, to: number): boolean {
    const shape = this.shape;
    let p = this.at;
    if (p + to - from > shape.length) return false;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) !== shape.charCodeAt(p++)) return false;
    this.at = p;
    return true;
  }

  cell(cell: CellPart, row: number, col: number): boolean {
    const c = encode(cell, row, col);
    for (let i = 0; i < c.length; i++) if (this.shape.charCodeAt(this.at + i) !== c[i]) return false;
    this.at += c.length;
    return true;
  }
}

const comparer = new Comparer();

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}

/** FNV-1a over the shape as Builder would write it, so that looking a shape up builds no string. */
class Hasher implements Sink {
  hash = 0;

  text(text: string, from: number, to: number): boolean {
    let h = this.hash;
    for (let i = from; i < to; i++) h = mix(h, text.charCodeAt(i));
    this.hash = h;
    return true;
  }

  cell(cell: CellPart, row: number, col: number): boolean {
    for (const c of encode(cell, row, col)) this.hash = mix(this.hash, c);
    return true;
  }
}

const hasher = new Hasher();

/**
 * The shape of `text` written in (row, col), or undefined when the pass cannot be
 * sure of it. `cells`, when given, receives the references found, in order.
 */
export function shapeOf(text: string, row: number, col: number, cells?: CellPart[]): string | undefined {
  const builder = new Builder(cells);
  return walk(text, row, col, builder) ? builder.shape : undefined;
}

/**
 * A hash of the shape of `text` written in (row, col), undefined when it has none:
 * shapes are found by it, then confirmed with hasShape, without building a string
 * for every formula set.
 */
export function shapeHash(text: string, row: number, col: number): number | undefined {
  hasher.hash = 0x811c9dc5 | 0;
  return walk(text, row, col, hasher) ? hasher.hash : undefined;
}

/** shapeOf(text, row, col) === shape, without building the shape. */
export function hasShape(text: string, row: number, col: number, shape: string): boolean {
  comparer.shape = shape;
  comparer.at = 0;
  return walk(text, row, col, comparer) && comparer.at === shape.length;
}

/** The cell corners of a tree's cells and ranges, in the order written. */
function cellsOf(node: Node, out: CellPart[]): CellPart[] {
  switch (node.kind) {
    case "ref":
      if (node.shape === "cell") out.push(node.start);
      else if (node.shape === "range") out.push(node.start, node.end);
      break;
    case "unary":
    case "percent":
      cellsOf(node.operand, out);
      break;
    case "binary":
    case "range":
      cellsOf(node.left, out);
      cellsOf(node.right, out);
      break;
    case "call":
      for (const a of node.args) cellsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * The parser read in `text` exactly the references the shape moves, in order and as
 * written: then any formula of this shape is this tree moved. (A range written
 * bottom-up, which the parser puts in order, does not agree, and is parsed on its own.)
 */
export function agrees(text: string, row: number, col: number, tree: Node): boolean {
  const found: CellPart[] = [];
  if (shapeOf(text, row, col, found) === undefined) return false;
  const parsed = cellsOf(tree, []);
  return (
    parsed.length === found.length &&
    parsed.every((p, i) => {
      const q = found[i]!;
      return p.row === q.row && p.col === q.col && p.rowAbsolute === q.rowAbsolute && p.colAbsolute === q.colAbsolute;
    })
  );
}

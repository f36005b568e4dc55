import { readFileSync } from "node:fs";
import { DataError, type InputError, type Where } from "../errors.js";
import { MAX_SIGNIFICANT_DIGITS, NumberText } from "./number.js";
import { jsonPath } from "./validate.js";
import { codePoint, isXmlChar, XML_ILLEGAL_HINT, xmlIllegalMessage } from "./xml-text.js";

type ErrorClass = new (message: string, where: Where) => InputError;

/**
 * How numbers arrive. `exact`: an integer written with at most 15 digits (which a
 * double holds exactly) as a JS number, any other as its text in a NumberText, for the
 * schema to check and turn into a decimal. `double`: JS numbers, for files whose
 * numbers are layout (indents, tolerances), never figures.
 */
export type Numbers = "exact" | "double";

/** A JSON text that breaks the grammar or that tieout refuses, at a byte offset of its UTF-8. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Set when the text is valid JSON but not taken (a key given twice, `__proto__`): what to write instead. */
    readonly hint?: string,
    /** For a value refused for what it holds: the keys and indexes down to it, filled in as the parse unwinds. */
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

/** A string holding a character no workbook can carry (see xml-text.ts), at the offset of its escape or byte. */
function unwritable(unit: number, offset: number): JsonSyntaxError {
  return new JsonSyntaxError(xmlIllegalMessage(codePoint(String.fromCharCode(unit))), offset, XML_ILLEGAL_HINT, []);
}

/** An error from inside the value at `key` of its parent: its path gains that step. */
function within(e: unknown, key: string | number): unknown {
  if (e instanceof JsonSyntaxError && e.path) e.path.unshift(key);
  return e;
}

/** What reading past the last byte gives: below every byte, so each scanning loop stops there. */
const END = -1;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
/** The lead byte of U+F000–U+FFFF in UTF-8, U+FFFE (EF BF BE) and U+FFFF (EF BF BF) among them. */
const LEAD_EF = 0xef;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_U = 0x75;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const LITERALS: ReadonlyArray<[Buffer, unknown]> = [
  [Buffer.from("true"), true],
  [Buffer.from("false"), false],
  [Buffer.from("null"), null],
];

/** Slots of the cache of keys read: a power of two, far more than the distinct keys a data file repeats. */
const KEY_SLOTS = 4096;

/**
 * Deeper nesting is refused (RFC 8259 lets a parser set a limit) rather than risk the
 * call stack: data files and templates nest a handful of levels.
 */
export const MAX_DEPTH = 512;

/**
 * A JSON parser that keeps numbers exact without an object per number (see Numbers),
 * and rejects duplicate keys, which JSON.parse silently collapses.
 *
 * It reads the file's bytes, not a string of them: every string it makes is decoded
 * afresh, where a slice of one big string would keep all of it alive (V8 makes a
 * substring of 13 characters or more a view into its parent) as long as any label
 * read from it is.
 */
class Reader {
  private pos = 0;
  private readonly keys: string[] = new Array<string>(KEY_SLOTS).fill("");
  /** Where in the bytes each cached key was read, to compare a new key with it byte by byte. */
  private readonly keyStarts = new Int32Array(KEY_SLOTS);
  private readonly keyLengths = new Int32Array(KEY_SLOTS).fill(-1);

  constructor(
    private readonly bytes: Buffer,
    private readonly exact: boolean,
  ) {}

  document(): unknown {
    const value = this.value(0);
    if (this.skipSpace() !== END) throw this.unexpected("the end of the file after the JSON value");
    return value;
  }

  private at(i: number): number {
    return this.bytes[i] ?? END;
  }

  private value(depth: number): unknown {
    const c = this.skipSpace();
    if (c === OPEN_BRACE) return this.object(depth + 1);
    if (c === OPEN_BRACKET) return this.array(depth + 1);
    return this.scalar(c);
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nested more than ${MAX_DEPTH} levels deep`, this.pos);
    this.pos++;
    const object: Record<string, unknown> = {};
    if (this.skipSpace() === CLOSE_BRACE) {
      this.pos++;
      return object;
    }
    for (;;) {
      const key = this.key(object);
      let value: unknown;
      try {
        value = this.value(depth);
      } catch (e) {
        throw within(e, key);
      }
      object[key] = value;
      const c = this.skipSpace();
      if (c === COMMA) {
        this.pos++;
        this.skipSpace();
      } else if (c === CLOSE_BRACE) {
        this.pos++;
        return object;
      } else {
        throw this.unexpected('"," or "}" after a value in an object');
      }
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nested more than ${MAX_DEPTH} levels deep`, this.pos);
    this.pos++;
    const array: unknown[] = [];
    if (this.skipSpace() === CLOSE_BRACKET) {
      this.pos++;
      return array;
    }
    for (;;) {
      try {
        array.push(this.value(depth));
      } catch (e) {
        throw within(e, array.length);
      }
      const c = this.skipSpace();
      if (c === COMMA) {
        this.pos++;
      } else if (c === CLOSE_BRACKET) {
        this.pos++;
        return array;
      } else {
        throw this.unexpected('"," or "]" after an array element');
      }
    }
  }

  /** A key and its colon; the position is at the opening quote. */
  private key(object: Record<string, unknown>): string {
    const at = this.pos;
    if (this.at(at) !== QUOTE) throw this.unexpected("a key in double quotes");
    let key: string | undefined;
    let hash = 0;
    let i = at + 1;
    for (;;) {
      const c = this.at(i);
      if (c === QUOTE) {
        key = this.knownKey(hash, at + 1, i);
        this.pos = i + 1;
        break;
      }
      if (c === BACKSLASH || c < SPACE) {
        key = this.string();
        break;
      }
      hash = (hash * 31 + c) | 0;
      i++;
    }
    if (Object.prototype.hasOwnProperty.call(object, key)) {
      throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, at, "each key once: a second entry would silently replace the first");
    }
    // Assigned, it would set the object's prototype; kept as an own key, zod's records skip it. Either way an entry would vanish without a word.
    if (key === "__proto__") throw new JsonSyntaxError('the key "__proto__" is not taken', at, "another key: JavaScript gives this one a meaning of its own");
    if (this.skipSpace() !== COLON) throw this.unexpected('":" after a key');
    this.pos++;
    return key;
  }

  /**
   * The key in bytes[start, end) as the string last read for it, when there is one: a
   * data file repeats the same few keys (`label`, `values`, its periods) a million times,
   * and one string is less to decode, collect and look up than a million copies.
   */
  private knownKey(hash: number, start: number, end: number): string {
    const slot = hash & (KEY_SLOTS - 1);
    const length = end - start;
    if (this.keyLengths[slot] === length) {
      const bytes = this.bytes;
      const from = this.keyStarts[slot]!;
      let j = 0;
      while (j < length && bytes[from + j] === bytes[start + j]) j++;
      if (j === length) return this.keys[slot]!;
    }
    const key = this.bytes.toString("utf8", start, end);
    this.keys[slot] = key;
    this.keyStarts[slot] = start;
    this.keyLengths[slot] = length;
    return key;
  }

  private scalar(c: number): unknown {
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.number();
    for (const [word, value] of LITERALS) {
      let j = 0;
      while (j < word.length && this.at(this.pos + j) === word[j]) j++;
      if (j === word.length) {
        this.pos += j;
        return value;
      }
    }
    throw this.unexpected("a value");
  }

  /** Position at the opening quote. */
  private string(): string {
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const c = this.at(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return this.bytes.toString("utf8", start, i);
      }
      // Also true at the end of the bytes, where `at` gives END.
      if (c === BACKSLASH || c < SPACE || c === LEAD_EF) break;
      i++;
    }
    return this.escapedString(start, i);
  }

  /** The code unit four hex digits at `at` stand for (after a `\u`). */
  private hex4(at: number): number {
    const hex = this.bytes.toString("latin1", at, at + 4);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new JsonSyntaxError("expected four hex digits after \\u", at - 2);
    return parseInt(hex, 16);
  }

  /** The rest of a string from its first escape (or from a byte that cannot be in one). */
  private escapedString(start: number, from: number): string {
    const bytes = this.bytes;
    let out = bytes.toString("utf8", start, from);
    let i = from;
    for (;;) {
      const c = this.at(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out;
      }
      if (c === BACKSLASH) {
        const e = this.at(i + 1);
        if (e === LOWER_U) {
          const unit = this.hex4(i + 2);
          if (unit >= 0xd800 && unit <= 0xdbff) {
            // A high surrogate is a character only with the low one that follows it.
            const low = this.at(i + 6) === BACKSLASH && this.at(i + 7) === LOWER_U ? this.hex4(i + 8) : -1;
            if (low < 0xdc00 || low > 0xdfff) throw unwritable(unit, i);
            out += String.fromCharCode(unit, low);
            i += 12;
            continue;
          }
          if (!isXmlChar(unit) || (unit >= 0xdc00 && unit <= 0xdfff)) throw unwritable(unit, i);
          out += String.fromCharCode(unit);
          i += 6;
        } else {
          const escaped = e === END ? undefined : ESCAPES[String.fromCharCode(e)];
          if (escaped === undefined) {
            throw new JsonSyntaxError(e === END ? "the file ends inside a string" : `"\\${this.charAt(i + 1)}" is not an escape JSON knows`, i);
          }
          if (!isXmlChar(escaped.charCodeAt(0))) throw unwritable(escaped.charCodeAt(0), i);
          out += escaped;
          i += 2;
        }
        continue;
      }
      if (c === END) throw new JsonSyntaxError("the file ends inside a string", i);
      if (c < SPACE) throw new JsonSyntaxError("a control character inside a string (write it as an escape such as \\n)", i);
      if (c === LEAD_EF) {
        const b1 = this.at(i + 1);
        const b2 = this.at(i + 2);
        // Copied whole, so that a character is never cut between two pieces of text.
        const whole = b1 >= 0x80 && b1 <= 0xbf && b2 >= 0x80 && b2 <= 0xbf;
        if (whole && b1 === 0xbf && (b2 === 0xbe || b2 === 0xbf)) throw unwritable(b2 === 0xbe ? 0xfffe : 0xffff, i);
        const length = whole ? 3 : 1;
        out += bytes.toString("utf8", i, i + length);
        i += length;
        continue;
      }
      let end = i + 1;
      for (let d = this.at(end); d !== QUOTE && d !== BACKSLASH && d >= SPACE && d !== LEAD_EF; d = this.at(++end));
      out += bytes.toString("utf8", i, end);
      i = end;
    }
  }

  /** Position at the minus sign or first digit. */
  private number(): number | NumberText {
    const start = this.pos;
    let i = start;
    let c = this.at(i);
    const negative = c === MINUS;
    if (negative) c = this.at(++i);
    const first = i;
    // Exact while it has at most 15 digits: every partial value stays below 2^53.
    let integer = 0;
    if (c === ZERO) {
      c = this.at(++i);
      if (c >= ZERO && c <= NINE) throw new JsonSyntaxError("a number cannot have a leading zero", i);
    } else if (c >= ONE && c <= NINE) {
      do {
        integer = integer * 10 + (c - ZERO);
        c = this.at(++i);
      } while (c >= ZERO && c <= NINE);
    } else {
      throw new JsonSyntaxError(`expected a digit after "-"`, i);
    }
    const digits = i - first;
    let plain = true;
    if (c === DOT) {
      plain = false;
      c = this.at(++i);
      if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError("expected a digit after the decimal point", i);
      do {
        c = this.at(++i);
      } while (c >= ZERO && c <= NINE);
    }
    if (c === LOWER_E || c === UPPER_E) {
      plain = false;
      c = this.at(++i);
      if (c === PLUS || c === MINUS) c = this.at(++i);
      if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError("expected a digit in the exponent", i);
      do {
        c = this.at(++i);
      } while (c >= ZERO && c <= NINE);
    }
    this.pos = i;
    // -0 keeps its text: as a JS number it would read back as 0, and the schema must see it to reject it.
    if (plain && digits <= MAX_SIGNIFICANT_DIGITS && !(negative && integer === 0)) return negative ? -integer : integer;
    const written = this.bytes.toString("latin1", start, i);
    return this.exact ? new NumberText(written) : Number(written);
  }

  /** The next byte that is not whitespace (END at the end), leaving the position on it. */
  private skipSpace(): number {
    let i = this.pos;
    let c = this.at(i);
    if (c > SPACE) return c;
    while (c === SPACE || c === LF || c === CR || c === TAB) c = this.at(++i);
    this.pos = i;
    return c;
  }

  /** The character that starts at a byte offset, for messages. */
  private charAt(offset: number): string {
    const c = this.bytes.toString("utf8", offset, offset + 4).codePointAt(0);
    return c === undefined ? "" : String.fromCodePoint(c);
  }

  private unexpected(expected: string): JsonSyntaxError {
    return new JsonSyntaxError(`expected ${expected}, ${this.at(this.pos) === END ? "but the file ends" : `found ${shown(this.charAt(this.pos))}`}`, this.pos);
  }
}

/** A character as a message shows it: quoted when it can be seen, by its code point when it cannot. */
function shown(char: string): string {
  if (char === "\uFEFF") return "U+FEFF, a byte-order mark (save the file as UTF-8 without one)";
  return /^[\x21-\x7e]$/.test(char) ? JSON.stringify(char) : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function utf8(json: string | Buffer): Buffer {
  return typeof json === "string" ? Buffer.from(json, "utf8") : json;
}

/** Parses JSON (text, or its UTF-8 bytes); throws JsonSyntaxError, with the offset of the problem. */
export function parseJson(json: string | Buffer, numbers: Numbers = "exact"): unknown {
  return new Reader(utf8(json), numbers === "exact").document();
}

/** Line and column (1-based, counted in characters) of a byte offset, for messages a person can follow. */
function lineColumn(bytes: Buffer, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(LF); i !== -1 && i < offset; i = bytes.indexOf(LF, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${bytes.toString("utf8", lineStart, offset).length + 1}`;
}

/**
 * Reads a JSON file without letting any number become a double that was not exactly
 * written (see Numbers). A key given twice in one object, or `__proto__`, is an error.
 */
export function readJson(file: string, ErrorType: ErrorClass = DataError, numbers: Numbers = "exact"): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ErrorType(code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(e)})`, { file });
  }
  if (bytes.every((b) => b === SPACE || b === LF || b === CR || b === TAB)) throw new ErrorType("the file is empty", { file, hint: "a JSON object" });
  try {
    return parseJson(bytes, numbers);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    if (e.hint !== undefined) throw new ErrorType(`${e.message} (${lineColumn(bytes, e.offset)})`, { file, path: e.path ? jsonPath(e.path) : undefined, hint: e.hint });
    throw new ErrorType(`malformed JSON: ${e.message} (${lineColumn(bytes, e.offset)})`, { file, hint: "valid JSON" });
  }
}

import { readFileSync } from "node:fs";
import { DataError, type InputError } from "../errors.js";
import { MAX_SIGNIFICANT_DIGITS, NumberText } from "./number.js";

type ErrorClass = new (message: string, where: { file?: string; path?: string; hint?: string }) => InputError;

/**
 * How numbers arrive. `exact`: an integer written with at most 15 digits (which a
 * double holds exactly) as a JS number, any other as its text in a NumberText, for the
 * schema to check and turn into a decimal. `double`: JS numbers, for files whose
 * numbers are layout (indents, tolerances), never figures.
 */
export type Numbers = "exact" | "double";

/** A JSON text that breaks the grammar or repeats a key, at a character offset. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Set when the text is valid JSON but names this key twice in one object. */
    readonly duplicateKey?: string,
  ) {
    super(message);
  }
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
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
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

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
 */
class Reader {
  private pos = 0;
  private readonly keys: string[] = new Array<string>(KEY_SLOTS).fill("");

  constructor(
    private readonly text: string,
    private readonly exact: boolean,
  ) {}

  document(): unknown {
    const value = this.value(0);
    if (!Number.isNaN(this.skipSpace())) throw this.unexpected("the end of the file after the JSON value");
    return value;
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
      const value = this.value(depth);
      // As JSON.parse does, an own property: assigning to __proto__ would set the prototype instead.
      if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
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
      array.push(this.value(depth));
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
    const text = this.text;
    const at = this.pos;
    if (text.charCodeAt(at) !== QUOTE) throw this.unexpected("a key in double quotes");
    let key: string | undefined;
    let hash = 0;
    let i = at + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        key = this.knownKey(hash, at + 1, i);
        this.pos = i + 1;
        break;
      }
      if (c === BACKSLASH || !(c >= SPACE)) {
        key = this.string();
        break;
      }
      hash = (hash * 31 + c) | 0;
      i++;
    }
    if (Object.prototype.hasOwnProperty.call(object, key)) {
      throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, at, key);
    }
    if (this.skipSpace() !== COLON) throw this.unexpected('":" after a key');
    this.pos++;
    return key;
  }

  /**
   * The key text[start, end) as the string last read for it, when there is one: a data
   * file repeats the same few keys (`label`, `values`, its periods) a million times, and
   * one string is less to allocate, collect and look up than a million copies.
   */
  private knownKey(hash: number, start: number, end: number): string {
    const slot = hash & (KEY_SLOTS - 1);
    const known = this.keys[slot]!;
    if (known.length === end - start && this.text.startsWith(known, start)) return known;
    const key = this.text.slice(start, end);
    this.keys[slot] = key;
    return key;
  }

  private scalar(c: number): unknown {
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.number();
    if (this.literal("true")) return true;
    if (this.literal("false")) return false;
    if (this.literal("null")) return null;
    throw this.unexpected("a value");
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  /** Position at the opening quote. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      // `!(c >= SPACE)` is also true at the end of the text, where charCodeAt gives NaN.
      if (c === BACKSLASH || !(c >= SPACE)) break;
      i++;
    }
    return this.escapedString(start, i);
  }

  /** The rest of a string from its first escape (or from a character that cannot be in one). */
  private escapedString(start: number, from: number): string {
    const text = this.text;
    let out = text.slice(start, from);
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out;
      }
      if (c === BACKSLASH) {
        const e = text.charAt(i + 1);
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new JsonSyntaxError("expected four hex digits after \\u", i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const escaped = ESCAPES[e];
          if (escaped === undefined) {
            throw new JsonSyntaxError(e === "" ? "the file ends inside a string" : `"\\${e}" is not an escape JSON knows`, i);
          }
          out += escaped;
          i += 2;
        }
        continue;
      }
      if (Number.isNaN(c)) throw new JsonSyntaxError("the file ends inside a string", i);
      if (c < SPACE) throw new JsonSyntaxError("a control character inside a string (write it as an escape such as \\n)", i);
      let end = i + 1;
      for (let d = text.charCodeAt(end); d !== QUOTE && d !== BACKSLASH && d >= SPACE; d = text.charCodeAt(++end));
      out += text.slice(i, end);
      i = end;
    }
  }

  /** Position at the minus sign or first digit. */
  private number(): number | NumberText {
    const text = this.text;
    const start = this.pos;
    let i = start;
    let c = text.charCodeAt(i);
    const negative = c === MINUS;
    if (negative) c = text.charCodeAt(++i);
    const first = i;
    // Exact while it has at most 15 digits: every partial value stays below 2^53.
    let integer = 0;
    if (c === ZERO) {
      c = text.charCodeAt(++i);
      if (c >= ZERO && c <= NINE) throw new JsonSyntaxError("a number cannot have a leading zero", i);
    } else if (c >= ONE && c <= NINE) {
      do {
        integer = integer * 10 + (c - ZERO);
        c = text.charCodeAt(++i);
      } while (c >= ZERO && c <= NINE);
    } else {
      throw new JsonSyntaxError(`expected a digit after "-"`, i);
    }
    const digits = i - first;
    let plain = true;
    if (c === DOT) {
      plain = false;
      c = text.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError("expected a digit after the decimal point", i);
      do {
        c = text.charCodeAt(++i);
      } while (c >= ZERO && c <= NINE);
    }
    if (c === LOWER_E || c === UPPER_E) {
      plain = false;
      c = text.charCodeAt(++i);
      if (c === PLUS || c === MINUS) c = text.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) throw new JsonSyntaxError("expected a digit in the exponent", i);
      do {
        c = text.charCodeAt(++i);
      } while (c >= ZERO && c <= NINE);
    }
    this.pos = i;
    // -0 keeps its text: as a JS number it would read back as 0, and the schema must see it to reject it.
    if (plain && digits <= MAX_SIGNIFICANT_DIGITS && !(negative && integer === 0)) return negative ? -integer : integer;
    const written = text.slice(start, i);
    return this.exact ? new NumberText(written) : Number(written);
  }

  /** The next character that is not whitespace (NaN at the end), leaving the position on it. */
  private skipSpace(): number {
    const text = this.text;
    let i = this.pos;
    let c = text.charCodeAt(i);
    if (c > SPACE) return c;
    while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
    this.pos = i;
    return c;
  }

  private unexpected(expected: string): JsonSyntaxError {
    const c = this.text.codePointAt(this.pos);
    const found = c === undefined ? "but the file ends" : `found ${JSON.stringify(String.fromCodePoint(c))}`;
    return new JsonSyntaxError(`expected ${expected}, ${found}`, this.pos);
  }
}

/** Parses JSON text; throws JsonSyntaxError, with the offset of the problem. */
export function parseJson(text: string, numbers: Numbers = "exact"): unknown {
  return new Reader(text, numbers === "exact").document();
}

/** Line and column (1-based) of a character offset, for messages a person can follow. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Reads a JSON file without letting any number become a double that was not exactly
 * written (see Numbers). Duplicate keys are an error.
 */
export function readJson(file: string, ErrorType: ErrorClass = DataError, numbers: Numbers = "exact"): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ErrorType(code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(e)})`, { file });
  }
  if (!/\S/.test(text)) throw new ErrorType("the file is empty", { file, hint: "a JSON object" });
  try {
    return parseJson(text, numbers);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    if (e.duplicateKey !== undefined) {
      throw new ErrorType(`${e.message} (${lineColumn(text, e.offset)})`, {
        file,
        hint: "each key once: a second entry would silently replace the first",
      });
    }
    throw new ErrorType(`malformed JSON: ${e.message} (${lineColumn(text, e.offset)})`, { file, hint: "valid JSON" });
  }
}

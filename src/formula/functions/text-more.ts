import { jsNumber, type Num } from "../arithmetic.js";
import { isError, toText, VALUE, type ExcelError, type Value } from "../values.js";
import { isRange, type Cells, type FunctionSpec, type Operand } from "./spec.js";
import { wildcardSource } from "./criteria.js";

/** Each text of the arguments, ranges read cell by cell (blanks as ""), or the first error. */
function textsOf(args: Operand[], cells: Cells, visit: (s: string, blank: boolean) => void): ExcelError | undefined {
  for (const arg of args) {
    if (isRange(arg)) {
      let error: ExcelError | undefined;
      for (let sheet = arg.sheet; sheet <= (arg.sheetEnd ?? arg.sheet); sheet++) {
        const { rows, cols } = cells.extent(sheet);
        // Excel joins row by row.
        for (let r = arg.r1; r <= Math.min(arg.r2, rows) && !error; r++)
          for (let c = arg.c1; c <= Math.min(arg.c2, cols) && !error; c++) {
            const v = cells.at(sheet, r, c);
            const t = toText(v);
            if (isError(t)) error = t;
            else visit(t, v === null);
          }
      }
      if (error) return error;
      continue;
    }
    const t = toText(arg as Value);
    if (isError(t)) return t;
    visit(t, arg === null);
  }
  return undefined;
}

/** Excel's TRIM: spaces (U+0020) only; leading and trailing removed, inner runs to one. */
const trim = (s: string): string => s.replace(/ +/g, " ").replace(/^ | $/g, "");

/** Excel's PROPER: a letter after a non-letter is upper-cased, other letters lower-cased. */
function proper(s: string): string {
  let out = "";
  let afterLetter = false;
  for (const ch of s) {
    const letter = ch.toLowerCase() !== ch.toUpperCase();
    out += letter ? (afterLetter ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    afterLetter = letter;
  }
  return out;
}

/** SEARCH's pattern: the criteria's wildcards, found anywhere (the leftmost match starts where a lazy one would). */
const wildcard = (pattern: string): RegExp => new RegExp(wildcardSource(pattern), "iu");

function finder(name: string, find: (needle: string, hay: string) => number): FunctionSpec {
  return {
    name,
    min: 2,
    max: 3,
    args: ["text", "text", "number"],
    call: ([needle, hay, start]: [string, string, Num | undefined]) => {
      const from = start === undefined ? 1 : Math.trunc(jsNumber(start));
      const chars = [...hay];
      if (from < 1 || from > chars.length + (needle === "" ? 1 : 0)) return VALUE;
      if (needle === "") return from;
      const at = find(needle, chars.slice(from - 1).join(""));
      return at < 0 ? VALUE : from + [...chars.slice(from - 1).join("").slice(0, at)].length;
    },
  };
}

export const TEXT_MORE: FunctionSpec[] = [
  { name: "UPPER", min: 1, max: 1, args: ["text"], call: ([s]: string[]) => s!.toUpperCase() },
  { name: "LOWER", min: 1, max: 1, args: ["text"], call: ([s]: string[]) => s!.toLowerCase() },
  { name: "PROPER", min: 1, max: 1, args: ["text"], call: ([s]: string[]) => proper(s!) },
  { name: "TRIM", min: 1, max: 1, args: ["text"], call: ([s]: string[]) => trim(s!) },
  { name: "EXACT", min: 2, max: 2, args: ["text", "text"], call: ([a, b]: string[]) => a === b },
  {
    name: "REPT",
    min: 2,
    max: 2,
    args: ["text", "number"],
    call: ([s, n]: [string, Num]) => {
      const k = Math.trunc(jsNumber(n));
      // Excel's cell text limit is 32,767 characters.
      return k < 0 || s.length * k > 32767 ? VALUE : s.repeat(k);
    },
  },
  {
    name: "CHAR",
    min: 1,
    max: 1,
    args: ["number"],
    // Windows-1252 above 127 is not modelled: only the ASCII range is certain.
    call: ([n]: Num[]) => {
      const k = Math.trunc(jsNumber(n!));
      return k < 1 || k > 127 ? VALUE : String.fromCharCode(k);
    },
  },
  {
    name: "CODE",
    min: 1,
    max: 1,
    args: ["text"],
    call: ([s]: string[]) => {
      const k = s!.codePointAt(0);
      return k === undefined || k > 127 ? VALUE : k;
    },
  },
  {
    name: "SUBSTITUTE",
    min: 3,
    max: 4,
    args: ["text", "text", "text", "number"],
    call: ([s, old, rep, nth]: [string, string, string, Num | undefined]) => {
      if (old === "") return s;
      if (nth === undefined) return s.split(old).join(rep);
      const k = Math.trunc(jsNumber(nth));
      if (k < 1) return VALUE;
      let at = -1;
      for (let i = 0; i < k; i++) {
        at = s.indexOf(old, at + 1);
        if (at < 0) return s;
      }
      return s.slice(0, at) + rep + s.slice(at + old.length);
    },
  },
  {
    name: "REPLACE",
    min: 4,
    max: 4,
    args: ["text", "number", "number", "text"],
    call: ([s, start, n, rep]: [string, Num, Num, string]) => {
      const from = Math.trunc(jsNumber(start));
      const k = Math.trunc(jsNumber(n));
      if (from < 1 || k < 0) return VALUE;
      const chars = [...s];
      return chars.slice(0, from - 1).join("") + rep + chars.slice(from - 1 + k).join("");
    },
  },
  finder("FIND", (needle, hay) => hay.indexOf(needle)),
  finder("SEARCH", (needle, hay) => hay.search(wildcard(needle))),
  {
    name: "CONCAT",
    min: 1,
    max: 255,
    args: ["ref"],
    spans: true,
    call: (args: Operand[], cells) => {
      let out = "";
      return textsOf(args, cells, (s) => (out += s)) ?? (out.length > 32767 ? VALUE : out);
    },
  },
  {
    name: "TEXTJOIN",
    min: 3,
    max: 255,
    args: ["text", "boolean", "ref"],
    spans: true,
    call: ([sep, skipEmpty, ...args]: [string, boolean, ...Operand[]], cells) => {
      const parts: string[] = [];
      const error = textsOf(args, cells, (s) => {
        if (!(skipEmpty && s === "")) parts.push(s);
      });
      if (error) return error;
      const out = parts.join(sep);
      return out.length > 32767 ? VALUE : out;
    },
  },
];

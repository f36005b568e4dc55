import { jsNumber, type Num } from "../arithmetic.js";
import { isError, VALUE, type Value } from "../values.js";
import { formatNumber } from "./number-format.js";
import type { FunctionSpec } from "./spec.js";

function count(n: Num | undefined, fallback: number): number | undefined {
  if (n === undefined) return fallback;
  const k = Math.trunc(jsNumber(n));
  return k < 0 ? undefined : k;
}

export const TEXT: FunctionSpec[] = [
  {
    name: "TEXT",
    min: 2,
    max: 2,
    args: ["any", "text"],
    call: ([v, format]: [Value, string], cells) => {
      const ar = cells.arithmetic;
      const date1904 = cells.date1904;
      if (typeof v === "string") {
        const n = Number(v);
        return v.trim() !== "" && Number.isFinite(n) ? formatNumber(ar.decimal(ar.parse(v.trim())), format, date1904) : v;
      }
      if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
      if (v === null) return formatNumber(ar.decimal(0), format, date1904);
      return isError(v) ? v : formatNumber(ar.decimal(v), format, date1904);
    },
  },
  // The link is for the application; the value is what the cell shows.
  { name: "HYPERLINK", min: 1, max: 2, args: ["text", "any"], call: ([link, shown]: [string, Value | undefined]) => (shown === undefined ? link : shown) },
  { name: "CONCATENATE", min: 1, max: 255, args: ["text"], call: (parts: string[]) => parts.join("") },
  { name: "LEN", min: 1, max: 1, args: ["text"], call: ([s]: string[]) => [...s!].length },
  {
    name: "LEFT",
    min: 1,
    max: 2,
    args: ["text", "number"],
    call: ([s, n]: [string, Num | undefined]) => {
      const k = count(n, 1);
      return k === undefined ? VALUE : [...s].slice(0, k).join("");
    },
  },
  {
    name: "RIGHT",
    min: 1,
    max: 2,
    args: ["text", "number"],
    call: ([s, n]: [string, Num | undefined]) => {
      const k = count(n, 1);
      if (k === undefined) return VALUE;
      const chars = [...s];
      return k === 0 ? "" : chars.slice(Math.max(0, chars.length - k)).join("");
    },
  },
  {
    name: "MID",
    min: 3,
    max: 3,
    args: ["text", "number", "number"],
    call: ([s, start, n]: [string, Num, Num]) => {
      const from = Math.trunc(jsNumber(start));
      const k = count(n, 0);
      if (from < 1 || k === undefined) return VALUE;
      return [...s].slice(from - 1, from - 1 + k).join("");
    },
  },
];

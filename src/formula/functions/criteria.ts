import type { Arithmetic } from "../arithmetic.js";
import { compare, isError, isNumber, toNum, type Value } from "../values.js";

/** `*` any run, `?` one character, `~` escapes: an Excel wildcard pattern as a RegExp's source, unanchored (SEARCH finds it anywhere). */
export function wildcardSource(pattern: string): string {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "~" && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return re;
}

/** A criterion's wildcard pattern, matching the whole text. */
export const wildcard = (pattern: string): RegExp => new RegExp(`^${wildcardSource(pattern)}$`, "i");

/**
 * The test SUMIF, COUNTIF and SUMIFS apply to each cell: `5`, `">=5"`, `"<>"`,
 * `"east*"`. Numbers match numbers, text matches text (case-insensitively, with
 * wildcards), `""` matches blanks, `"<>"` matches anything not blank.
 */
export function criterion(c: Value, ar: Arithmetic): (v: Value) => boolean {
  if (c === null) return (v) => v === null || v === "";
  if (isError(c)) return (v) => isError(v) && v.code === c.code;
  if (typeof c === "boolean") return (v) => v === c;
  if (isNumber(c)) return (v) => isNumber(v) && ar.compare(v, c) === 0;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? "=";
  const operand = m[2]!;
  const asNumber = operand.trim() !== "" ? toNum(operand, ar) : undefined;
  if (asNumber !== undefined && !isError(asNumber)) {
    const n = asNumber;
    return (v) => {
      if (!isNumber(v)) return op === "<>";
      const k = ar.compare(v, n);
      return op === "=" ? k === 0 : op === "<>" ? k !== 0 : op === "<" ? k < 0 : op === "<=" ? k <= 0 : op === ">" ? k > 0 : k >= 0;
    };
  }
  if (operand === "") return op === "<>" ? (v) => v !== null && v !== "" : (v) => v === null || v === "";
  if (op === "=" || op === "<>") {
    const re = wildcard(operand);
    const matches = (v: Value): boolean => typeof v === "string" && re.test(v);
    return op === "=" ? matches : (v) => !matches(v);
  }
  return (v) => {
    if (typeof v !== "string") return false;
    const k = compare(v, operand, ar);
    if (isError(k)) return false;
    return op === "<" ? k < 0 : op === "<=" ? k <= 0 : op === ">" ? k > 0 : k >= 0;
  };
}

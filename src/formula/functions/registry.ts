import { DATE } from "./date.js";
import { INFO } from "./info.js";
import { LOGICAL } from "./logical.js";
import { LOOKUP } from "./lookup.js";
import { MATH } from "./math.js";
import { MATH_ELEMENTARY } from "./math-elementary.js";
import { MATH_ROUNDING } from "./math-rounding.js";
import { REFERENCE } from "./reference.js";
import { STATISTICAL } from "./statistical.js";
import { TEXT } from "./text.js";
import { TEXT_MORE } from "./text-more.js";
import { bareName } from "./prefix.js";
import type { FunctionSpec } from "./spec.js";

const FUNCTIONS = new Map<string, FunctionSpec>([...MATH, ...MATH_ROUNDING, ...MATH_ELEMENTARY, ...STATISTICAL, ...LOGICAL, ...INFO, ...LOOKUP, ...REFERENCE, ...TEXT, ...TEXT_MORE, ...DATE].map((f) => [f.name, f]));

/** A function by name, as written in a template or a file: `IFNA`, `ifna`, `_xlfn.IFNA` (see prefix.ts). */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(bareName(name));
}

export function supportedFunctions(): string[] {
  return [...FUNCTIONS.keys()].sort();
}

/** Why a call has the wrong number of arguments, or undefined when it is right. */
export function arityProblem(spec: FunctionSpec, given: number): string | undefined {
  const group = spec.repeat ?? 1;
  const start = spec.args.length - group;
  const whole = group <= 1 || given <= start || (given - start) % group === 0;
  if (given >= spec.min && given <= spec.max && whole) return undefined;
  if (given >= spec.min && given <= spec.max) return `${spec.name} takes ${start ? `${start} argument${start === 1 ? "" : "s"} and then ` : ""}groups of ${group}, not ${given}`;
  const count = spec.min === spec.max ? `${spec.min}` : spec.max >= 255 ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
  return `${spec.name} takes ${count} argument${count.endsWith(" 1") || count === "1" ? "" : "s"}, not ${given}`;
}

const VOLATILE = [...FUNCTIONS.values()].filter((f) => f.volatile).map((f) => f.name.replace(/\./g, "\\."));
const CALLS_VOLATILE = new RegExp(`(?<![A-Za-z0-9_.])(?:_xlfn\\.)?(?:${VOLATILE.join("|")})\\s*\\(`, "i");

/**
 * Whether a formula calls a volatile function (RAND, TODAY…): its cached value is what
 * Excel drew or read at its last calculation, which no recomputation can confirm.
 */
export function callsVolatile(formula: string): boolean {
  return VOLATILE.length > 0 && CALLS_VOLATILE.test(formula.replace(/"(?:[^"]|"")*"/g, '""'));
}

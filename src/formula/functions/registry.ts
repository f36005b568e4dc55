import { DATE } from "./date.js";
import { INFO } from "./info.js";
import { LOGICAL } from "./logical.js";
import { LOOKUP } from "./lookup.js";
import { MATH } from "./math.js";
import { STATISTICAL } from "./statistical.js";
import { TEXT } from "./text.js";
import { TEXT_MORE } from "./text-more.js";
import { bareName } from "./prefix.js";
import type { FunctionSpec } from "./spec.js";

const FUNCTIONS = new Map<string, FunctionSpec>([...MATH, ...STATISTICAL, ...LOGICAL, ...INFO, ...LOOKUP, ...TEXT, ...TEXT_MORE, ...DATE].map((f) => [f.name, f]));

/** A function by name, as written in a template or a file: `IFNA`, `ifna`, `_xlfn.IFNA` (see prefix.ts). */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(bareName(name));
}

export function supportedFunctions(): string[] {
  return [...FUNCTIONS.keys()].sort();
}

/** Why a call has the wrong number of arguments, or undefined when it is right. */
export function arityProblem(spec: FunctionSpec, given: number): string | undefined {
  if (given >= spec.min && given <= spec.max) return undefined;
  const count = spec.min === spec.max ? `${spec.min}` : spec.max >= 255 ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
  return `${spec.name} takes ${count} argument${count.endsWith(" 1") || count === "1" ? "" : "s"}, not ${given}`;
}

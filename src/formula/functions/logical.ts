import { isError, toBoolean, VALUE as ERROR_VALUE, type Value } from "../values.js";
import { booleansOf, single, type FunctionSpec, type Operand } from "./spec.js";

type Thunk = () => Operand;

/** AND and OR: booleans from references and values alike; nothing to combine is #VALUE!. */
function connective(name: string, combine: (xs: boolean[]) => boolean): FunctionSpec {
  return {
    name,
    min: 1,
    max: 255,
    args: ["ref"],
    call: (args: Operand[], cells): Value => {
      const xs = booleansOf(args, cells);
      return isError(xs) ? xs : xs.length === 0 ? ERROR_VALUE : combine(xs);
    },
  };
}

export const LOGICAL: FunctionSpec[] = [
  {
    name: "IF",
    // Excel refuses IF with the test alone; IF(test,) gives 0 when true, IF(test, x) FALSE when false.
    min: 2,
    max: 3,
    args: ["lazy"],
    call: ([test, then, otherwise]: Thunk[], cells) => {
      const condition = toBoolean(single(test!(), cells));
      if (isError(condition)) return condition;
      if (condition) return single(then!(), cells);
      return otherwise ? single(otherwise(), cells) : false;
    },
  },
  {
    name: "IFERROR",
    min: 2,
    max: 2,
    args: ["lazy"],
    call: ([value, fallback]: Thunk[], cells) => {
      const v = single(value!(), cells);
      return isError(v) ? single(fallback!(), cells) : v;
    },
  },
  {
    name: "IFNA",
    min: 2,
    max: 2,
    args: ["lazy"],
    call: ([value, fallback]: Thunk[], cells) => {
      const v = single(value!(), cells);
      return isError(v) && v.code === "#N/A" ? single(fallback!(), cells) : v;
    },
  },
  connective("AND", (xs) => xs.every(Boolean)),
  connective("OR", (xs) => xs.some(Boolean)),
  { name: "NOT", min: 1, max: 1, args: ["boolean"], call: ([x]: boolean[]) => !x },
  // The constants as functions: LibreOffice writes TRUE() and FALSE() for them.
  { name: "TRUE", min: 0, max: 0, args: [], call: () => true },
  { name: "FALSE", min: 0, max: 0, args: [], call: () => false },
];


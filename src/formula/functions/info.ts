import { isError, isNumber, NA, type Value } from "../values.js";
import { single, type FunctionSpec, type Operand } from "./spec.js";

export const INFO: FunctionSpec[] = [
  { name: "ISERROR", min: 1, max: 1, args: ["raw"], call: ([v]: Value[]) => isError(v) },
  { name: "ISNA", min: 1, max: 1, args: ["raw"], call: ([v]: Value[]) => v === NA },
  { name: "ISNUMBER", min: 1, max: 1, args: ["raw"], call: ([v]: Value[]) => isNumber(v) },
  { name: "ISTEXT", min: 1, max: 1, args: ["raw"], call: ([v]: Value[]) => typeof v === "string" },
  // A blank cell only: empty text and 0 are not blank.
  { name: "NA", min: 0, max: 0, args: [], call: () => NA },
  { name: "ISBLANK", min: 1, max: 1, args: ["ref"], call: ([x]: Operand[], cells) => single(x!, cells) === null },
];

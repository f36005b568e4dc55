/**
 * The formula stage: Excel formula text ⇄ AST, an evaluator in Excel's arithmetic
 * (and in exact decimals, for verdicts), and the
 * workbook-level engine that evaluates every formula in dependency order.
 */
export type { BinaryOperator, CellPart, Node, ReferenceNode, UnaryOperator } from "./ast.js";
export { columnNumber, parseArea, parseCell, referenceText, sheetPrefix } from "./address.js";
export { lex, type Token } from "./lex.js";
export { parse, PRECEDENCE } from "./parse.js";
export { print } from "./print.js";
export { shiftFormula } from "./shift.js";
export {
  compare,
  Decimal,
  ERROR_CODES,
  ExcelError,
  isError,
  isNumber,
  numberText,
  toBoolean,
  toNum,
  toText,
  type ErrorCode,
  type Value,
} from "./values.js";
export { compile, type Compiled, type EvalCells, type Evaluator } from "./evaluate.js";
export { lookupFunction, supportedFunctions } from "./functions/registry.js";
export { bareName, fileName, FUTURE_FUNCTIONS, withFilePrefixes, withoutFilePrefixes } from "./functions/prefix.js";
export type { ArgKind, Cells, FunctionSpec, Operand, Range } from "./functions/spec.js";
export { FormulaBook } from "./book.js";
export type { Arithmetic, Num } from "./arithmetic.js";
export { EXCEL } from "./excel-doubles.js";
export { EXACT } from "./exact-decimals.js";
export { evaluateModel, type EvaluatedModel } from "./model.js";
export { toStored, type ComputedValues, type StoredValue } from "./stored.js";

/**
 * tieout's public API, stage by stage as the pipeline runs: data → template → model
 * → formula → workbook → verify. The CLI is a thin layer over these.
 */
export * from "./errors.js";
export { loadReportData, type ReportData } from "./data/load.js";
export { loadFiling, type Filing } from "./data/xbrl/filing.js";
export { statementOf, statementRoles, type XbrlStatement, type StatementLine, type LineValue } from "./data/xbrl/statement.js";
export { checkCalculations, describeInconsistency, type CalculationCheck, type CalculationInconsistency, type CalculationMode } from "./data/xbrl/consistency.js";
export { readCsvData, type CsvData } from "./data/csv/statement.js";
export { currencyOf, parseUnit, unit, unitName, unitParts, CURRENCIES, SCALES, type Scale, type Unit, type UnitParts } from "./data/unit.js";
export { bindingProblem, parseRole, role, roleName, type RoleParts } from "./data/role.js";
export { loadTemplate, type Template } from "./template/load.js";
export { buildModel } from "./model/build.js";
export type { Model, ModelCell, ModelSheet, Verdict } from "./model/types.js";
export { evaluateModel, type EvaluatedModel } from "./formula/model.js";
export type { ComputedValues, StoredValue } from "./formula/stored.js";
export { workbookBytes } from "./workbook/write.js";
export { buildManifest, figureOf, manifestFigures, manifestText, type Manifest, type ManifestColumn, type ManifestFigure, type ManifestRow, type ManifestSheet } from "./workbook/manifest.js";
export { writeFileAtomic } from "./workbook/atomic.js";
export { recompute, type Recomputation, type Mismatch, type StoredCell } from "./verify/recompute.js";
export { tally, type Tally, type Failure } from "./verify/verdicts.js";
export { buildReport, type BuildResult } from "./build/build-report.js";

import { FormulaSyntaxError } from "../../errors.js";
import { lex } from "../lex.js";

/**
 * Excel's "future functions": functions newer than the file format of Excel 2007,
 * which the file spells with a prefix (`_xlfn.IFNA(A1,0)`) and Excel shows without
 * it. Written bare, Excel does not know them and shows #NAME?. Every one is listed,
 * not only those tieout evaluates, so that a function added to the library later is
 * written right without anyone remembering to.
 *
 * The list is [MS-XLSX] 2.2.3 "Functions" (learn.microsoft.com/openspecs/office_standards/ms-xlsx,
 * section 5d1b6d44), which is also the list behind Microsoft's support note "Issue: An
 * _xlfn. prefix is displayed in front of a formula"; the dynamic-array operators as
 * Excel stores them (`@` is `_xlfn.SINGLE`, `A1#` is `_xlfn.ANCHORARRAY(A1)`); and the
 * functions Microsoft 365 added since, which Excel saves with `_xlfn.` as well.
 * Three future functions of the list are written without a prefix (ECMA.CEILING,
 * NETWORKDAYS.INTL, WORKDAY.INTL), and three carry the worksheet namespace too
 * (`_xlfn._xlws.FILTER`, `_xlfn._xlws.SORT`, `_xlfn._xlws.PY`).
 */
const XLFN = "_xlfn.";
const XLWS = "_xlfn._xlws.";

const WITH_XLFN = `
  ACOT ACOTH AGGREGATE ARABIC BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV
  BITAND BITLSHIFT BITOR BITRSHIFT BITXOR BYCOL BYROW CEILING.MATH CEILING.PRECISE CHISQ.DIST
  CHISQ.DIST.RT CHISQ.INV CHISQ.INV.RT CHISQ.TEST CHOOSECOLS CHOOSEROWS COMBINA CONCAT
  CONFIDENCE.NORM CONFIDENCE.T COT COTH COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL DROP
  ERF.PRECISE ERFC.PRECISE EXPAND EXPON.DIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FIELDVALUE
  FILTERXML FLOOR.MATH FLOOR.PRECISE FORECAST.ETS FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY
  FORECAST.ETS.STAT FORECAST.LINEAR FORMULATEXT GAMMA GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS
  HSTACK HYPGEOM.DIST IFNA IFS IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH IMSINH IMTAN ISFORMULA
  ISOMITTED ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAKEARRAY MAP MAXIFS MINIFS MODE.MULT
  MODE.SNGL MUNIT NEGBINOM.DIST NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE PDURATION
  PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST
  QUARTILE.EXC QUARTILE.INC QUERYSTRING RANDARRAY RANK.AVG RANK.EQ REDUCE RRI SCAN SEC SECH
  SEQUENCE SHEET SHEETS SKEW.P SORTBY STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV
  T.INV.2T T.TEST TAKE TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT TOCOL TOROW UNICHAR UNICODE
  UNIQUE VALUETOTEXT ARRAYTOTEXT VAR.P VAR.S VSTACK WEBSERVICE WEIBULL.DIST WRAPCOLS WRAPROWS
  XLOOKUP XMATCH XOR Z.TEST
  ANCHORARRAY SINGLE
  ENCODEURL IMAGE STOCKHISTORY REGEXTEST REGEXEXTRACT REGEXREPLACE GROUPBY PIVOTBY PERCENTOF
  TRIMRANGE TRANSLATE DETECTLANGUAGE
`;
const WITH_XLWS = "FILTER SORT PY";
const UNPREFIXED = "ECMA.CEILING NETWORKDAYS.INTL WORKDAY.INTL";

const words = (list: string): string[] => list.trim().split(/\s+/);

/** Each future function (upper case) and the prefix the file gives it. */
export const FUTURE_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ...words(WITH_XLFN).map((name): [string, string] => [name, XLFN]),
  ...words(WITH_XLWS).map((name): [string, string] => [name, XLWS]),
  ...words(UNPREFIXED).map((name): [string, string] => [name, ""]),
]);

/** `_xlfn.`, `_xlfn._xlws.` and `_xlws.`, however cased, at the start of a name as a file may write it. */
const WRITTEN_PREFIX = /^(?:_xlfn\.)?(?:_xlws\.)?/i;

/** A function's name without the prefix the file wrote it with, in upper case: `_xlfn.IFNA` → `IFNA`. */
export function bareName(name: string): string {
  return (name.charCodeAt(0) === UNDERSCORE ? name.replace(WRITTEN_PREFIX, "") : name).toUpperCase();
}

const UNDERSCORE = 0x5f;
const LOWER = /[a-z]/;

/** A function's name as the file must spell it: `IFNA` → `_xlfn.IFNA`; functions of Excel 2007 stay as written. */
export function fileName(name: string): string {
  // Most names are written as the table has them, or are not in it at all: settled without a new string.
  const exact = FUTURE_FUNCTIONS.get(name);
  if (exact !== undefined) return exact + name;
  if (name.charCodeAt(0) !== UNDERSCORE && !LOWER.test(name)) return name;
  const bare = bareName(name);
  const prefix = FUTURE_FUNCTIONS.get(bare);
  return prefix === undefined ? name : prefix + bare;
}

/** Letters, digits, `_`, `.` and `\\`: what a function's name is made of. */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === UNDERSCORE || c === 0x2e || c === 0x5c;
}

/**
 * Whether some name right before a parenthesis would be renamed: a quick look, without
 * the lexer, that settles most formulas (a writer asks it of every formula cell). Text
 * that merely looks like a call makes it say yes; the lexer then finds nothing to do.
 */
function mayRename(formula: string, rename: (name: string) => string): boolean {
  for (let open = formula.indexOf("("); open >= 0; open = formula.indexOf("(", open + 1)) {
    let end = open;
    while (end > 0 && formula.charCodeAt(end - 1) === 0x20) end--;
    let start = end;
    while (start > 0 && isNameChar(formula.charCodeAt(start - 1))) start--;
    if (start === end) continue;
    const name = formula.slice(start, end);
    if (rename(name) !== name) return true;
  }
  return false;
}

/** Rewrites each function name of a formula; text and sheet names that merely look like calls are left alone. */
function renameFunctions(formula: string, rename: (name: string) => string): string {
  if (!mayRename(formula, rename)) return formula;
  let tokens;
  try {
    tokens = lex(formula);
  } catch (e) {
    // A formula the engine cannot read is reported where it is evaluated; here it stays as written.
    if (e instanceof FormulaSyntaxError) return formula;
    throw e;
  }
  const out: string[] = [];
  let at = 0;
  for (const t of tokens) {
    if (t.type !== "function") continue;
    const renamed = rename(t.name);
    if (renamed === t.name) continue;
    out.push(formula.slice(at, t.pos), renamed);
    at = t.pos + t.name.length;
  }
  out.push(formula.slice(at));
  return out.join("");
}

/** Formula text as the file holds it: every future function with its prefix (`IFNA(` → `_xlfn.IFNA(`). */
export function withFilePrefixes(formula: string): string {
  return renameFunctions(formula, fileName);
}

/** Formula text as a file held it, without Excel's prefixes: what tieout shows and evaluates. */
export function withoutFilePrefixes(formula: string): string {
  return renameFunctions(formula, (name) => name.replace(WRITTEN_PREFIX, ""));
}

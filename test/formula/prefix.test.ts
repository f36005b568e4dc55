import { describe, expect, it } from "vitest";
import { bareName, fileName, FUTURE_FUNCTIONS, withFilePrefixes, withoutFilePrefixes } from "../../src/formula/functions/prefix.js";
import { lookupFunction } from "../../src/formula/functions/registry.js";
import { parse } from "../../src/formula/parse.js";
import { evaluate } from "../support/formula.js";

describe("Excel's prefixes on future functions", () => {
  it("a function newer than Excel 2007 is written with _xlfn., as [MS-XLSX] 2.2.3 spells it", () => {
    expect(withFilePrefixes("IFNA(A1,0)")).toBe("_xlfn.IFNA(A1,0)");
    expect(withFilePrefixes("SUM(IFNA(A1,0),XLOOKUP(1,B1:B3,C1:C3),STDEV.S(B1:B3))")).toBe("SUM(_xlfn.IFNA(A1,0),_xlfn.XLOOKUP(1,B1:B3,C1:C3),_xlfn.STDEV.S(B1:B3))");
    expect(withFilePrefixes("ifna(A1, 0)")).toBe("_xlfn.IFNA(A1, 0)");
  });

  it("FILTER, SORT and PY carry the worksheet namespace as well; ECMA.CEILING, NETWORKDAYS.INTL and WORKDAY.INTL none", () => {
    expect(withFilePrefixes("SORT(FILTER(A1:A9,B1:B9>0))")).toBe("_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:A9,B1:B9>0))");
    expect(withFilePrefixes("NETWORKDAYS.INTL(A1,A2)+WORKDAY.INTL(A1,5)+ECMA.CEILING(A1,2)")).toBe("NETWORKDAYS.INTL(A1,A2)+WORKDAY.INTL(A1,5)+ECMA.CEILING(A1,2)");
  });

  it("functions of Excel 2007, text, sheet names and names that look like calls are left as written", () => {
    for (const f of ['SUM(A1:A3)+IFERROR(1/0,2)', '"IFNA(1,2)"&A1', "'IFNA(1)'!A1+1", "IF(A1,\"XLOOKUP(\",'Sheet (IFNA)'!B2)", "A1+B2"]) expect(withFilePrefixes(f)).toBe(f);
    expect(withFilePrefixes('IFNA("IFNA(",\'IFNA(x)\'!A1)')).toBe('_xlfn.IFNA("IFNA(",\'IFNA(x)\'!A1)');
  });

  it("a formula that already has its prefixes keeps them, once", () => {
    expect(withFilePrefixes("_xlfn.IFNA(A1,0)+_xlfn._xlws.SORT(A1:A3)")).toBe("_xlfn.IFNA(A1,0)+_xlfn._xlws.SORT(A1:A3)");
    // A prefix missing its namespace is written as Excel writes it.
    expect(withFilePrefixes("_xlfn.SORT(A1:A3)")).toBe("_xlfn._xlws.SORT(A1:A3)");
  });

  it("reading drops every prefix, _xlfn., _xlfn._xlws. and _xlws., however cased", () => {
    expect(withoutFilePrefixes("_xlfn.IFNA(A1,0)+_xlfn._xlws.SORT(A1:A3)+_XLWS.FILTER(A1:A3,B1:B3)+_Xlfn.STDEV.S(A1:A3)")).toBe("IFNA(A1,0)+SORT(A1:A3)+FILTER(A1:A3,B1:B3)+STDEV.S(A1:A3)");
    expect(withoutFilePrefixes('"_xlfn.IFNA(" & A1')).toBe('"_xlfn.IFNA(" & A1');
    // A user-defined function keeps its own marker: it is not Excel's.
    expect(withoutFilePrefixes("_xludf.MYADDIN(A1)")).toBe("_xludf.MYADDIN(A1)");
  });

  it("written and read back, every future function of the table is itself again", () => {
    for (const [name, prefix] of FUTURE_FUNCTIONS) {
      const formula = `${name}(A1)`;
      expect(withFilePrefixes(formula)).toBe(`${prefix}${name}(A1)`);
      expect(withoutFilePrefixes(withFilePrefixes(formula))).toBe(formula);
      expect(bareName(fileName(name))).toBe(name);
    }
    expect(FUTURE_FUNCTIONS.size).toBeGreaterThan(150);
  });

  it("the engine knows a function by any of its spellings, and computes the same either way", () => {
    expect(lookupFunction("_xlfn.IFNA")?.name).toBe("IFNA");
    expect(lookupFunction("_xlfn._xlws.IFNA")?.name).toBe("IFNA");
    expect(evaluate("_xlfn.IFNA(#N/A,7)")).toBe(7);
    expect(evaluate(withFilePrefixes("IFNA(1/0,7)"))).toEqual({ error: "#DIV/0!" });
    expect(parse(withFilePrefixes("IFNA(A1,0)"))).toMatchObject({ kind: "call", name: "_xlfn.IFNA" });
  });

  it("a formula the lexer cannot read is left alone for the engine to report", () => {
    expect(withFilePrefixes('IFNA("open')).toBe('IFNA("open');
  });
});

import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFiling } from "../../../src/data/xbrl/filing.js";
import { DataError } from "../../../src/errors.js";
import { FILINGS, filingCopy } from "../../support/filing.js";

function refusal(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error("expected a refusal");
}

describe("filing folder", () => {
  it.each(Object.entries(FILINGS))("%s: the instance, the schema and its four linkbases are found and read", (name, folder) => {
    const f = loadFiling(folder);
    // data/sec/README.md: EDGAR saved the FY2022 schema as .xsd.xml.
    const schema = name === "fy2022" ? ".xsd.xml" : ".xsd";
    expect(f.files.map((p) => basename(p).replace(/^aapl-\d{8}/, ""))).toEqual(["_htm.xml", schema, "_pre.xml", "_lab.xml", "_cal.xml", "_def.xml"]);
    expect(f.presentation.length).toBeGreaterThan(40);
    expect(f.calculation.length).toBeGreaterThan(10);
    expect(f.labels.size).toBeGreaterThan(400);
  });

  it("the FY2022 schema, saved by EDGAR as .xsd.xml, is found under the name the instance gives it", () => {
    expect(basename(loadFiling(FILINGS.fy2022).taxonomy.file)).toBe("aapl-20220924.xsd.xml");
  });

  it("the schema's roles name the primary statements, in the filing's order", () => {
    const roles = [...loadFiling(FILINGS.fy2023).taxonomy.roles.values()].filter((r) => r.kind === "Statement").map((r) => `${r.sortCode} ${r.title}`);
    // The 10-K's financial statements, as its schema defines their roles.
    expect(roles).toEqual([
      "0000003 CONSOLIDATED STATEMENTS OF OPERATIONS",
      "0000004 CONSOLIDATED STATEMENTS OF COMPREHENSIVE INCOME",
      "0000005 CONSOLIDATED BALANCE SHEETS",
      "0000006 CONSOLIDATED BALANCE SHEETS (Parenthetical)",
      "0000007 CONSOLIDATED STATEMENTS OF SHAREHOLDERS' EQUITY",
      "0000008 CONSOLIDATED STATEMENTS OF CASH FLOWS",
    ]);
  });

  it("the company's own concepts are named by its schema's declarations", () => {
    const f = loadFiling(FILINGS.fy2023);
    expect(f.taxonomy.elements.get("aapl_MacMember")).toMatchObject({ concept: "aapl:MacMember", abstract: true });
    expect(f.facts.figures("aapl:CashCashEquivalentsAndMarketableSecuritiesCost").length).toBeGreaterThan(0);
  });

  it("a folder that does not exist is bad input naming it", () => {
    expect(refusal(() => loadFiling("/nonexistent/filing")).describe()).toMatch(/\/nonexistent\/filing: cannot read the filing's folder: ENOENT/);
  });

  it("a folder without an instance says what it expected", () => {
    const empty = mkdtempSync(join(tmpdir(), "tieout-empty-"));
    expect(refusal(() => loadFiling(empty)).describe()).toMatch(/the folder holds no XBRL instance — expected: one instance/);
  });

  it("an instance whose schema is missing names the schema", () => {
    const copy = filingCopy(FILINGS.fy2023);
    rmSync(join(copy, "aapl-20230930.xsd"));
    expect(refusal(() => loadFiling(copy)).describe()).toMatch(/aapl-20230930_htm\.xml: the instance names schema aapl-20230930\.xsd, which is not in the folder/);
  });

  it("a linkbase the schema names but the folder lacks is named", () => {
    const copy = filingCopy(FILINGS.fy2023);
    renameSync(join(copy, "aapl-20230930_lab.xml"), join(copy, "labels.xml"));
    expect(refusal(() => loadFiling(copy)).describe()).toMatch(/aapl-20230930\.xsd: the schema names linkbase aapl-20230930_lab\.xml, which is not in the folder/);
  });

  it("a locator naming an element the company's schema does not declare is refused at its line", () => {
    const copy = filingCopy(FILINGS.fy2023, (name, text) => (name.endsWith("_pre.xml") ? text.replace("aapl-20230930.xsd#aapl_MacMember", "aapl-20230930.xsd#aapl_NoSuchMember") : text));
    expect(refusal(() => loadFiling(copy)).describe()).toMatch(/_pre\.xml: line \d+, column \d+: the locator's href "aapl-20230930\.xsd#aapl_NoSuchMember" names no element of aapl-20230930\.xsd/);
  });
});

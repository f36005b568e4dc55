import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReportData } from "../../src/data/load.js";
import { DataError } from "../../src/errors.js";

/** A report whose data file is the given text: just enough to load. It defines 1H18 and any other periods named. */
function reportWith(dataText: string, morePeriods: string[] = []): { report: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), "tieout-data-"));
  const report = join(dir, "report.json");
  const data = join(dir, "data.json");
  writeFileSync(
    report,
    JSON.stringify({
      company: "Example Co.",
      title: "Example",
      released: "2018-11-06",
      source: "example release",
      periods: Object.fromEntries(
        ["1H18", ...morePeriods].map((p) => [p, { label: "Six months", kind: "duration", start: "2018-04-01", end: "2018-09-30" }]),
      ),
      files: ["data.json"],
    }),
  );
  writeFileSync(data, dataText);
  return { report, data };
}

const statement = (value: string): string => `{
  "statements": {
    "is": {
      "title": "Income", "source": "Statements of income", "unit": "JPY thousands", "periods": ["1H18"],
      "items": { "rev": { "label": "Revenue", "values": { "1H18": ${value} } } }
    }
  }
}`;

function failure(text: string, morePeriods: string[] = []): DataError {
  const { report } = reportWith(text, morePeriods);
  try {
    loadReportData(report);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error("expected the data to be rejected");
}

describe("data files", () => {
  it("figures are read as exact decimals: 0.1 and 0.2 stay 0.1 and 0.2", () => {
    const { report } = reportWith(statement("1234567.1"));
    const data = loadReportData(report);
    const v = data.statements.get("is")!.items.rev!.values["1H18"];
    expect(v?.toString()).toBe("1234567.1");
  });

  it("integer figures of up to 15 digits are held as JS numbers, exactly; any other as a decimal", () => {
    const value = (text: string) => loadReportData(reportWith(statement(text)).report).statements.get("is")!.items.rev!.values["1H18"];
    // Revenues of 1H18, Consolidated Statements of Income (JPY thousands).
    expect(value("90963384")).toBe(90963384);
    expect(value("-2932")).toBe(-2932);
    expect(value("999999999999999")).toBe(999999999999999);
    expect(typeof value("1234567.0")).toBe("object");
    expect(String(value("1234567.0"))).toBe("1234567");
    expect(typeof value("1e3")).toBe("object");
  });

  it("a string where a number belongs names the file and the JSON path", () => {
    const e = failure(statement('"1,234"'));
    expect(e.file).toMatch(/data\.json$/);
    expect(e.path).toBe(`$.statements.is.items.rev.values["1H18"]`);
    expect(e.describe()).toMatch(/expected a number/);
  });

  it.each([
    ["-0", /negative zero/],
    ["1234567890123456", /16 significant digits; Excel keeps 15/],
    ["9007199254740993", /beyond 2\^53/],
  ])("%s is rejected: Excel could not hold it as written", (value, message) => {
    expect(failure(statement(value)).describe()).toMatch(message);
  });

  it("malformed JSON names the line and column", () => {
    const e = failure('{ "statements": {\n  "is": ');
    expect(e.file).toMatch(/data\.json$/);
    expect(e.describe()).toMatch(/malformed JSON: expected a value, but the file ends \(line 2, column 9\)/);
  });

  it("an empty file is an error of its own", () => {
    expect(failure("").describe()).toMatch(/empty/i);
  });

  it("a duplicated key is an error, not a silent overwrite", () => {
    const text = statement("1").replace('"rev": {', '"rev": { "label": "x", "values": { "1H18": 2 } }, "rev": {');
    expect(failure(text).describe()).toMatch(/duplicate|twice/i);
  });

  it("an item without a value for one of the statement's periods is named, with the periods it needs", () => {
    const e = failure(statement("1").replace('"periods": ["1H18"]', '"periods": ["1H18", "FY18"]'), ["FY18"]);
    expect(e.message).toBe("no value for period FY18");
    expect(e.path).toBe("$.statements.is.items.rev.values");
    expect(e.hint).toMatch(/1H18, FY18/);
  });

  it("a value for a period the statement does not list is named at its path", () => {
    const e = failure(statement('1, "FY18": 2'), ["FY18"]);
    expect(e.message).toBe("period FY18 is not one of the statement's periods");
    expect(e.path).toBe('$.statements.is.items.rev.values["FY18"]');
  });

  it('a period named like a property every object has ("constructor") is unknown unless the report defines it', () => {
    const e = failure(statement("1").replace('"periods": ["1H18"]', '"periods": ["1H18", "constructor"]'));
    expect(e.describe()).toMatch(/unknown period "constructor"/);
  });

  it('part_of naming a property every object has ("constructor") is not an item of the statement', () => {
    const e = failure(statement("1").replace('"label": "Revenue",', '"label": "Revenue", "part_of": "constructor",'));
    expect(e.message).toMatch(/part_of names "constructor"/);
    expect(e.path).toBe("$.statements.is.items.rev.part_of");
  });

  it("a bad figure among thousands is reported at its item and period, with how many more there are", () => {
    const items = Array.from({ length: 5000 }, (_, i) => `"r${i}": {"label": "Line ${i}", "values": {"1H18": ${i === 2500 ? '"12,500"' : i === 4000 ? "-0" : i}}}`);
    const text = `{"statements": {"is": {"title": "Income", "source": "p. 9", "unit": "JPY thousands", "periods": ["1H18"], "items": {${items.join(",")}}}}}`;
    const e = failure(text);
    expect(e.path).toBe('$.statements.is.items.r2500.values["1H18"]');
    expect(e.message).toBe("expected a number (not a string, not null) (and 1 more problem)");
  });

  it('an item keyed "__proto__" is an error, not a line dropped without a word', () => {
    const e = failure(statement("1").replace('"rev": {', '"__proto__": { "label": "Hidden", "values": { "1H18": 999 } }, "rev": {'));
    expect(e.file).toMatch(/data\.json$/);
    expect(e.message).toMatch(/the key "__proto__" is not taken \(line 5, column \d+\)/);
  });

  it("a period the report does not define is named with the ones it does", () => {
    const e = failure(statement("1").replace('"periods": ["1H18"]', '"periods": ["1H18", "2Q18"]'));
    expect(e.describe()).toMatch(/unknown period "2Q18"/);
    expect(e.hint).toMatch(/1H18/);
  });
});

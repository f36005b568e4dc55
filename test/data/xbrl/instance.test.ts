import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPlain, periodKey } from "../../../src/data/xbrl/contexts.js";
import type { NumericFact } from "../../../src/data/xbrl/facts.js";
import { readInstance, type Instance } from "../../../src/data/xbrl/instance.js";
import { describeUnit } from "../../../src/data/xbrl/units.js";
import { DataError } from "../../../src/errors.js";
import { FILINGS, tempFile } from "../../support/filing.js";

const FY2023 = join(FILINGS.fy2023, "aapl-20230930_htm.xml");
const fy2023 = readInstance(FY2023);

/** The figure of a concept in the consolidated (dimensionless) context of a period. */
function figure(instance: Instance, concept: string, period: string, dimensions: Record<string, string> = {}): NumericFact {
  const found = instance.facts.filter((f): f is NumericFact => {
    if (f.concept !== concept || f.kind !== "numeric") return false;
    const c = instance.contexts.get(f.contextRef)!;
    return periodKey(c.period) === period && JSON.stringify(c.dimensions) === JSON.stringify(dimensions) && Object.keys(c.typed).length === 0;
  });
  expect(found.length, `${concept} ${period}`).toBeGreaterThan(0);
  return found[0]!;
}

const millions = (f: NumericFact): string => f.value!.div(1e6).toFixed();

/** A minimal instance around the given contexts, units and facts. */
function instanceWith(body: string): string {
  return tempFile(
    "x_htm.xml",
    `<?xml version="1.0" encoding="utf-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <context id="c-1"><entity><identifier scheme="http://www.sec.gov/CIK">1</identifier></entity><period><startDate>2022-09-25</startDate><endDate>2023-09-30</endDate></period></context>
  <unit id="usd"><measure>iso4217:USD</measure></unit>
${body}
</xbrl>`,
  );
}

function failure(body: string): DataError {
  const file = instanceWith(body);
  try {
    readInstance(file);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).file).toBe(file);
    return e as DataError;
  }
  throw new Error("expected the instance to be refused");
}

describe("XBRL instance", () => {
  it("reads every context, unit and fact of the FY2023 10-K", () => {
    // Counted in the instance's text: 205 <context>, 9 <unit>, 1,164 elements with a contextRef.
    expect(fy2023.contexts.size).toBe(205);
    expect(fy2023.units.size).toBe(9);
    expect(fy2023.facts.length).toBe(1164);
    expect(fy2023.schemaRef).toBe("aapl-20230930.xsd");
  });

  it("figures of the FY2023 statements, in USD millions, as the 10-K prints them", () => {
    // Apple 10-K FY2023, Consolidated Statements of Operations: net sales 383,285 / 394,328 / 365,817; net income 96,995 / 99,803 / 94,680.
    expect(millions(figure(fy2023, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2022-09-25--2023-09-30"))).toBe("383285");
    expect(millions(figure(fy2023, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2021-09-26--2022-09-24"))).toBe("394328");
    expect(millions(figure(fy2023, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2020-09-27--2021-09-25"))).toBe("365817");
    expect(millions(figure(fy2023, "us-gaap:NetIncomeLoss", "2022-09-25--2023-09-30"))).toBe("96995");
    expect(millions(figure(fy2023, "us-gaap:NetIncomeLoss", "2021-09-26--2022-09-24"))).toBe("99803");
    // Consolidated Balance Sheets: total assets 352,583 (September 30, 2023) and 352,755 (September 24, 2022).
    expect(millions(figure(fy2023, "us-gaap:Assets", "2023-09-30"))).toBe("352583");
    expect(millions(figure(fy2023, "us-gaap:Assets", "2022-09-24"))).toBe("352755");
    // Diluted earnings per share, $6.13 for 2023, reported to the cent.
    const eps = figure(fy2023, "us-gaap:EarningsPerShareDiluted", "2022-09-25--2023-09-30");
    expect(eps.value!.toFixed()).toBe("6.13");
    expect(eps.decimals).toBe(2);
    expect(describeUnit(fy2023.units.get(eps.unitRef)!)).toBe("USD/shares");
  });

  it("a fact keeps its decimals, its unit, its id and its place in the file", () => {
    const f = figure(fy2023, "us-gaap:NetIncomeLoss", "2022-09-25--2023-09-30");
    // Line 2600 of the instance: <us-gaap:NetIncomeLoss contextRef="c-1" decimals="-6" id="f-105" unitRef="usd">96995000000</…>
    expect(f).toMatchObject({ id: "f-105", contextRef: "c-1", unitRef: "usd", decimals: -6, nil: false, at: { line: 2600, column: 5 } });
    expect(f.value!.toFixed()).toBe("96995000000");
    const shares = figure(fy2023, "us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding", "2022-09-25--2023-09-30");
    // Shares used in computing diluted EPS: 15,812,547 thousand, reported to the thousand.
    expect(shares.value!.toFixed()).toBe("15812547000");
    expect(shares.decimals).toBe(-3);
    expect(describeUnit(fy2023.units.get(shares.unitRef)!)).toBe("shares");
  });

  it("decimals INF is read as exact", () => {
    // 20 facts of the instance have decimals="INF" (its text, counted).
    expect(fy2023.facts.filter((f) => f.kind === "numeric" && f.decimals === "INF")).toHaveLength(20);
  });

  it("nil facts have no value and no decimals", () => {
    // <us-gaap:CommitmentsAndContingencies contextRef="c-22" id="f-194" unitRef="usd" xsi:nil="true"/>, the balance sheet's blank line.
    const nil = fy2023.facts.find((f) => f.id === "f-194")!;
    expect(nil).toMatchObject({ concept: "us-gaap:CommitmentsAndContingencies", kind: "numeric", nil: true, value: null, decimals: undefined });
    expect(fy2023.facts.filter((f) => f.nil)).toHaveLength(3);
  });

  it("contexts carry their period, their entity and their dimensions", () => {
    expect(fy2023.contexts.get("c-1")).toMatchObject({
      entity: { scheme: "http://www.sec.gov/CIK", identifier: "0000320193" },
      period: { kind: "duration", start: "2022-09-25", end: "2023-09-30" },
      dimensions: {},
    });
    expect(isPlain(fy2023.contexts.get("c-1")!)).toBe(true);
    expect(fy2023.contexts.get("c-22")!.period).toEqual({ kind: "instant", end: "2023-09-30" });
    expect(fy2023.contexts.get("c-2")!.dimensions).toEqual({ "us-gaap:StatementClassOfStockAxis": "us-gaap:CommonStockMember" });
    // c-59: a typed dimension whose value is a date.
    expect(fy2023.contexts.get("c-59")!.typed).toEqual({ "us-gaap:RevenueRemainingPerformanceObligationExpectedTimingOfSatisfactionStartDateAxis": "2023-10-01" });
  });

  it("dimensional facts: net sales by reportable segment and by product, as Note 13 of the 10-K prints them", () => {
    const sales = (axis: string, member: string): string => millions(figure(fy2023, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2022-09-25--2023-09-30", { [axis]: member }));
    // Segment Information and Geographic Data, 2023 net sales (USD millions).
    expect(sales("us-gaap:StatementBusinessSegmentsAxis", "aapl:AmericasSegmentMember")).toBe("162560");
    expect(sales("us-gaap:StatementBusinessSegmentsAxis", "aapl:EuropeSegmentMember")).toBe("94294");
    expect(sales("us-gaap:StatementBusinessSegmentsAxis", "aapl:GreaterChinaSegmentMember")).toBe("72559");
    expect(sales("us-gaap:StatementBusinessSegmentsAxis", "aapl:JapanSegmentMember")).toBe("24257");
    expect(sales("us-gaap:StatementBusinessSegmentsAxis", "aapl:RestOfAsiaPacificSegmentMember")).toBe("29615");
    // Net sales by category: iPhone 200,583; Services 85,200.
    expect(sales("srt:ProductOrServiceAxis", "aapl:IPhoneMember")).toBe("200583");
    expect(sales("srt:ProductOrServiceAxis", "us-gaap:ServiceMember")).toBe("85200");
  });

  it("the FY2022 10-K and the 10-Q read too", () => {
    const fy2022 = readInstance(join(FILINGS.fy2022, "aapl-20220924_htm.xml"));
    // 10-K FY2022: net income 99,803; total assets 352,755 (September 24, 2022).
    expect(millions(figure(fy2022, "us-gaap:NetIncomeLoss", "2021-09-26--2022-09-24"))).toBe("99803");
    expect(millions(figure(fy2022, "us-gaap:Assets", "2022-09-24"))).toBe("352755");
    const q3 = readInstance(join(FILINGS.q3fy2023, "aapl-20230701_htm.xml"));
    // 10-Q for the quarter ended July 1, 2023: net sales 81,797 (three months) and 293,787 (nine months); net income 19,881.
    expect(millions(figure(q3, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2023-04-02--2023-07-01"))).toBe("81797");
    expect(millions(figure(q3, "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "2022-09-25--2023-07-01"))).toBe("293787");
    expect(millions(figure(q3, "us-gaap:NetIncomeLoss", "2023-04-02--2023-07-01"))).toBe("19881");
  });

  it("an instant or end date given as midnight is the end of the day before", () => {
    const file = instanceWith(
      `<context id="c-2"><entity><identifier scheme="s">1</identifier></entity><period><instant>2023-10-01T00:00:00</instant></period></context>
       <us-gaap:Cash contextRef="c-2" unitRef="usd" decimals="0">1</us-gaap:Cash>`,
    );
    expect(readInstance(file).contexts.get("c-2")!.period).toEqual({ kind: "instant", end: "2023-09-30" });
  });

  it("a divide unit is numerator over denominator", () => {
    const file = instanceWith(`<unit id="ups"><divide><unitNumerator><measure>iso4217:USD</measure></unitNumerator><unitDenominator><measure>shares</measure></unitDenominator></divide></unit>`);
    expect(readInstance(file).units.get("ups")).toMatchObject({ numerator: ["iso4217:USD"], denominator: ["xbrli:shares"] });
  });

  it.each([
    ['<us-gaap:Cash contextRef="c-9" unitRef="usd" decimals="-6">1</us-gaap:Cash>', /contextRef "c-9" names no context/, "us-gaap:Cash, context c-9"],
    ['<us-gaap:Cash contextRef="c-1" unitRef="eur" decimals="-6">1</us-gaap:Cash>', /unitRef "eur" names no unit/, "context c-1"],
    ['<us-gaap:Cash contextRef="c-1" unitRef="usd" decimals="-6">1,234</us-gaap:Cash>', /"1,234" is not a number/, "context c-1"],
    ['<us-gaap:Cash contextRef="c-1" unitRef="usd" decimals="millions">1</us-gaap:Cash>', /decimals="millions" is neither an integer nor INF/, "context c-1"],
    ['<us-gaap:Cash contextRef="c-1" unitRef="usd">1</us-gaap:Cash>', /neither decimals nor precision/, "context c-1"],
    ['<us-gaap:Cash contextRef="c-1" unitRef="usd" decimals="-6" xsi:nil="true">1</us-gaap:Cash>', /a nil fact has decimals/, "context c-1"],
    ['<context id="c-3"><entity><identifier scheme="s">1</identifier></entity></context>', /the context has no period/, "context c-3"],
    ['<context id="c-3"><entity><identifier scheme="s">1</identifier></entity><period><instant>30/09/2023</instant></period></context>', /instant "30\/09\/2023" is not a date/, "context c-3"],
    ['<context id="c-1"><entity><identifier scheme="s">1</identifier></entity><period><instant>2023-09-30</instant></period></context>', /context id "c-1" is used twice/, "line 5, column 1"],
    ['<unit id="u"><measure>bogus:USD</measure></unit>', /measure "bogus:USD" is not a QName this document declares/, "unit u"],
  ])("%s is refused: %s, at %s", (body, message, place) => {
    const e = failure(body);
    expect(e.message).toMatch(message);
    expect(e.path).toMatch(/^line \d+, column \d+/);
    expect(e.path).toContain(place);
  });

  it("a file whose root is not <xbrl> is not an instance", () => {
    const e = (() => {
      try {
        readInstance(join(FILINGS.fy2023, "aapl-20230930_cal.xml"));
      } catch (err) {
        return err as DataError;
      }
      throw new Error("expected a refusal");
    })();
    expect(e).toBeInstanceOf(DataError);
    expect(e.describe()).toMatch(/aapl-20230930_cal\.xml: line \d+, column 1: the root element is <link:linkbase> — expected: an XBRL 2\.1 instance/);
  });
});

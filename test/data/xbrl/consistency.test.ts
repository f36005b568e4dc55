import { describe, expect, it } from "vitest";
import { checkCalculations, describeInconsistency } from "../../../src/data/xbrl/consistency.js";
import { periodKey } from "../../../src/data/xbrl/contexts.js";
import { loadFiling } from "../../../src/data/xbrl/filing.js";
import { FILINGS, filingCopy, replaceAll } from "../../support/filing.js";

/** The FY2023 10-K with research and development expense (fact f-84, USD 29,915 million) changed to `value`. */
function withResearch(value: string) {
  return loadFiling(
    filingCopy(FILINGS.fy2023, (name, text) => (name.endsWith("_htm.xml") ? replaceAll(text, 'id="f-84" unitRef="usd">29915000000<', `id="f-84" unitRef="usd">${value}<`) : text)),
  );
}

describe("calculation consistency", () => {
  it.each(Object.entries(FILINGS))("every total of Apple's %s filing adds up, in both modes", (_name, folder) => {
    const f = loadFiling(folder);
    for (const mode of ["tie-out", "calc11"] as const) {
      const check = checkCalculations(f, mode);
      expect(check.checked, mode).toBeGreaterThan(100);
      expect(check.inconsistencies.map(describeInconsistency), mode).toEqual([]);
      expect(check.unchecked, mode).toEqual([]);
    }
  });

  it("one fact changed by 1 million in a copy: the total it feeds is named, with its period and the difference", () => {
    const check = checkCalculations(withResearch("29916000000"), "tie-out");
    expect(check.inconsistencies).toHaveLength(1);
    const [i] = check.inconsistencies;
    // Total operating expenses (54,847) = research and development (now 29,916) + SG&A (24,932).
    expect(i!.total).toBe("us-gaap:OperatingExpenses");
    expect(periodKey(i!.context.period)).toBe("2022-09-25--2023-09-30");
    expect(i!.role).toBe("http://www.apple.com/role/CONSOLIDATEDSTATEMENTSOFOPERATIONS");
    expect(i!.difference.toFixed()).toBe("-1000000");
    expect(i!.items.map((it) => [it.concept, it.value?.toFixed()])).toEqual([
      ["us-gaap:ResearchAndDevelopmentExpense", "29916000000"],
      ["us-gaap:SellingGeneralAndAdministrativeExpense", "24932000000"],
    ]);
    expect(describeInconsistency(i!)).toBe(
      "us-gaap:OperatingExpenses, 2022-09-25--2023-09-30, USD: reported 54,847,000,000; its items add up to 54,848,000,000 (difference −1,000,000, more than its decimals allow)",
    );
  });

  it("Calculations 1.1 lets a sum of two items in millions be 1.5 million off: 1 million passes, 2 million do not", () => {
    // Each of the three facts stands for ±0.5 million: the items' sum for ±1 million, the total for ±0.5 million.
    expect(checkCalculations(withResearch("29916000000"), "calc11").inconsistencies).toEqual([]);
    const two = checkCalculations(withResearch("29917000000"), "calc11").inconsistencies;
    expect(two.map((i) => i.total)).toEqual(["us-gaap:OperatingExpenses"]);
    expect([two[0]!.computedInterval.low.toFixed(), two[0]!.computedInterval.high.toFixed()]).toEqual(["54848000000", "54850000000"]);
    expect([two[0]!.reportedInterval.low.toFixed(), two[0]!.reportedInterval.high.toFixed()]).toEqual(["54846500000", "54847500000"]);
  });

  it("a value with digits its decimals say are not reported stops the check of its summation, which is listed as unchecked", () => {
    const check = checkCalculations(withResearch("29915000001"), "tie-out");
    expect(check.inconsistencies).toEqual([]);
    expect(check.unchecked.map((u) => [u.total, u.concept, u.reason, u.context.id])).toEqual([["us-gaap:OperatingExpenses", "us-gaap:ResearchAndDevelopmentExpense", "excess digits", "c-1"]]);
  });

  it("inconsistent duplicates stop the check of the summations they are in", () => {
    const copy = filingCopy(FILINGS.fy2023, (name, text) =>
      name.endsWith("_htm.xml") ? replaceAll(text, 'id="f-120" unitRef="usd">96995000000<', 'id="f-120" unitRef="usd">96996000000<') : text,
    );
    const check = checkCalculations(loadFiling(copy));
    expect(check.inconsistencies).toEqual([]);
    expect(check.unchecked.length).toBeGreaterThan(0);
    expect(new Set(check.unchecked.map((u) => `${u.concept} ${u.reason} ${u.context.id}`))).toEqual(new Set(["us-gaap:NetIncomeLoss inconsistent duplicates c-1"]));
  });
});

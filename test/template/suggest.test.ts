import { describe, expect, it } from "vitest";
import { didYouMean, suggest } from "../../src/template/suggest.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture } from "../support/fixture.js";

describe('"did you mean" offers another name, never the one given', () => {
  it("suggests a near name, not the name itself, and a name differing only in case", () => {
    expect(suggest("rev_bb", ["rev_a", "rev_b"])).toBe("rev_b");
    expect(suggest("sales_products", ["sales_products", "sales_product"])).toBe("sales_product");
    expect(didYouMean("sales_products", ["sales_products"])).toBe("");
    expect(suggest("Rev_a", ["rev_a"])).toBe("rev_a");
  });

  it("an item that exists but has no figure for the period says which periods its statement covers", () => {
    const f = smallReport();
    f.report.periods = { ...(f.report.periods as object), FY18: { label: "Fiscal year", kind: "duration", start: "2018-04-01", end: "2019-03-31" } };
    f.sheet.columns.push({ period: "FY18" });
    const files = writeFixture(f);
    const run = tieout(["build", "--template", files.template, "--data", files.report, "--out", files.out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no figure for period FY18 of item "rev_a": its statement covers other periods \(is: 1H17, 1H18\)/);
    expect(run.stderr).not.toMatch(/did you mean "rev_a"/);
  });
});

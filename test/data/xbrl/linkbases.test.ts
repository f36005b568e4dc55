import { describe, expect, it } from "vitest";
import { SUMMATION_ITEM } from "../../../src/data/xbrl/calculation.js";
import { walkMembers } from "../../../src/data/xbrl/definition.js";
import { loadFiling } from "../../../src/data/xbrl/filing.js";
import { isNegatedRole, LABEL_ROLES } from "../../../src/data/xbrl/labels.js";
import { readLinkbase } from "../../../src/data/xbrl/linkbase.js";
import { presentationNetworks, walkPresentation } from "../../../src/data/xbrl/presentation.js";
import { DataError } from "../../../src/errors.js";
import { FILINGS, filingCopy, replaceAll, tempFile } from "../../support/filing.js";

const APPLE = "http://www.apple.com/role/";
const filing = loadFiling(FILINGS.fy2023);
const network = (role: string) => filing.presentation.find((n) => n.role === APPLE + role)!;

describe("presentation linkbase", () => {
  it("the statement of operations' lines, in the order and hierarchy the 10-K prints them", () => {
    const lines = [...walkPresentation(network("CONSOLIDATEDSTATEMENTSOFOPERATIONS").roots)]
      .filter((n) => !/(Table|Axis|Domain|Member|LineItems)$/.test(n.concept) && n.depth > 0)
      .map((n) => `${n.depth} ${filing.labels.label(n.concept, n.preferredLabel)}`);
    // Apple 10-K FY2023, Consolidated Statements of Operations, top to bottom.
    expect(lines).toEqual([
      "3 Net sales",
      "3 Cost of sales",
      "3 Gross margin",
      "3 Operating expenses:",
      "4 Research and development",
      "4 Selling, general and administrative",
      "4 Total operating expenses",
      "3 Operating income",
      "3 Other income/(expense), net",
      "3 Income before provision for income taxes",
      "3 Provision for income taxes",
      "3 Net income",
      "3 Earnings per share:",
      "4 Basic (in dollars per share)",
      "4 Diluted (in dollars per share)",
      "3 Shares used in computing earnings per share:",
      "4 Basic (in shares)",
      "4 Diluted (in shares)",
    ]);
  });

  it("children follow their arcs' order, not the order the arcs are written in", () => {
    const file = tempFile(
      "order_pre.xml",
      `<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">
        <link:presentationLink xlink:type="extended" xlink:role="urn:r">
          <link:loc xlink:type="locator" xlink:label="p" xlink:href="t.xsd#t_P"/>
          <link:loc xlink:type="locator" xlink:label="a" xlink:href="t.xsd#t_A"/>
          <link:loc xlink:type="locator" xlink:label="b" xlink:href="t.xsd#t_B"/>
          <link:loc xlink:type="locator" xlink:label="c" xlink:href="t.xsd#t_C"/>
          <link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child" xlink:from="p" xlink:to="a" order="3"/>
          <link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child" xlink:from="p" xlink:to="b" order="1.5"/>
          <link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child" xlink:from="p" xlink:to="c"/>
        </link:presentationLink>
      </link:linkbase>`,
    );
    const lb = readLinkbase(file, "presentationLink", (href) => href.split("#")[1]!.replace("_", ":"));
    const [tree] = presentationNetworks(lb.relationships);
    expect(tree!.roots.map((r) => r.concept)).toEqual(["t:P"]);
    // order 1 (the default, for c), then 1.5, then 3.
    expect(tree!.roots[0]!.children.map((c) => c.concept)).toEqual(["t:C", "t:B", "t:A"]);
  });

  it("a prohibited arc of equal or higher priority removes the relationship it overrides", () => {
    const arc = (extra: string) =>
      `<link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child" xlink:from="p" xlink:to="a" ${extra}/>`;
    const with_ = (arcs: string) =>
      tempFile(
        "prohibit_pre.xml",
        `<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">
          <link:presentationLink xlink:type="extended" xlink:role="urn:r">
            <link:loc xlink:type="locator" xlink:label="p" xlink:href="t.xsd#t_P"/>
            <link:loc xlink:type="locator" xlink:label="a" xlink:href="t.xsd#t_A"/>
            ${arcs}
          </link:presentationLink>
        </link:linkbase>`,
      );
    const count = (file: string) => readLinkbase(file, "presentationLink", (href) => href.split("#")[1]!.replace("_", ":")).relationships.length;
    expect(count(with_(arc(""))), "the arc alone").toBe(1);
    expect(count(with_(arc("") + arc('use="prohibited" priority="1"'))), "prohibited at a higher priority").toBe(0);
    expect(count(with_(arc("") + arc('use="prohibited"'))), "prohibited at the same priority").toBe(0);
    expect(count(with_(arc('priority="2"') + arc('use="prohibited" priority="1"'))), "prohibited at a lower priority").toBe(1);
  });

  it("an arc from a label no locator has is refused at its line", () => {
    const file = tempFile(
      "bad_pre.xml",
      `<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">
<link:presentationLink xlink:type="extended" xlink:role="urn:r">
<link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child" xlink:from="nobody" xlink:to="a"/>
</link:presentationLink></link:linkbase>`,
    );
    expect(() => readLinkbase(file, "presentationLink", () => "t:X")).toThrow(DataError);
    try {
      readLinkbase(file, "presentationLink", () => "t:X");
    } catch (e) {
      expect((e as DataError).describe()).toMatch(/bad_pre\.xml: line 3, column 1: the arc's xlink:from "nobody" names no locator of its link/);
    }
  });
});

describe("label linkbase", () => {
  it("a concept's labels by role: standard, terse, total, negated, period start and end", () => {
    const l = filing.labels;
    expect(l.label("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax")).toBe("Revenue from Contract with Customer, Excluding Assessed Tax");
    expect(l.label("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", LABEL_ROLES.terse)).toBe("Net sales");
    expect(l.label("us-gaap:GrossProfit", LABEL_ROLES.total)).toBe("Gross margin");
    expect(l.label("us-gaap:PaymentsForRepurchaseOfCommonStock", LABEL_ROLES.negated)).toBe("Repurchases of common stock");
    expect(l.label("us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", LABEL_ROLES.periodStart)).toBe("Cash, cash equivalents and restricted cash, beginning balances");
    expect(l.label("us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", LABEL_ROLES.periodEnd)).toBe("Cash, cash equivalents and restricted cash, ending balances");
  });

  it("a role the concept has no label in falls back to its standard label", () => {
    expect(filing.labels.label("us-gaap:GrossProfit", LABEL_ROLES.negatedTotal)).toBe(filing.labels.label("us-gaap:GrossProfit"));
  });

  it("the cash-flow statement shows payments with negated labels", () => {
    const negated = [...walkPresentation(network("CONSOLIDATEDSTATEMENTSOFCASHFLOWS").roots)].filter((n) => isNegatedRole(n.preferredLabel)).map((n) => n.concept);
    expect(negated).toContain("us-gaap:PaymentsForRepurchaseOfCommonStock");
    expect(negated).toContain("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment");
    expect(negated).not.toContain("us-gaap:NetIncomeLoss");
  });
});

describe("calculation linkbase", () => {
  const summation = (role: string, total: string) => filing.calculation.find((c) => c.role === APPLE + role)!.summations.find((s) => s.total === total)!;

  it("summation-item arcs with their weights: gross margin is net sales less cost of sales", () => {
    const s = summation("CONSOLIDATEDSTATEMENTSOFOPERATIONS", "us-gaap:GrossProfit");
    expect(s.items.map((i) => `${i.weight.toFixed()} ${i.item}`)).toEqual(["1 us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "-1 us-gaap:CostOfGoodsAndServicesSold"]);
    const assets = summation("CONSOLIDATEDBALANCESHEETS", "us-gaap:Assets");
    expect(assets.items.map((i) => i.item)).toEqual(["us-gaap:AssetsCurrent", "us-gaap:AssetsNoncurrent"]);
  });

  it("the arcrole of Calculations 1.1 is read as well as XBRL 2.1's", () => {
    const copy = filingCopy(FILINGS.fy2023, (name, text) => (name.endsWith("_cal.xml") ? replaceAll(text, SUMMATION_ITEM.xbrl21, SUMMATION_ITEM.calc11) : text));
    const calc11 = loadFiling(copy);
    expect(calc11.calculation.map((c) => c.arcrole)).toEqual(filing.calculation.map(() => SUMMATION_ITEM.calc11));
    const strip = (cs: typeof filing.calculation) => cs.map((c) => ({ role: c.role, summations: c.summations.map((s) => ({ total: s.total, items: s.items.map((i) => `${i.weight.toFixed()} ${i.item}`) })) }));
    expect(strip(calc11.calculation)).toEqual(strip(filing.calculation));
  });

  it("a weight that is not a number is refused at its arc", () => {
    const copy = filingCopy(FILINGS.fy2023, (name, text) => (name.endsWith("_cal.xml") ? text.replace('weight="-1.0"', 'weight="minus one"') : text));
    expect(() => loadFiling(copy)).toThrow(/weight="minus one" is not a number/);
  });
});

describe("definition linkbase", () => {
  it("the segment table: its axis, the domain's members in order, and the axis's default", () => {
    const net = filing.dimensions.networks.find((n) => n.role === APPLE + "SegmentInformationandGeographicDataInformationbyReportableSegmentDetails")!;
    const [cube] = net.hypercubes;
    expect(cube).toMatchObject({ table: "us-gaap:ScheduleOfSegmentReportingInformationBySegmentTable", closed: true, contextElement: "segment", excluded: false });
    const [axis] = cube!.dimensions;
    expect(axis!.axis).toBe("us-gaap:StatementBusinessSegmentsAxis");
    expect(axis!.default).toBe("us-gaap:SegmentDomain");
    // The five reportable segments of Note 13, in the order the 10-K lists them.
    expect([...walkMembers(axis!.members)].map((m) => m.concept)).toEqual([
      "us-gaap:SegmentDomain",
      "aapl:AmericasSegmentMember",
      "aapl:EuropeSegmentMember",
      "aapl:GreaterChinaSegmentMember",
      "aapl:JapanSegmentMember",
      "aapl:RestOfAsiaPacificSegmentMember",
    ]);
  });

  it("products and services: the statement of operations' table splits net sales into products and services", () => {
    const net = filing.dimensions.networks.find((n) => n.role === APPLE + "CONSOLIDATEDSTATEMENTSOFOPERATIONS")!;
    const axis = net.hypercubes[0]!.dimensions.find((d) => d.axis === "srt:ProductOrServiceAxis")!;
    expect([...walkMembers(axis.members)].map((m) => m.concept)).toEqual(["srt:ProductsAndServicesDomain", "us-gaap:ProductMember", "us-gaap:ServiceMember"]);
    expect(filing.dimensions.defaults.get("srt:ProductOrServiceAxis")).toBe("srt:ProductsAndServicesDomain");
  });
});

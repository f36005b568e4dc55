import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A second report, in US dollars: Apple Inc.'s 10-K for fiscal 2023 (accession
 * 0000320193-23-000106, filed 2023-11-03), figures typed from its XBRL instance
 * (`aapl-20230930_htm.xml`; facts named beside each line, `decimals` -6: millions,
 * -3: thousands of shares) and from the earnings-per-share table the instance carries
 * (EarningsPerShareTextBlock, f-405). Three fiscal years of the statement of operations
 * (52 and 53 weeks: 2020-09-27 – 2021-09-25, 2021-09-26 – 2022-09-24, 2022-09-25 –
 * 2023-09-30), the balance sheet at both year ends, a summary in millions with YoY %,
 * one check and one chart. The template names roles only.
 */
export function usdReport(): { report: unknown; data: unknown; template: unknown; sheets: Record<string, unknown> } {
  const y = (fy2021: number | null, fy2022: number, fy2023: number): Record<string, number | null> => ({ FY2021: fy2021, FY2022: fy2022, FY2023: fy2023 });
  const line = (label: string, values: Record<string, number | null>, extra: Record<string, unknown> = {}): unknown => ({ label, values, ...extra });
  const printed = (id: string, label: string, period: string, text: string, measures: string, unit: string, reason: string): unknown => ({
    id,
    label,
    source: "Form 10-K 2023, Note 3 – Earnings Per Share (EarningsPerShareTextBlock, f-405)",
    period,
    printed: text,
    unit,
    measures,
    tolerance: { kind: "rounding", reason },
  });
  const report = {
    company: "Apple Inc.",
    title: "Apple Inc. Form 10-K for the fiscal year ended September 30, 2023",
    released: "2023-11-03",
    source: "SEC EDGAR, accession 0000320193-23-000106: aapl-20230930_htm.xml (XBRL instance)",
    periods: {
      FY2021: { label: "Fiscal year ended September 25, 2021", kind: "duration", start: "2020-09-27", end: "2021-09-25" },
      FY2022: { label: "Fiscal year ended September 24, 2022", kind: "duration", start: "2021-09-26", end: "2022-09-24" },
      FY2023: { label: "Fiscal year ended September 30, 2023", kind: "duration", start: "2022-09-25", end: "2023-09-30" },
      "2022-09-24": { label: "As of September 24, 2022", kind: "instant", end: "2022-09-24" },
      "2023-09-30": { label: "As of September 30, 2023", kind: "instant", end: "2023-09-30" },
    },
    roles: { current: "FY2023", prior: "FY2022", prior2: "FY2021", closing: "2023-09-30", closing_prior: "2022-09-24" },
    files: ["data.json"],
  };
  const data = {
    statements: {
      is: {
        title: "Consolidated Statements of Operations (in millions, except number of shares, which are reflected in thousands, and per-share amounts)",
        source: "Form 10-K 2023, Item 8, Consolidated Statements of Operations (XBRL contexts c-1, c-20, c-21; products c-14–c-16, services c-17–c-19)",
        unit: "USD millions",
        periods: ["FY2021", "FY2022", "FY2023"],
        items: {
          rev_products: line("Net sales: Products (RevenueFromContractWithCustomerExcludingAssessedTax, ProductMember; f-65, f-64, f-63)", y(297392, 316199, 298085)),
          rev_services: line("Net sales: Services (ServiceMember; f-68, f-67, f-66)", y(68425, 78129, 85200)),
          rev_total: line("Total net sales (f-71, f-70, f-69)", y(365817, 394328, 383285), { total: true }),
          cost_products: line("Cost of sales: Products (CostOfGoodsAndServicesSold, ProductMember; f-74, f-73, f-72)", y(192266, 201471, 189282)),
          cost_services: line("Cost of sales: Services (ServiceMember; f-77, f-76, f-75)", y(20715, 22075, 24855)),
          cost_total: line("Total cost of sales (f-80, f-79, f-78)", y(212981, 223546, 214137), { total: true }),
          gross_margin: line("Gross margin (GrossProfit; f-83, f-82, f-81)", y(152836, 170782, 169148), { total: true }),
          rnd: line("Research and development (f-86, f-85, f-84)", y(21914, 26251, 29915)),
          sga: line("Selling, general and administrative (f-89, f-88, f-87)", y(21973, 25094, 24932)),
          opex_total: line("Total operating expenses (OperatingExpenses; f-92, f-91, f-90)", y(43887, 51345, 54847), { total: true }),
          operating_income: line("Operating income (OperatingIncomeLoss; f-95, f-94, f-93)", y(108949, 119437, 114301), { total: true }),
          other_income: line("Other income/(expense), net (NonoperatingIncomeExpense; f-98, f-97, f-96)", y(258, -334, -565)),
          income_before_tax: line("Income before provision for income taxes (f-101, f-100, f-99)", y(109207, 119103, 113736), { total: true }),
          income_tax: line("Provision for income taxes (IncomeTaxExpenseBenefit; f-104, f-103, f-102)", y(14527, 19300, 16741)),
          net_income: line("Net income (NetIncomeLoss; f-107, f-106, f-105)", y(94680, 99803, 96995), { total: true }),
        },
      },
      shares: {
        title: "Shares used in computing earnings per share (in thousands)",
        source: "Form 10-K 2023, Consolidated Statements of Operations: shares used in computing earnings per share (decimals -3)",
        unit: "shares thousands",
        periods: ["FY2021", "FY2022", "FY2023"],
        items: {
          shares_basic: line("Basic (WeightedAverageNumberOfSharesOutstandingBasic; f-116, f-115, f-114)", y(16701272, 16215963, 15744231)),
          shares_diluted: line("Diluted (WeightedAverageNumberOfDilutedSharesOutstanding; f-119, f-118, f-117)", y(16864919, 16325819, 15812547)),
        },
      },
      bs: {
        title: "Consolidated Balance Sheets (in millions)",
        source: "Form 10-K 2023, Item 8, Consolidated Balance Sheets (XBRL contexts c-22: September 30, 2023; c-23: September 24, 2022)",
        unit: "USD millions",
        periods: ["2022-09-24", "2023-09-30"],
        items: {
          current_assets: line("Total current assets (AssetsCurrent; f-163, f-162)", { "2022-09-24": 135405, "2023-09-30": 143566 }),
          noncurrent_assets: line("Total non-current assets (AssetsNoncurrent; f-171, f-170)", { "2022-09-24": 217350, "2023-09-30": 209017 }),
          total_assets: line("Total assets (Assets; f-173, f-172)", { "2022-09-24": 352755, "2023-09-30": 352583 }, { total: true }),
          current_liabilities: line("Total current liabilities (LiabilitiesCurrent; f-185, f-184)", { "2022-09-24": 153982, "2023-09-30": 145308 }),
          noncurrent_liabilities: line("Total non-current liabilities (LiabilitiesNoncurrent; f-191, f-190)", { "2022-09-24": 148101, "2023-09-30": 145129 }),
          total_liabilities: line("Total liabilities (Liabilities; f-193, f-192)", { "2022-09-24": 302083, "2023-09-30": 290437 }, { total: true }),
          equity: line("Total shareholders' equity (StockholdersEquity; f-211, f-210)", { "2022-09-24": 50672, "2023-09-30": 62146 }),
          liabilities_equity: line("Total liabilities and shareholders' equity (LiabilitiesAndStockholdersEquity; f-213, f-212)", { "2022-09-24": 352755, "2023-09-30": 352583 }, { total: true }),
        },
      },
    },
    published: [
      printed("eps_basic_fy2023", "Basic earnings per share", "FY2023", "6.16", "is.eps_basic", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
      printed("eps_diluted_fy2023", "Diluted earnings per share", "FY2023", "6.13", "is.eps_diluted", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
      printed("eps_basic_fy2022", "Basic earnings per share", "FY2022", "6.15", "is.eps_basic", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
      printed("eps_diluted_fy2022", "Diluted earnings per share", "FY2022", "6.11", "is.eps_diluted", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
      printed("eps_basic_fy2021", "Basic earnings per share", "FY2021", "5.67", "is.eps_basic", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
      printed("eps_diluted_fy2021", "Diluted earnings per share", "FY2021", "5.61", "is.eps_diluted", "USD per share", "printed to the cent; ours is from net income in millions and shares in thousands"),
    ],
  };
  const income = {
    id: "is",
    name: "Income Statement",
    title: "Consolidated Statements of Operations: {prior2}, {prior} and {current}",
    unit: "USD millions",
    statements: ["is", "shares"],
    columns: [{ role: "current", trailing: 3 }, { id: "yoy_pct", header: "YoY %", formula: 'IF(@prior=0,"",(@current-@prior)/@prior)', format: "percent" }],
    rows: [
      { heading: "Net sales" },
      { id: "rev_products", label: "Products", indent: 1 },
      { id: "rev_services", label: "Services", indent: 1 },
      { id: "rev_total", label: "Total net sales", formula: "SUM(rev_products:rev_services)", style: "total", name: "NetSales" },
      { heading: "Cost of sales" },
      { id: "cost_products", label: "Products", indent: 1 },
      { id: "cost_services", label: "Services", indent: 1 },
      { id: "cost_total", label: "Total cost of sales", formula: "SUM(cost_products:cost_services)", style: "subtotal" },
      { id: "gross_margin", label: "Gross margin", formula: "rev_total - cost_total", style: "total" },
      { heading: "Operating expenses" },
      { id: "rnd", label: "Research and development", indent: 1 },
      { id: "sga", label: "Selling, general and administrative", indent: 1 },
      { id: "opex_total", label: "Total operating expenses", formula: "SUM(rnd:sga)", style: "subtotal" },
      { id: "operating_income", label: "Operating income", formula: "gross_margin - opex_total", style: "total", name: "OperatingIncome" },
      { id: "other_income", label: "Other income/(expense), net" },
      { id: "income_before_tax", label: "Income before provision for income taxes", formula: "operating_income + other_income", style: "subtotal" },
      { id: "income_tax", label: "Provision for income taxes" },
      { id: "net_income", label: "Net income", formula: "income_before_tax - income_tax", style: "total", name: "NetIncome" },
      { heading: "Earnings per share" },
      { id: "shares_basic", label: "Shares used in computing earnings per share: basic", unit: "shares thousands", indent: 1 },
      { id: "shares_diluted", label: "Shares used in computing earnings per share: diluted", unit: "shares thousands", indent: 1 },
      { id: "eps_basic", label: "Basic", formula: "net_income / shares_basic * 1000", unit: "USD per share", format: "per_share_symbol", skip: ["yoy_pct"] },
      { id: "eps_diluted", label: "Diluted", formula: "net_income / shares_diluted * 1000", unit: "USD per share", format: "per_share_symbol", skip: ["yoy_pct"] },
    ],
    checks: [],
  };
  const balance = {
    id: "bs",
    name: "Balance Sheet",
    title: "Consolidated Balance Sheets: {closing_prior:end} and {closing:end}",
    unit: "USD millions",
    statements: ["bs"],
    columns: [{ role: "closing_prior" }, { role: "closing" }, { id: "change", header: "Change", formula: "@closing - @closing_prior" }],
    rows: [
      { id: "current_assets", label: "Total current assets" },
      { id: "noncurrent_assets", label: "Total non-current assets" },
      { id: "total_assets", label: "Total assets", formula: "current_assets + noncurrent_assets", style: "total" },
      { id: "current_liabilities", label: "Total current liabilities" },
      { id: "noncurrent_liabilities", label: "Total non-current liabilities" },
      { id: "total_liabilities", label: "Total liabilities", formula: "SUM(current_liabilities:noncurrent_liabilities)", style: "subtotal" },
      { id: "equity", label: "Total shareholders' equity" },
      { id: "liabilities_equity", label: "Total liabilities and shareholders' equity", formula: "total_liabilities + equity", style: "total" },
    ],
    checks: [{ id: "bs_balances", label: "Total assets = total liabilities and shareholders' equity", lhs: "total_assets", rhs: "liabilities_equity", periods: ["closing_prior", "closing"] }],
  };
  const summary = {
    id: "summary",
    name: "Summary",
    title: "{current} in brief (USD millions, YoY % from the statements)",
    unit: "USD millions",
    columns: [{ role: "prior" }, { role: "current" }, { id: "yoy_pct", header: "YoY %", formula: 'IF(@prior=0,"",(@current-@prior)/@prior)', format: "percent" }],
    rows: [
      { id: "net_sales", label: "Total net sales", formula: "is.rev_total", style: "total" },
      { id: "gross_margin", label: "Gross margin", formula: "is.gross_margin" },
      { id: "operating_income", label: "Operating income", formula: "is.operating_income" },
      { id: "net_income", label: "Net income", formula: "is.net_income", style: "total" },
      { id: "gross_margin_pct", label: "Gross margin, % of net sales", formula: "gross_margin / net_sales", format: "percent", skip: ["yoy_pct"] },
      { id: "eps_diluted", label: "Diluted earnings per share", formula: "is.eps_diluted", unit: "USD per share", format: "per_share_symbol", skip: ["yoy_pct"] },
    ],
    charts: [
      {
        id: "sales_and_income",
        title: "Net sales and operating income, {prior} and {current}",
        kind: "clustered_column",
        anchor: { cell: "F5", columns: 8, rows: 18 },
        categories: { columns: ["prior", "current"] },
        series: [{ row: "net_sales" }, { row: "operating_income" }],
      },
    ],
  };
  return { report, data, template: { title: "Annual report (10-K)", sheets: ["summary.json", "income-statement.json", "balance-sheet.json"] }, sheets: { "summary.json": summary, "income-statement.json": income, "balance-sheet.json": balance } };
}

/** Writes the USD report's files into a fresh folder. */
export function writeUsdReport(): { dir: string; report: string; template: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "tieout-usd-"));
  const r = usdReport();
  writeFileSync(join(dir, "report.json"), JSON.stringify(r.report, null, 2));
  writeFileSync(join(dir, "data.json"), JSON.stringify(r.data, null, 2));
  writeFileSync(join(dir, "template.json"), JSON.stringify(r.template, null, 2));
  for (const [name, sheet] of Object.entries(r.sheets)) writeFileSync(join(dir, name), JSON.stringify(sheet, null, 2));
  return { dir, report: join(dir, "report.json"), template: join(dir, "template.json"), out: join(dir, "out", "apple-10k-fy2023.xlsx") };
}

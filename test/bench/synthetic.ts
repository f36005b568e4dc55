import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A synthetic report of about `cells` figure cells: ten period columns, every tenth
 * row a SUM of the nine above (10 % formulas), through the real template and data
 * formats. Returns the report and template files.
 */
export function syntheticReport(dir: string, cells: number): { data: string; template: string } {
  mkdirSync(dir, { recursive: true });
  const periods = Array.from({ length: 10 }, (_, i) => `P${i + 1}`);
  const rows = Math.max(10, Math.round(cells / periods.length / 10) * 10);
  const items: Record<string, unknown> = {};
  const templateRows: unknown[] = [];
  for (let r = 0; r < rows; r++) {
    const id = `r${r}`;
    if (r % 10 === 9) {
      templateRows.push({ id, label: `Subtotal ${r}`, formula: `SUM(r${r - 9}:r${r - 1})`, style: "subtotal" });
      continue;
    }
    items[id] = { label: `Line ${r}`, values: Object.fromEntries(periods.map((p, j) => [p, ((r * 7919 + j * 104729) % 1_000_000) + 1])) };
    templateRows.push({ id, label: `Line ${r}` });
  }
  const report = {
    company: "Synthetic Co.",
    title: `Synthetic report, ${rows * periods.length} cells`,
    released: "2018-11-06",
    source: "generated for the benchmark",
    periods: Object.fromEntries(periods.map((p, i) => [p, { label: `Period ${i + 1}`, kind: "duration", start: `20${10 + i}-04-01`, end: `20${11 + i}-03-31` }])),
    files: ["data.json"],
  };
  writeFileSync(join(dir, "report.json"), JSON.stringify(report));
  writeFileSync(join(dir, "data.json"), JSON.stringify({ statements: { big: { title: "Synthetic", source: "generated", unit: "JPY thousands", periods, items } } }));
  writeFileSync(join(dir, "template.json"), JSON.stringify({ title: "Synthetic", sheets: ["sheet.json"] }));
  writeFileSync(
    join(dir, "sheet.json"),
    JSON.stringify({ id: "big", name: "Figures", title: "Synthetic figures", unit: "JPY thousands", statements: ["big"], columns: periods.map((period) => ({ period })), rows: templateRows }),
  );
  return { data: join(dir, "report.json"), template: join(dir, "template.json") };
}

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/root.js";

/** eslint (run by `npm test` over the tree) on a planted source text, as if it were the named file. */
function lint(file: string, text: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", file], { cwd: ROOT, input: text, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("the lint rules npm test enforces", () => {
  it("decimal.js only through src/decimal.ts", () => {
    const planted = 'import { Decimal } from "decimal.js";\nexport const x = new Decimal(1);\n';
    const r = lint("src/model/planted.ts", planted);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/src\/decimal\.ts/);
    expect(lint("src/decimal.ts", planted).status).toBe(0);
  });

  it("where rows and columns start is the model's: the layout constants are refused outside src/model and src/template", () => {
    const planted = 'import { FIRST_ROW } from "../template/layout.js";\nexport const x = FIRST_ROW;\n';
    expect(lint("src/workbook/planted.ts", planted).status).toBe(1);
    expect(lint("src/model/planted.ts", planted).status).toBe(0);
  });

  it("unused code is an error", () => {
    const r = lint("src/data/planted.ts", "const unused = 1;\nexport const y = 2;\n");
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/'unused' is assigned a value but never used/);
  });
});

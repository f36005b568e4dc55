import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { arityProblem, lookupFunction } from "../../../src/formula/functions/registry.js";
import { kindAt } from "../../../src/formula/functions/spec.js";
import { evaluate, evaluateExact } from "../../support/formula.js";

describe("function declarations say their repeating groups once", () => {
  // A = region, B = amount, C = sign, D = flag.
  const data = {
    A1: "east", A2: "west", A3: "east", A4: "east",
    B1: 10, B2: 20, B3: 30, B4: 40,
    C1: 1, C2: 1, C3: -1, C4: 1,
    D1: "n", D2: "y", D3: "y", D4: "y",
  };

  it("SUMIFS reads its third (range, criteria) pair as a range, not a single value", () => {
    // Worked by hand (Excel's SUMIFS: every pair must hold): row 1 fails D="y", row 2 fails
    // A="east", row 3 fails C>0, row 4 holds all three: 40. The old declaration repeated
    // only its last kind, so the third range was read as one value and gave #VALUE!.
    expect(evaluate('SUMIFS(B1:B4,A1:A4,"east",C1:C4,">0",D1:D4,"y")', data)).toBe(40);
    // Two pairs: rows 1 and 4 (east, C>0): 10 + 40.
    expect(evaluate('SUMIFS(B1:B4,A1:A4,"east",C1:C4,">0")', data)).toBe(50);
  });

  it("a group left half-written is refused as a wrong argument count", () => {
    const spec = lookupFunction("SUMIFS")!;
    expect(kindAt(spec, 5)).toBe("ref");
    expect(kindAt(spec, 6)).toBe("any");
    expect(arityProblem(spec, 3)).toBeUndefined();
    expect(arityProblem(spec, 7)).toBeUndefined();
    // Excel refuses SUMIFS(B1:B4,A1:A4,"east",C1:C4) as a formula with too few arguments.
    expect(arityProblem(spec, 4)).toMatch(/SUMIFS takes 1 argument and then groups of 2, not 4/);
  });
});

describe("one Decimal configuration for the whole program", () => {
  it("no module but src/decimal.ts makes Decimals from decimal.js itself", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts") && path !== join("src", "decimal.ts") && /from\s+["']decimal\.js["']/.test(readFileSync(path, "utf8"))) offenders.push(path);
      }
    };
    walk("src");
    expect(offenders).toEqual([]);
  });

  it("A1/7 is the same whether A1 was a figure from a file or a formula", () => {
    // 22/7 to 40 significant digits, by long division: 3.142857 repeating.
    const expected = "3.142857142857142857142857142857142857143";
    expect(evaluateExact("A1/7", { A1: { n: "22" } })).toBe(expected);
    expect(evaluateExact("A1/7", { A1: "=20+2" })).toBe(expected);
  });
});

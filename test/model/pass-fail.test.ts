import { describe, expect, it } from "vitest";
import { FAIL, masterFormula, PASS, passes, passFail } from "../../src/model/pass-fail.js";
import { evaluate } from "../support/formula.js";

describe("pass/fail cells hold text every application shows", () => {
  it("a verdict reads OK when its condition holds and FAIL when it does not", () => {
    expect(evaluate(passFail("ABS(A1-A2)<=A3"), { A1: 1250, A2: 1250, A3: 0 })).toBe(PASS);
    expect(evaluate(passFail("ABS(A1-A2)<=A3"), { A1: 1250, A2: 1251, A3: 0 })).toBe(FAIL);
  });

  it("a verdict whose figures cannot be computed reads FAIL, not an error the master flag would skip", () => {
    expect(evaluate(passFail("ABS(A1-A2)<=A3"), { A1: "=1/0", A2: 1, A3: 0 })).toBe(FAIL);
    expect(evaluate(passFail("ABS(A1-A2)<=A3"), { A1: "n/a", A2: 1, A3: 0 })).toBe(FAIL);
  });

  it("the master flag reads FAIL when any verdict of its ranges reads FAIL, OK when none does", () => {
    const cells = { A1: PASS, A2: PASS, B1: PASS };
    expect(evaluate(masterFormula(["A1:A2", "B1:B1"]), cells)).toBe(PASS);
    expect(evaluate(masterFormula(["A1:A2", "B1:B1"]), { ...cells, B1: FAIL })).toBe(FAIL);
    expect(evaluate(masterFormula(["A1:A2", "B1:B1"]), { ...cells, A2: "=IF(1=2,\"OK\",\"FAIL\")" })).toBe(FAIL);
    expect(evaluate(masterFormula([]))).toBe(PASS);
  });

  it("only the text OK passes: TRUE, 1 and a blank do not", () => {
    expect([PASS, FAIL, true, 1, null, "ok "].map(passes)).toEqual([true, false, false, false, false, false]);
  });
});

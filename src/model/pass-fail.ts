/**
 * What a pass/fail cell holds: text, so that every application shows it as it is.
 * A boolean under a number format such as `"OK";"OK";"OK";"FAIL"` does not: Excel
 * applies no number format to booleans (it shows TRUE/FALSE), and LibreOffice Calc,
 * which has no boolean type, takes FALSE as 0 and shows "OK" for a failing check.
 */
export const PASS = "OK";
export const FAIL = "FAIL";

/**
 * The formula of a verdict cell: OK when `condition` holds, FAIL when it does not,
 * and FAIL too when it cannot be computed (an error in what it compares), so that no
 * verdict cell is ever an error the master flag's count would skip.
 */
export function passFail(condition: string): string {
  return `IF(IFERROR(${condition},FALSE),"${PASS}","${FAIL}")`;
}

/**
 * The master flag: OK when no verdict cell of `ranges` (A1 ranges of verdict cells,
 * `G5:G40`, `Published!L5:L300`) reads FAIL. With no verdicts at all there is
 * nothing to fail.
 */
export function masterFormula(ranges: string[]): string {
  if (ranges.length === 0) return `"${PASS}"`;
  return `IF(${ranges.map((r) => `COUNTIF(${r},"${FAIL}")`).join("+")}=0,"${PASS}","${FAIL}")`;
}

/** Whether a verdict cell's value, as the file or the engine holds it, says the verdict holds. */
export const passes = (value: unknown): boolean => value === PASS;

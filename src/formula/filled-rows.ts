/**
 * A range longer than this reads a column through the list of its filled rows rather
 * than slot by slot: `SUM(A:A)` over a column with one value at row 1,048,576 then
 * costs one step, not a million, each time it is read.
 */
export const LONG_SPAN = 4096;

/** The indices of `slots` that hold something, in order. */
export function filledRows(slots: readonly unknown[]): number[] {
  const rows: number[] = [];
  for (let r = 0; r < slots.length; r++) if (slots[r] !== undefined) rows.push(r);
  return rows;
}

/** The position in sorted `rows` of the first row at or after `row`. */
export function firstFrom(rows: readonly number[], row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The exact decimal value of a double: 3547.4 is stored as
 * 3547.40000000000009094947017729282379150390625. Written into a cell's `<v>`,
 * every reader gets the very double Excel holds: Excel and LibreOffice round the
 * text to the nearest double, which is this one; a reader that parses into a wider
 * type (Debian's gnumeric reads and computes in 80-bit long double) gets it exactly,
 * where the short text `3547.4` would give it a different, closer number and every
 * formula of it a different last bit. Integers are their own exact text.
 */
export function exactDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} has no decimal expansion`);
  if (Number.isInteger(n)) return n === 0 ? "0" : String(n);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // n = mantissa × 2^-shift; a non-integer has shift > 0, so n = mantissa × 5^shift / 10^shift.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const shift = (biased === 0 ? 1 : biased) - 1075;
  const k = -shift;
  const digits = (mantissa * 5n ** BigInt(k)).toString().padStart(k + 1, "0");
  const text = `${digits.slice(0, -k)}.${digits.slice(-k)}`.replace(/0+$/, "");
  return n < 0 ? `-${text}` : text;
}

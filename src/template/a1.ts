/**
 * The few A1 facts the template compiler needs. The formula stage builds its address
 * handling on these; they live here because the template stage comes first.
 */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 1 → A, 27 → AA, 16384 → XFD. */
export function columnLetters(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_COLUMNS) throw new RangeError(`column ${n} is outside 1..${MAX_COLUMNS}`);
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `F5` → row 5, column 6; undefined for anything that is not a plain A1 cell inside Excel's grid. */
export function parseA1(text: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  return col <= MAX_COLUMNS && row <= MAX_ROWS ? { row, col } : undefined;
}

/**
 * A sheet name as a formula must write it: bare when Excel would read it back as a
 * name, quoted otherwise (spaces, punctuation, a leading digit, or text that looks
 * like a cell such as `A1` or `R1C1`), with apostrophes doubled.
 */
export function quoteSheetName(name: string): string {
  const bare =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^(R|C|RC|R[0-9]+C[0-9]*|R[0-9]*C[0-9]+)$/i.test(name) &&
    !/^(TRUE|FALSE)$/i.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `'Balance Sheet'!D14`, or `D14` when no sheet is given. */
export function cellAddress(row: number, col: number, sheet?: string, absolute = false): string {
  const d = absolute ? "$" : "";
  const cell = `${d}${columnLetters(col)}${d}${row}`;
  return sheet === undefined ? cell : `${quoteSheetName(sheet)}!${cell}`;
}

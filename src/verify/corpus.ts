import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { TieoutError } from "../errors.js";
import { readWorkbookCells } from "../workbook/read.js";
import { recompute } from "./recompute.js";

/** One workbook's figures: what tieout evaluated of it, and how much of that Excel's cached values confirm. */
export interface CorpusFile {
  file: string;
  /** Why the whole file could not be checked (one line), or undefined. */
  refused?: string | undefined;
  formulaCells: number;
  evaluated: number;
  /** Of the evaluated, those agreeing with Excel's cached value (volatile cells are not compared). */
  agreeing: number;
  /** Evaluated cells calling a volatile function (RAND, TODAY…): never compared, never stale. */
  volatile: number;
  stale: { cell: string; formula: string; cached: unknown; recomputed: unknown }[];
  /** Cells not evaluated, by what they need: `function XLOOKUP`, `array formula`… */
  unsupported: { cell: string; what: string }[];
}

export interface CorpusSummary {
  files: number;
  refused: { file: string; reason: string }[];
  formulaCells: number;
  evaluated: number;
  agreeing: number;
  volatile: number;
  stale: number;
  /** Unevaluated formula cells by what they need, most cells first. */
  unsupported: { what: string; cells: number }[];
  perFile: CorpusFile[];
}

/** `.xlsx` and `.xlsm` files under a folder, in a stable order. */
export function workbooksUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.xls[xm]$/i.test(entry.name) && statSync(p).isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Recomputes one workbook as `check` does and counts its formula cells: evaluated
 * (every formula cell but those reported unsupported), agreeing with the value Excel
 * cached, stale. A file that cannot be read at all is refused, with the reason.
 * Macros are read past (tieout never runs them): the corpus measures formulas.
 */
export async function measureWorkbook(file: string, name = file): Promise<CorpusFile> {
  const empty: CorpusFile = { file: name, formulaCells: 0, evaluated: 0, agreeing: 0, volatile: 0, stale: [], unsupported: [] };
  try {
    const book = await readWorkbookCells(file, { macros: "ignore" });
    const result = recompute(
      book.sheets.map((s) => s.name),
      book.sheets.flatMap((s) => s.cells),
      book.names,
      { date1904: book.date1904, unevaluable: new Set(book.unsupported.map((u) => u.cell)) },
    );
    const formulaCells = result.formulaCells;
    const unsupported = [...book.unsupported, ...result.unsupported];
    // Parts (external links) and defined names are reported, but are not formula cells.
    const cells = new Set(unsupported.map((u) => u.cell).filter((c) => c.includes("!") && !c.startsWith("defined name")));
    const evaluated = formulaCells - cells.size;
    return { ...empty, formulaCells, evaluated, agreeing: evaluated - result.volatile.length - result.mismatches.length, volatile: result.volatile.length, stale: result.mismatches, unsupported };
  } catch (e) {
    if (!(e instanceof TieoutError)) throw e;
    const reason = e.describe();
    return { ...empty, refused: reason.includes(name) || e.file !== undefined ? reason : `${name}: ${reason}` };
  }
}

/** Measures every workbook under `dir` and adds the figures up. */
export async function measureCorpus(dir: string): Promise<CorpusSummary> {
  const perFile: CorpusFile[] = [];
  for (const file of workbooksUnder(dir)) perFile.push(await measureWorkbook(file, relative(dir, file)));
  const byWhat = new Map<string, number>();
  for (const f of perFile) for (const u of f.unsupported) byWhat.set(u.what, (byWhat.get(u.what) ?? 0) + 1);
  const sum = (k: "formulaCells" | "evaluated" | "agreeing" | "volatile"): number => perFile.reduce((n, f) => n + f[k], 0);
  return {
    files: perFile.length,
    refused: perFile.filter((f) => f.refused !== undefined).map((f) => ({ file: f.file, reason: f.refused! })),
    formulaCells: sum("formulaCells"),
    evaluated: sum("evaluated"),
    agreeing: sum("agreeing"),
    volatile: sum("volatile"),
    stale: perFile.reduce((n, f) => n + f.stale.length, 0),
    unsupported: [...byWhat].map(([what, cells]) => ({ what, cells })).sort((a, b) => b.cells - a.cells || (a.what < b.what ? -1 : 1)),
    perFile,
  };
}

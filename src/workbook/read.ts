import { readFile, stat } from "node:fs/promises";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { WorkbookReadError } from "../errors.js";
import { parseArea, parseCell } from "../formula/address.js";
import { withoutFilePrefixes } from "../formula/functions/prefix.js";
import { shiftFormula } from "../formula/shift.js";
import type { StoredValue } from "../formula/stored.js";
import { cellAddress } from "../template/a1.js";
import { openZip, type ZipReader } from "./unzip.js";
import { unescapeXstring } from "./xml.js";

/**
 * How a formula's text came to be: written in the cell itself; translated from the
 * master of a shared formula to this cell; or the master of an array formula.
 */
export type FormulaOrigin = "cell" | "shared" | "array";

/** One non-empty cell as the file stores it. */
export interface ReadCell {
  sheet: string;
  row: number;
  col: number;
  /** `C7`, without the sheet. */
  address: string;
  /** Formula text without the leading `=`. */
  formula?: string | undefined;
  origin?: FormulaOrigin | undefined;
  /** What the file stores: a formula's cached result (null when none is stored). */
  value: StoredValue;
}

export interface ReadSheet {
  name: string;
  cells: ReadCell[];
}

export interface DefinedName {
  name: string;
  /** Formula text the name stands for (`Summary!$C$6`). */
  reference: string;
  /** The sheet a sheet-scoped name belongs to; undefined for workbook scope. */
  scope?: string | undefined;
}

export interface ReadBook {
  file: string;
  /** Dates are serial numbers from 1904 rather than 1900 (old Mac workbooks). */
  date1904: boolean;
  sheets: ReadSheet[];
  names: DefinedName[];
  /** What the engine cannot evaluate (array formulas, external links), by cell. */
  unsupported: { cell: string; what: string }[];
}

type Handlers = { open?(tag: SaxesTagPlain): void; text?(t: string): void; close?(tag: SaxesTagPlain): void };

function parseXml(text: string, part: string, file: string, on: Handlers): void {
  const parser = new SaxesParser({ xmlns: false });
  if (on.open) parser.on("opentag", on.open);
  if (on.text) parser.on("text", on.text);
  if (on.close) parser.on("closetag", on.close);
  try {
    parser.write(text).close();
  } catch (e) {
    throw new WorkbookReadError(`${part} is not well-formed XML: ${(e as Error).message}`, { file, path: part, hint: "an .xlsx file as Excel or LibreOffice writes it" });
  }
}

/** `x:sheet` → `sheet`: some writers prefix the spreadsheetml namespace. */
const local = (name: string): string => name.slice(name.indexOf(":") + 1);

function part(zip: ZipReader, path: string, file: string, required: boolean): string | undefined {
  if (!zip.has(path)) {
    if (required) throw new WorkbookReadError(`the package has no ${path}`, { file, hint: "an .xlsx workbook (Office Open XML spreadsheet)" });
    return undefined;
  }
  return zip.read(path).toString("utf8");
}

/** Shared strings, rich text runs joined (each run's `_xHHHH_` decoded), phonetic guides left out. */
function sharedStrings(text: string | undefined, file: string): string[] {
  const out: string[] = [];
  if (text === undefined) return out;
  let current = "";
  let run = "";
  let inText = false;
  let inPhonetic = false;
  parseXml(text, "xl/sharedStrings.xml", file, {
    open: (t) => {
      const n = local(t.name);
      // `sstItem`: Excel 2007's beta wrote shared strings so.
      if (n === "si" || n === "sstItem") current = "";
      else if (n === "t" && !inPhonetic) {
        inText = true;
        run = "";
      } else if (n === "rPh") inPhonetic = true;
    },
    text: (s) => {
      if (inText) run += s;
    },
    close: (t) => {
      const n = local(t.name);
      if (n === "t" && inText) {
        inText = false;
        current += unescapeXstring(run);
      } else if (n === "rPh") inPhonetic = false;
      else if (n === "si" || n === "sstItem") out.push(current);
    },
  });
  return out;
}

function storedValue(type: string, v: string, inline: string, strings: string[], file: string, address: string): StoredValue {
  switch (type) {
    case "s": {
      const s = strings[Number(v)];
      if (s === undefined) throw new WorkbookReadError(`shared string ${v} does not exist`, { file, path: address });
      return s;
    }
    case "inlineStr":
      return inline;
    case "str":
      // A formula whose result is empty text stores <v></v>: indistinguishable from no result.
      return v === "" ? null : v;
    case "b":
      return v === "" ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return { error: v };
    case "d":
      return v === "" ? null : v;
    default: {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new WorkbookReadError(`"${v}" is not a number`, { file, path: address });
      return n;
    }
  }
}

interface OpenCell {
  row: number;
  col: number;
  type: string;
  v: string;
  f: string | undefined;
  fAttrs: Record<string, string>;
  inline: string;
  /** The text of the inline string's current run. */
  run: string;
}

function readSheet(text: string, name: string, path: string, strings: string[], file: string, unsupported: ReadBook["unsupported"]): ReadSheet {
  const cells: ReadCell[] = [];
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const merged: { r1: number; c1: number; r2: number; c2: number }[] = [];
  let cell: OpenCell | undefined;
  let capture: "v" | "f" | "t" | undefined;
  parseXml(text, path, file, {
    open: (t) => {
      const n = local(t.name);
      if (n === "c") {
        const at = parseCell(t.attributes.r ?? "");
        if (!at) throw new WorkbookReadError(`a cell without a valid address (r="${t.attributes.r ?? ""}")`, { file, path: `${path} (sheet ${name})` });
        cell = { row: at.row, col: at.col, type: t.attributes.t ?? "n", v: "", f: undefined, fAttrs: {}, inline: "", run: "" };
      } else if (n === "mergeCell" && t.attributes.ref) {
        const area = parseArea(t.attributes.ref);
        if (area) merged.push({ r1: area.start.row, c1: area.start.col, r2: area.end.row, c2: area.end.col });
      } else if (cell && n === "v") capture = "v";
      else if (cell && n === "f") {
        capture = "f";
        cell.f = "";
        cell.fAttrs = t.attributes;
      } else if (cell && n === "t") {
        capture = "t";
        cell.run = "";
      }
    },
    text: (s) => {
      if (!cell || !capture) return;
      if (capture === "v") cell.v += s;
      else if (capture === "f") cell.f += s;
      else cell.run += s;
    },
    close: (t) => {
      const n = local(t.name);
      if (n === "v" || n === "f" || n === "t") {
        if (n === "t" && cell && capture === "t") cell.inline += unescapeXstring(cell.run);
        capture = undefined;
        return;
      }
      if (n !== "c" || !cell) return;
      const c = cell;
      cell = undefined;
      const address = cellAddress(c.row, c.col);
      const where = cellAddress(c.row, c.col, name);
      let formula = c.f;
      let origin: FormulaOrigin | undefined = formula === undefined ? undefined : "cell";
      if (formula !== undefined && c.fAttrs.t === "shared" && c.fAttrs.si !== undefined) {
        if (formula.trim() !== "") masters.set(c.fAttrs.si, { formula, row: c.row, col: c.col });
        else {
          const master = masters.get(c.fAttrs.si);
          if (!master) throw new WorkbookReadError(`shared formula ${c.fAttrs.si} is used before it is defined`, { file, path: where });
          formula = shiftFormula(master.formula, c.row - master.row, c.col - master.col);
          origin = "shared";
        }
      }
      if (formula !== undefined && c.fAttrs.t === "array") {
        origin = "array";
        unsupported.push({ cell: where, what: "array formula" });
      }
      if (formula !== undefined && /\[\d+\]/.test(formula.replace(/"(?:[^"]|"")*"/g, ""))) unsupported.push({ cell: where, what: "external link" });
      const value = storedValue(c.type, c.v, c.inline, strings, file, where);
      if (formula === undefined && value === null) return;
      const read: ReadCell = { sheet: name, row: c.row, col: c.col, address, value };
      if (formula !== undefined) {
        read.formula = withoutFilePrefixes(formula.replace(/^=/, ""));
        read.origin = origin;
      }
      cells.push(read);
    },
  });
  // Only the top-left cell of a merged range is the cell; the others are covered by it.
  const covered = (c: ReadCell): boolean => merged.some((m) => c.row >= m.r1 && c.row <= m.r2 && c.col >= m.c1 && c.col <= m.c2 && (c.row !== m.r1 || c.col !== m.c1));
  const kept = merged.length ? cells.filter((c) => !covered(c)) : cells;
  kept.sort((a, b) => a.row - b.row || a.col - b.col);
  return { name, cells: kept };
}

/**
 * Reads every sheet's cells (formula text and cached value), the defined names, and
 * what the engine cannot evaluate. Its own reader rather than exceljs's, whose
 * `cell.value` drops a formula's cached 0 or FALSE and whose shared-formula
 * translation also shifts "A1" inside string literals. `macros: "ignore"` reads the
 * cells of a workbook with VBA (never run) instead of refusing it.
 */
export async function readWorkbookCells(file: string, options: { macros?: "refuse" | "ignore" } = {}): Promise<ReadBook> {
  let bytes: Buffer;
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    bytes = await readFile(file);
  } catch (e) {
    throw new WorkbookReadError(`cannot read the workbook (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file, hint: "an .xlsx file that exists" });
  }
  const zip = openZip(bytes, file);
  if (zip.has("xl/vbaProject.bin") && options.macros !== "ignore") {
    throw new WorkbookReadError("the workbook contains VBA macros", { file, path: "xl/vbaProject.bin", hint: "a macro-free .xlsx (tieout never runs macros)" });
  }
  const workbookXml = part(zip, "xl/workbook.xml", file, true)!;
  const relsXml = part(zip, "xl/_rels/workbook.xml.rels", file, true)!;
  const targets = new Map<string, string>();
  parseXml(relsXml, "xl/_rels/workbook.xml.rels", file, {
    open: (t) => {
      if (local(t.name) === "Relationship" && t.attributes.Id && t.attributes.Target) targets.set(t.attributes.Id, t.attributes.Target);
    },
  });
  const sheetParts: { name: string; target: string | undefined }[] = [];
  const pendingNames: { name: string; scope: number | undefined; text: string }[] = [];
  let pending: { name: string; scope: number | undefined; text: string } | undefined;
  let date1904 = false;
  parseXml(workbookXml, "xl/workbook.xml", file, {
    open: (t) => {
      const n = local(t.name);
      if (n === "workbookPr") date1904 = ["1", "true"].includes((t.attributes.date1904 ?? "").toLowerCase());
      else if (n === "sheet") {
        const id = Object.entries(t.attributes).find(([k]) => local(k) === "id")?.[1];
        const target = id ? targets.get(id) : undefined;
        if (!t.attributes.name) throw new WorkbookReadError("a sheet without a name", { file, path: "xl/workbook.xml" });
        // A sheet listed without a part (r:id="": an Excel 4 macro sheet or a dialog a tool stripped) has no cells, but references to it still name a sheet.
        if (!target && id) throw new WorkbookReadError(`sheet "${t.attributes.name}" names part ${id}, which the package does not have`, { file, path: "xl/workbook.xml" });
        sheetParts.push({ name: t.attributes.name, target });
      } else if (n === "definedName") {
        pending = { name: t.attributes.name ?? "", scope: t.attributes.localSheetId === undefined ? undefined : Number(t.attributes.localSheetId), text: "" };
      }
    },
    text: (s) => {
      if (pending) pending.text += s;
    },
    close: (t) => {
      if (local(t.name) === "definedName" && pending) {
        pendingNames.push(pending);
        pending = undefined;
      }
    },
  });
  const unsupportedLinks: ReadBook["unsupported"] = [];
  const names = pendingNames.map((p) => ({ name: p.name, reference: withoutFilePrefixes(p.text), scope: p.scope === undefined ? undefined : sheetParts[p.scope]?.name }));
  const strings = sharedStrings(part(zip, "xl/sharedStrings.xml", file, false), file);
  for (const name of zip.names().filter((n) => n.startsWith("xl/externalLinks/") && n.endsWith(".xml"))) {
    unsupportedLinks.push({ cell: name, what: "external link (the workbook refers to another file)" });
  }
  const unsupported: ReadBook["unsupported"] = [...unsupportedLinks];
  const sheets: ReadSheet[] = [];
  for (const ref of sheetParts) {
    if (ref.target === undefined) {
      unsupported.push({ cell: `sheet ${ref.name}`, what: "sheet without a part (a macro or dialog sheet): read as empty" });
      sheets.push({ name: ref.name, cells: [] });
      continue;
    }
    const path = ref.target.startsWith("/") ? ref.target.slice(1) : `xl/${ref.target}`;
    const text = part(zip, path, file, true)!;
    sheets.push(readSheet(text, ref.name, path, strings, file, unsupported));
  }
  return { file, date1904, sheets, names, unsupported };
}

import { posix } from "node:path";
import { readRelationships } from "./relationships.js";
import { attributes } from "./xml.js";

/** Package parts by name, as the packaging step holds them. */
export type Parts = Map<string, Uint8Array>;

export const text = (parts: Parts, name: string): string | undefined => {
  const bytes = parts.get(name);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8");
};

export const put = (parts: Parts, name: string, xml: string): void => void parts.set(name, Buffer.from(xml, "utf8"));

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export const relsOf = (part: string): string => posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);

/** The worksheet part of each sheet name, read from the workbook part and its relationships. */
export function sheetParts(parts: Parts): Map<string, string> {
  const workbook = text(parts, "xl/workbook.xml") ?? "";
  const targets = new Map(readRelationships(text(parts, "xl/_rels/workbook.xml.rels") ?? "").map((r) => [r.id, r.target]));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = targets.get(a["r:id"] ?? "");
    if (a.name === undefined || target === undefined) continue;
    out.set(a.name, target.startsWith("/") ? target.slice(1) : posix.join("xl", target));
  }
  return out;
}

/**
 * A worksheet with `element` inserted where CT_Worksheet's sequence puts it: before
 * the first of `before` (elements that must follow it) the sheet has after its
 * `</sheetData>`, or at the end. Only the sheet's tail is decoded: a large sheet's
 * rows are copied as bytes.
 */
export function withSheetElement(sheet: Uint8Array, element: string, before: string[], part: string): Buffer {
  const bytes = Buffer.from(sheet.buffer, sheet.byteOffset, sheet.byteLength);
  const from = bytes.lastIndexOf("</sheetData>");
  if (from < 0) throw new Error(`${part} is not a worksheet as exceljs writes it`);
  const tail = bytes.subarray(from).toString("utf8");
  const tag = /^<([\w:]+)/.exec(element)![1]!;
  if (new RegExp(`<${tag}[\\s/>]`).test(tail)) throw new Error(`${part} already has a ${tag}`);
  const next = new RegExp(`<(?:${before.join("|")})[\\s/>]|</worksheet>`).exec(tail);
  if (!next) throw new Error(`${part} is not a worksheet as exceljs writes it`);
  return Buffer.concat([bytes.subarray(0, from), Buffer.from(`${tail.slice(0, next.index)}${element}${tail.slice(next.index)}`, "utf8")]);
}

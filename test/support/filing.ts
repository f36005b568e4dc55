import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./root.js";

/** The folders of Apple's filings in data/sec (SEC EDGAR; data/sec/README.md). */
export const FILINGS = {
  fy2023: join(ROOT, "data/sec/aapl-10k-fy2023"),
  fy2022: join(ROOT, "data/sec/aapl-10k-fy2022"),
  q3fy2023: join(ROOT, "data/sec/aapl-10q-fy2023q3"),
} as const;

/**
 * A copy of a filing's folder in a temporary folder, each file passed through `edit`
 * (by its name): a filing with one thing changed.
 */
export function filingCopy(folder: string, edit: (name: string, text: string) => string = (_n, t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), "tieout-filing-"));
  cpSync(folder, dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const edited = edit(name, text);
    if (edited !== text) writeFileSync(file, edited);
  }
  return dir;
}

/** `text` with every occurrence of `from` replaced, failing when there is none (an edit that silently does nothing would prove nothing). */
export function replaceAll(text: string, from: string | RegExp, to: string): string {
  const out = typeof from === "string" ? text.split(from).join(to) : text.replace(from, to);
  if (out === text) throw new Error(`nothing to replace: ${String(from)}`);
  return out;
}

/** A small file in a temporary folder. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tieout-xml-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

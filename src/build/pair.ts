import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { onDisk } from "../errors.js";
import { AtomicFile, writeContent } from "../workbook/atomic.js";
import { readManifestHead } from "../workbook/manifest.js";
import { sha256 } from "./fingerprint.js";
import { manifestPath } from "./paths.js";

/**
 * A workbook and its manifest change together, at one commit point.
 *
 * Both are written to temporary files and flushed; the manifest (which carries the
 * workbook's sha256) is renamed to a name of its own, `NAME.<sha12>.manifest.json`;
 * then the workbook is renamed into place — the commit point; then the versioned
 * manifest is renamed over `NAME.manifest.json`. Killed at any moment, the folder
 * holds the old workbook with the old manifest, or the new workbook with its
 * manifest under one of the two names. The rule for readers (`pairedManifest`):
 * the manifest of a workbook is `NAME.manifest.json` when the sha256 it records is
 * the workbook's, else `NAME.<first 12 of the workbook's sha256>.manifest.json`;
 * none is a workbook without a manifest. The next build settles a left versioned
 * manifest (`settlePair`).
 */

/** `out/x.xlsx`, sha `abc…` → `out/x.abc123456789.manifest.json` */
export function versionedManifestPath(workbook: string, sha: string): string {
  return workbook.replace(/\.xlsx$/, `.${sha.slice(0, 12)}.manifest.json`);
}

const VERSIONED = /^(.*)\.[0-9a-f]{12}\.manifest\.json$/;

function sha256Of(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** The manifest that goes with the workbook as it is now (see the rule above), and its sha256; undefined when there is none or no workbook. */
export function pairedManifest(workbook: string, sha = sha256Of(workbook)): { manifest: string; sha: string } | undefined {
  if (sha === undefined) return undefined;
  for (const manifest of [manifestPath(workbook), versionedManifestPath(workbook, sha)]) {
    if (readManifestHead(manifest)?.workbookSha256 === sha) return { manifest, sha };
  }
  return undefined;
}

/** Versioned manifests of a workbook left by a build killed after its commit point (or before). */
function versionedOf(workbook: string): string[] {
  const stem = basename(workbook).replace(/\.xlsx$/, "");
  try {
    return readdirSync(dirname(workbook))
      .filter((n) => VERSIONED.exec(n)?.[1] === stem)
      .map((n) => join(dirname(workbook), n));
  } catch {
    return [];
  }
}

/**
 * Completes what a killed build left (call it holding the output's lock): the
 * versioned manifest that matches the workbook becomes `NAME.manifest.json`, the
 * others (of a workbook never committed) are removed.
 */
export function settlePair(workbook: string): void {
  const left = versionedOf(workbook);
  if (!left.length) return;
  const paired = pairedManifest(workbook);
  for (const file of left) {
    if (paired && file === paired.manifest) onDisk(`rename into place as ${manifestPath(workbook)}`, file, () => renameSync(file, manifestPath(workbook)));
    else rmSync(file, { force: true });
  }
}

/**
 * Writes a workbook and its manifest with one commit point (see above). `fill`
 * writes the workbook and gives its sha256; `manifest` makes the manifest's text
 * from it. On any failure before the commit point both temporary files are removed
 * and the previous pair is untouched.
 */
export async function publishPair(workbook: string, fill: (out: AtomicFile) => Promise<string>, manifest: (sha: string) => Uint8Array | string | Iterable<string>): Promise<string> {
  const book = new AtomicFile(workbook);
  let sheet: AtomicFile | undefined;
  try {
    const sha = await fill(book);
    book.flush();
    sheet = new AtomicFile(versionedManifestPath(workbook, sha));
    writeContent(sheet, manifest(sha));
    sheet.publish();
    book.publish(); // the commit point
    const versioned = sheet.target;
    sheet = undefined;
    onDisk(`rename into place as ${manifestPath(workbook)}`, versioned, () => renameSync(versioned, manifestPath(workbook)));
    return sha;
  } catch (e) {
    book.abort();
    if (sheet) {
      sheet.abort();
      // Published but its workbook never was: it pairs with nothing.
      rmSync(sheet.target, { force: true });
    }
    throw e;
  }
}

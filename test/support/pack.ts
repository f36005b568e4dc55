import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReport, type BuildResult } from "../../src/build/build-report.js";
import { figureOf, type Manifest, type ManifestFigure } from "../../src/workbook/manifest.js";
import { ROOT } from "./root.js";

export const IIJ = {
  name: "iij-fy2018-1h",
  template: join(ROOT, "templates/interim-pack/template.json"),
  data: join(ROOT, "data/iij-fy2018-1h/report.json"),
};

export interface BuiltPack {
  dir: string;
  result: BuildResult;
  manifest: Manifest;
  /** The manifest entry of a figure: sheet id, row id, column id. */
  figure(sheet: string, row: string, column: string): ManifestFigure;
}

let pack: Promise<BuiltPack> | undefined;

/** Builds the IIJ pack once per test file into a fresh temporary folder, as `npm run report` would. */
export function builtPack(): Promise<BuiltPack> {
  pack ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "tieout-pack-"));
    const result = await buildReport({ ...IIJ, output: join(dir, `${IIJ.name}.xlsx`) });
    const manifest = JSON.parse(readFileSync(result.manifest, "utf8")) as Manifest;
    const figure = (sheet: string, row: string, column: string): ManifestFigure => {
      const f = figureOf(manifest, sheet, row, column);
      if (!f) throw new Error(`the manifest has no figure ${sheet}.${row}@${column}`);
      return f;
    };
    return { dir, result, manifest, figure };
  })();
  return pack;
}

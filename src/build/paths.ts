/** `out/x.xlsx` → `out/x.manifest.json` */
export function manifestPath(output: string): string {
  return output.replace(/\.xlsx$/, ".manifest.json");
}

/** `out/x.xlsx` → `out/x.failed.xlsx` */
export function failedPath(output: string): string {
  return output.replace(/\.xlsx$/, ".failed.xlsx");
}

/** `out/x.xlsx` → `out/x.pdf` (what `--pdf` writes beside it) */
export function pdfPath(output: string): string {
  return output.replace(/\.xlsx$/, ".pdf");
}

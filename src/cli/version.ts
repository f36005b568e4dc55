import { readFileSync } from "node:fs";

let cached: string | undefined;

/** tieout's version, from package.json: manifests record it so a new tieout rebuilds old reports. */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cached;
}

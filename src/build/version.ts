import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * tieout's version, from its package.json: manifests record it so that a new version
 * rebuilds. Found by walking up, so it works from compiled (dist/) and source alike.
 */
export function version(): string {
  if (cached) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "tieout" && pkg.version) return (cached = pkg.version);
    }
    if (dirname(dir) === dir) throw new Error("tieout's package.json was not found above its code");
  }
}

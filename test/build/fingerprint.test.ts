import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { smallReport, writeFixture } from "../support/fixture.js";
import { ROOT } from "../support/root.js";

/** A copy of the bundled CLI, with the package.json its version is read from, to be changed without touching the real one. */
function bundleCopy(): { main: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "tieout-bundle-"));
  cpSync(join(ROOT, "dist/bin"), join(dir, "dist/bin"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
  return { main: join(dir, "dist/bin/main.js"), dir };
}

describe("the code fingerprint of the bundled CLI", () => {
  it("is the bundle's own files: an unchanged bundle finds its report up to date, a changed one rebuilds it", () => {
    const { main, dir } = bundleCopy();
    const w = writeFixture(smallReport());
    const config = join(w.dir, "tieout.config.json");
    writeFileSync(config, JSON.stringify({ reports: [{ name: "small", template: "template.json", data: "report.json", output: "out/small.xlsx" }] }));
    const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args, "--config", config], { encoding: "utf8" });
    expect(run("build").status).toBe(0);
    expect(run("list").stdout).toMatch(/small\s+up to date/);
    const chunk = readdirSync(join(dir, "dist/bin")).find((f) => f.startsWith("chunk-"))!;
    appendFileSync(join(dir, "dist/bin", chunk), "\n// changed\n");
    expect(run("list").stdout).toMatch(/small\s+stale: tieout changed/);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/root.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bundleDependencies: string[] };

/** npm with everything that could reach the network or a prompt turned off: the test must pass on a machine with no registry. */
function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    timeout: 150_000,
    env: { ...process.env, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", npm_config_yes: "false" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the package as npm installs it", () => {
  let tmp: string;
  let app: string;
  let tarball: string;

  beforeAll(() => {
    // The suite builds dist/ before vitest runs, so packing skips prepack's second build.
    if (!existsSync(join(ROOT, "dist", "bin", "main.js"))) throw new Error("dist/bin/main.js is missing: run `npm run build` before this test");
    tmp = mkdtempSync(join(tmpdir(), "tieout-install-"));
    const packed = npm(["pack", "--ignore-scripts", "--silent", "--pack-destination", tmp], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const tgz = readdirSync(tmp).filter((f) => /^tieout-.*\.tgz$/.test(f));
    expect(tgz).toHaveLength(1);
    tarball = join(tmp, tgz[0]!);
    app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    const installed = npm(["i", "--offline", "--no-audit", "--no-fund", tarball], app);
    expect(installed.status, installed.stderr).toBe(0);
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("packs the bundled CLI and its runtime dependencies into the tarball", () => {
    const entries = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(entries).toContain("package/dist/bin/main.js");
    for (const dep of pkg.bundleDependencies) expect(entries, dep).toContain(`package/node_modules/${dep}/package.json`);
    // Sources and tests are not part of what users install.
    expect(entries.some((e) => e.startsWith("package/src/") || e.startsWith("package/test/"))).toBe(false);
  });

  it("installs offline into an empty folder with its dependencies inside it", () => {
    expect(existsSync(join(app, "node_modules", "tieout", "dist", "bin", "main.js"))).toBe(true);
    expect(existsSync(join(app, "node_modules", ".bin", "tieout"))).toBe(true);
    for (const dep of pkg.bundleDependencies) {
      const nested = join(app, "node_modules", "tieout", "node_modules", dep);
      const hoisted = join(app, "node_modules", dep);
      expect(existsSync(nested) || existsSync(hoisted), dep).toBe(true);
    }
  });

  it("prints package.json's version from the installed bin", () => {
    const r = npm(["exec", "--offline", "--", "tieout", "--version"], app);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("scaffolds, builds and checks a report in another folder with the installed tieout", () => {
    const project = join(tmp, "reports");
    mkdirSync(project);
    // --prefix points npx at the folder the package was installed in; the report folder has no package.json of its own.
    const tieout = (...args: string[]) => npm(["exec", "--offline", "--prefix", app, "--", "tieout", ...args], project);
    const init = tieout("init", "--name", "acme", "--unit", "USD millions", "--company", "Acme");
    expect(init.status, init.stderr).toBe(0);
    expect(existsSync(join(project, "tieout.config.json"))).toBe(true);
    const build = tieout("build");
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/acme: ties out/);
    expect(existsSync(join(project, "out", "acme.xlsx"))).toBe(true);
    const check = tieout("check", "out/acme.xlsx");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/ties out/);
  }, 180_000);
});

import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { holderText } from "../../src/build/holder.js";
import { TEMP_PREFIX } from "../../src/workbook/atomic.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture, type WrittenFixture } from "../support/fixture.js";
import { ROOT } from "../support/root.js";

/** A project of `n` synthetic reports (the small fixture under other company names) sharing one template. */
function project(n: number): { dir: string; config: string; fixture: WrittenFixture; names: string[] } {
  const fixture = writeFixture(smallReport());
  const names: string[] = [];
  const reports = [];
  for (let i = 0; i < n; i++) {
    const name = `company-${String(i).padStart(3, "0")}`;
    const f = smallReport();
    f.report.company = `Company ${i}`;
    const data = join(fixture.dir, `${name}.report.json`);
    writeFileSync(data, JSON.stringify({ ...f.report, files: ["data.json"] }));
    reports.push({ name, template: "template.json", data: `${name}.report.json`, output: `out/${name}.xlsx` });
    names.push(name);
  }
  const config = join(fixture.dir, "tieout.config.json");
  writeFileSync(config, JSON.stringify({ reports }));
  return { dir: fixture.dir, config, fixture, names };
}

const build = (config: string, ...args: string[]): ReturnType<typeof tieout> => tieout(["build", "--config", config, ...args]);

describe("scheduled regeneration", () => {
  it("a build with nothing changed does no work and says so; a changed input makes it stale; --force rebuilds", () => {
    const p = project(2);
    expect(build(p.config).status).toBe(0);
    const again = build(p.config);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/company-000: up to date \(nothing changed\)/);
    const data = readFileSync(p.fixture.data, "utf8");
    writeFileSync(p.fixture.data, data.replace('"1H18": 300', '"1H18": 301').replace('"1H18": 1500', '"1H18": 1501'));
    const list = tieout(["list", "--config", p.config]);
    expect(list.stdout).toMatch(/company-000\s+stale: \.\.\/data\.json changed/);
    expect(build(p.config).stdout).toMatch(/company-000: ties out/);
    expect(build(p.config, "--force").stdout).toMatch(/company-001: ties out/);
  });

  it("exit codes: 0 built, 1 a printed figure does not hold, 2 bad input — one JSON line per report", () => {
    const p = project(3);
    const ok = build(p.config, "--json");
    expect(ok.status).toBe(0);
    const lines = ok.stdout.trim().split("\n").map((l) => JSON.parse(l) as { name: string; status: string });
    expect(lines.map((l) => [l.name, l.status])).toEqual(p.names.map((n) => [n, "built"]));
    // The release's printed total no longer equals the sum of its lines.
    writeFileSync(p.fixture.data, readFileSync(p.fixture.data, "utf8").replace('"1H18": 1500', '"1H18": 1499'));
    const fails = build(p.config, "--json");
    expect(fails.status).toBe(1);
    expect(fails.stdout).toMatch(/"status":"fails"/);
    expect(tieout(["list", "--config", p.config]).stdout).toMatch(/failed last time/);
    writeFileSync(p.fixture.data, "{ not json");
    const bad = build(p.config, "--json");
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout.trim().split("\n")[0]!)).toMatchObject({ status: "error", exitCode: 2 });
  });

  it("--shard i/n splits the reports into disjoint parts that cover them all, the same on every run", () => {
    const p = project(12);
    const parts = [1, 2, 3].map((i) =>
      build(p.config, "--json", "--shard", `${i}/3`)
        .stdout.trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { name: string }).name),
    );
    expect(parts.flat().sort()).toEqual(p.names);
    expect(new Set(parts.flat()).size).toBe(12);
    const names = (out: string): string[] => out.trim().split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names(build(p.config, "--json", "--shard", "2/3").stdout)).toEqual(parts[1]);
    expect(build(p.config, "--shard", "4/3").status).toBe(2);
  });

  it("a lock held by a live build makes the second wait, then give up with a clear message (exit 3)", () => {
    const p = project(1);
    mkdirSync(join(p.dir, "out"), { recursive: true });
    // A live holder: this test process, as holder.ts records it.
    writeFileSync(join(p.dir, "out", "company-000.xlsx.lock"), holderText());
    const run = build(p.config, "--lock-timeout", "1");
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/another build \(pid \d+\) is writing .*company-000\.xlsx/);
  });

  it("a lock left by a killed build is taken over", () => {
    const p = project(1);
    mkdirSync(join(p.dir, "out"), { recursive: true });
    writeFileSync(join(p.dir, "out", "company-000.xlsx.lock"), "999999999");
    expect(build(p.config).status).toBe(0);
  });

  it("SIGKILL at any moment leaves the previous workbook whole, and the next run removes stray temporary files", async () => {
    const p = project(1);
    expect(build(p.config).status).toBe(0);
    const out = join(p.dir, "out", "company-000.xlsx");
    const previous = readFileSync(out);
    for (const delay of [5, 60, 120, 180, 240, 300, 400]) {
      const child = spawn(process.execPath, [join(ROOT, "dist/bin/main.js"), "build", "--config", p.config, "--force"], { stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      const now = readFileSync(out);
      // Either the old file or a whole new one (the same bytes: builds are deterministic).
      expect(now.equals(previous)).toBe(true);
    }
    writeFileSync(join(p.dir, "out", `${TEMP_PREFIX}999999999-x-company-000.xlsx`), "half a workbook");
    expect(build(p.config).status).toBe(0);
    expect(readdirSync(join(p.dir, "out")).filter((f) => f.startsWith(TEMP_PREFIX) || f.endsWith(".lock"))).toEqual([]);
  });

  it("500 reports build with --jobs 2", () => {
    const p = project(500);
    const run = build(p.config, "--jobs", "2", "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { status: string });
    expect(results).toHaveLength(500);
    expect(results.every((r) => r.status === "built")).toBe(true);
    const again = build(p.config, "--jobs", "2", "--json");
    expect(again.stdout.match(/"status":"up to date"/g)).toHaveLength(500);
  }, 300_000);
});

describe("tieout build --watch", () => {
  it("rebuilds a report when its data changes, and stops on Ctrl-C", async () => {
    const p = project(1);
    const child = spawn(process.execPath, [join(ROOT, "dist/bin/main.js"), "build", "--config", p.config, "--watch"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    const waitFor = async (pattern: RegExp): Promise<void> => {
      for (let i = 0; i < 100 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(pattern);
    };
    await waitFor(/watching \d+ files/);
    expect(out).toMatch(/company-000: ties out/);
    const before = out.length;
    writeFileSync(p.fixture.data, readFileSync(p.fixture.data, "utf8").replace('"1H18": 300', '"1H18": 301').replace('"1H18": 1500', '"1H18": 1501'));
    await waitFor(/ties out[\s\S]*ties out/);
    expect(out.slice(before)).toMatch(/company-000: ties out/);
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT");
    await exited;
  }, 30_000);
});

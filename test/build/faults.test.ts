import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { holderText } from "../../src/build/holder.js";
import { TEMP_PREFIX } from "../../src/workbook/atomic.js";
import { tieout } from "../support/cli.js";
import { smallReport, writeFixture } from "../support/fixture.js";
import { ROOT } from "../support/root.js";

/**
 * Fault injection: full disks, read-only folders, kills, locks left in every way,
 * workers that crash. Expected outcomes are the README's promises (exit 2 for a bad
 * place to write, one line naming the path; the previous workbook untouched), not
 * tieout's output.
 */

const isRoot = process.getuid?.() === 0;
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync("umount", ["-l", m]);
});

/** A small tmpfs, or undefined (with the reason printed) when this process cannot mount one. */
function smallDisk(size = "4m"): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "tieout-disk-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0) {
    console.warn(`skipped: cannot mount a tmpfs (${isRoot ? r.stderr.trim() : "not root"})`);
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

/** Fills a disk to the last byte; gives a function that frees it. */
function fill(dir: string): () => void {
  const file = join(dir, "filler");
  const r = spawnSync("sh", ["-c", `dd if=/dev/zero of='${file}' bs=4096 2>/dev/null; dd if=/dev/zero of='${file}.2' bs=1 2>/dev/null; true`]);
  expect(r.status).toBe(0);
  return () => {
    rmSync(file, { force: true });
    rmSync(`${file}.2`, { force: true });
  };
}

/** A project of `names` reports in `dir`, outputs in `dir/out`. */
function project(names: string[], dir = mkdtempSync(join(tmpdir(), "tieout-faults-")), outputs = names.map((n) => `out/${n}.xlsx`)): { dir: string; config: string; data: string; out: (n: string) => string } {
  const f = writeFixture(smallReport(), {}, dir);
  const reports = names.map((name, i) => ({ name, template: "template.json", data: "report.json", output: outputs[i]! }));
  const config = join(dir, "tieout.config.json");
  writeFileSync(config, JSON.stringify({ reports }));
  return { dir, config, data: f.data, out: (n) => join(dir, outputs[names.indexOf(n)]!) };
}

const build = (config: string, ...args: string[]): ReturnType<typeof tieout> => tieout(["build", "--config", config, ...args]);
const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX) || /\.lock(\.break)?$/.test(f) || /\.[0-9a-f]{12}\.manifest\.json$/.test(f));
/** The manifest's record of the workbook's sha256 (the README's pairing rule). */
function pairedSha(workbook: string): string | undefined {
  const wb = sha(workbook);
  for (const m of [workbook.replace(/\.xlsx$/, ".manifest.json"), workbook.replace(/\.xlsx$/, `.${wb.slice(0, 12)}.manifest.json`)]) {
    if (!existsSync(m)) continue;
    const head = JSON.parse(readFileSync(m, "utf8").split("\n  \"sheets\"")[0]!.replace(/,\s*$/, "") + "}") as { workbookSha256?: string };
    if (head.workbookSha256 === wb) return wb;
  }
  return undefined;
}
/** Consistent new figures: a line and its total move together, so the report still ties out. */
function bump(data: string, by: number): void {
  const text = readFileSync(data, "utf8").replace(/"1H18": 3\d\d\b/, `"1H18": ${300 + by}`).replace(/"1H18": 15\d\d\b/, `"1H18": ${1500 + by}`);
  writeFileSync(data, text);
}

describe("locks that cannot wedge", () => {
  const lockOf = (p: ReturnType<typeof project>): string => {
    mkdirSync(join(p.dir, "out"), { recursive: true });
    return `${p.out("a")}.lock`;
  };

  it("an empty lock (a full disk at lock time, before link()) and a garbled one are taken over at once", () => {
    for (const content of ["", "0", "{\"pid\":"]) {
      const p = project(["a"]);
      writeFileSync(lockOf(p), content);
      const run = build(p.config, "--lock-timeout", "30");
      expect(run.status).toBe(0);
      expect(leftovers(join(p.dir, "out"))).toEqual([]);
    }
  });

  it("a lock left by an earlier process with this PID (another start time) is stale; a live unrelated holder is waited for", () => {
    const p = project(["a"]);
    const lock = lockOf(p);
    // This test process is alive: its record with another start time is a previous process with its PID.
    const mine = JSON.parse(holderText()) as Record<string, unknown>;
    writeFileSync(lock, JSON.stringify({ ...mine, start: "1" }));
    expect(build(p.config, "--lock-timeout", "30").status).toBe(0);
    writeFileSync(lock, holderText());
    const waited = build(p.config, "--force", "--lock-timeout", "0.3");
    expect(waited.status).toBe(3);
    expect(waited.stderr).toMatch(new RegExp(`another build \\(pid ${process.pid}\\) is writing`));
  });

  it("a lock left by the CLI's own PID in a PID namespace (the next CronJob pod is PID 1 again) is taken over", () => {
    if (!isRoot) return console.warn("skipped: unshare -pf needs root");
    const p = project(["a"]);
    const lock = lockOf(p);
    const node = process.execPath;
    const cli = join(ROOT, "dist/bin/main.js");
    // In one PID namespace: a helper records a lock as an earlier PID 1 of this namespace (another start time),
    // then tieout is exec'd as PID 1 itself, as the next run of a container is.
    const writeLock = `require('fs').writeFileSync('${lock}', JSON.stringify({pid: 1, start: '1', boot: require('fs').readFileSync('/proc/sys/kernel/random/boot_id','utf8').trim(), pidns: require('fs').readlinkSync('/proc/self/ns/pid'), host: require('os').hostname(), thread: 0}) + '\\n')`;
    const second = spawnSync("unshare", ["-pf", "--mount-proc", "sh", "-c", `'${node}' -e "${writeLock}" && exec '${node}' '${cli}' build --config '${p.config}' --lock-timeout 30`], { encoding: "utf8" });
    if (second.status !== 0 && /unshare/.test(second.stderr)) return console.warn(`skipped: unshare failed: ${second.stderr.trim()}`);
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(leftovers(join(p.dir, "out"))).toEqual([]);
  });

  it("a lock path that is a directory or a dangling link exits 2 at once, naming it; --lock-timeout abc exits 2", () => {
    const p = project(["a"]);
    const lock = lockOf(p);
    mkdirSync(lock);
    const dir = build(p.config);
    expect(dir.status).toBe(2);
    expect(dir.stderr).toMatch(/company|a\.xlsx\.lock: cannot use lock: the lock path is a directory/);
    expect(dir.stderr.trim().split("\n")).toHaveLength(1);
    rmSync(lock, { recursive: true });
    symlinkSync(join(p.dir, "nowhere"), lock);
    const link = build(p.config);
    expect(link.status).toBe(2);
    expect(link.stderr).toMatch(/a\.xlsx\.lock: cannot use lock: the lock path is a symbolic link/);
    rmSync(lock);
    const bad = build(p.config, "--lock-timeout", "abc");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--lock-timeout NaN is not a number of seconds/);
  });
});

describe("every failure is one line and an exit code", () => {
  it("a full disk at any point of the write exits 2 naming the path; temporary files and the lock are gone; the previous pair untouched", () => {
    const disk = smallDisk();
    if (!disk) return;
    const p = project(["a"], disk);
    expect(build(p.config).status).toBe(0);
    const before = sha(p.out("a"));
    const manifest = readFileSync(p.out("a").replace(/\.xlsx$/, ".manifest.json"));
    bump(p.data, 1);
    const free = fill(disk);
    const run = build(p.config);
    free();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tieout: \/.*: cannot [a-z ]+: no space left on device \(ENOSPC\)\n$/);
    expect(sha(p.out("a"))).toBe(before);
    expect(readFileSync(p.out("a").replace(/\.xlsx$/, ".manifest.json")).equals(manifest)).toBe(true);
    expect(leftovers(join(disk, "out"))).toEqual([]);
    expect(build(p.config).status).toBe(0);
    expect(sha(p.out("a"))).not.toBe(before);
    expect(pairedSha(p.out("a"))).toBe(sha(p.out("a")));
  });

  it("a read-only folder fails its report with exit 2 and one line; the other reports are built and printed (--jobs 1 and --jobs 2)", () => {
    if (isRoot) {
      // Root ignores permissions: a read-only mount is what refuses it.
      const disk = smallDisk("2m");
      if (!disk) return;
      for (const jobs of ["1", "2"]) {
        const p = project(["a", "b", "c"], mkdtempSync(join(tmpdir(), "tieout-ro-")), ["out/a.xlsx", `${disk}/b.xlsx`, "out/c.xlsx"]);
        expect(spawnSync("mount", ["-o", "remount,ro", disk]).status).toBe(0);
        const run = build(p.config, "--jobs", jobs, "--force-jobs", "--json");
        expect(spawnSync("mount", ["-o", "remount,rw", disk]).status).toBe(0);
        expect(run.status).toBe(2);
        const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { name: string; status: string; error?: string });
        expect(lines.map((l) => [l.name, l.status]).sort()).toEqual([["a", "built"], ["b", "error"], ["c", "built"]]);
        expect(lines.find((l) => l.name === "b")!.error).toMatch(/read-only file system \(EROFS\)/);
      }
    } else {
      const p = project(["a", "b"], mkdtempSync(join(tmpdir(), "tieout-ro-")), ["out/a.xlsx", "ro/b.xlsx"]);
      mkdirSync(join(p.dir, "ro"));
      chmodSync(join(p.dir, "ro"), 0o555);
      const run = build(p.config, "--json");
      expect(run.status).toBe(2);
      expect(run.stdout).toMatch(/"name":"a","status":"built"|"status":"built"/);
    }
  });
});

describe("one report never takes others down", () => {
  it("a worker that throws, and one that exits, fail their report (exit 3) and the others are built", () => {
    for (const fault of ["throw:b", "exit:b"]) {
      const p = project(["a", "b", "c", "d"]);
      const run = tieout(["build", "--config", p.config, "--jobs", "2", "--force-jobs", "--json"], ROOT, { TIEOUT_TEST_WORKER_FAULT: fault });
      expect(run.status).toBe(3);
      const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { name: string; status: string });
      expect(lines.map((l) => [l.name, l.status]).sort()).toEqual([["a", "built"], ["b", "error"], ["c", "built"], ["d", "built"]]);
      expect(leftovers(join(p.dir, "out"))).toEqual([]);
    }
  });

  it("each outcome is printed as soon as it is known: the first report's line comes while the second still waits for its lock", async () => {
    const p = project(["a", "b"]);
    mkdirSync(join(p.dir, "out"), { recursive: true });
    writeFileSync(`${p.out("b")}.lock`, holderText());
    const child = spawn(process.execPath, [join(ROOT, "dist/bin/main.js"), "build", "--config", p.config, "--json", "--lock-timeout", "20"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once("exit", r));
    for (let i = 0; i < 100 && !/"name":"a"/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/"name":"a","status":"built"/);
    expect(child.exitCode).toBe(null);
    rmSync(`${p.out("b")}.lock`);
    expect(await exited).toBe(0);
    expect(out).toMatch(/"name":"b","status":"built"/);
  }, 30_000);

  it("--jobs beyond the cores is capped and says so; --force-jobs uses it", () => {
    const p = project(["a", "b"]);
    const capped = build(p.config, "--jobs", "512");
    expect(capped.status).toBe(0);
    expect(capped.stderr).toMatch(/--jobs 512 capped to \d+ \(\d+ cores/);
  });
});

describe("leftovers", () => {
  it("a good build removes the report's .failed files, even when the inputs are back to the last good build's", () => {
    const p = project(["a"]);
    expect(build(p.config).status).toBe(0);
    const good = readFileSync(p.data, "utf8");
    writeFileSync(p.data, good.replace('"1H18": 1500', '"1H18": 1499'));
    expect(build(p.config).status).toBe(1);
    expect(existsSync(p.out("a").replace(/\.xlsx$/, ".failed.xlsx"))).toBe(true);
    writeFileSync(p.data, good);
    expect(build(p.config).status).toBe(0);
    expect(readdirSync(join(p.dir, "out")).filter((f) => f.includes(".failed."))).toEqual([]);
  });

  it("an old PDF is removed when its workbook is rebuilt; two reports with one output are refused (exit 2, both names)", () => {
    const p = project(["a"]);
    expect(build(p.config).status).toBe(0);
    const pdf = p.out("a").replace(/\.xlsx$/, ".pdf");
    writeFileSync(pdf, "%PDF- of the previous workbook");
    bump(p.data, 2);
    expect(build(p.config).status).toBe(0);
    expect(existsSync(pdf)).toBe(false);
    const dup = project(["x", "y"], mkdtempSync(join(tmpdir(), "tieout-dup-")), ["out/same.xlsx", "out/../out/same.xlsx"]);
    const run = build(dup.config);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/reports "x" and "y" both write .*same\.xlsx/);
  });
});

describe("the workbook and its manifest as a pair", () => {
  it("tieout check names the paired manifest, and fails a workbook whose manifest records another one", () => {
    const p = project(["a"]);
    expect(build(p.config).status).toBe(0);
    const ok = tieout(["check", "--json", p.out("a")]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).manifest).toBe(p.out("a").replace(/\.xlsx$/, ".manifest.json"));
    // The workbook of another build put in its place (what renaming the two separately could leave).
    const other = project(["a"]);
    bump(other.data, 3);
    expect(build(other.config).status).toBe(0);
    writeFileSync(p.out("a"), readFileSync(other.out("a")));
    const bad = tieout(["check", p.out("a")]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/manifest .*a\.manifest\.json records another workbook/);
  });
});

describe("a scheduler loop", () => {
  it("50 rounds of build, kill at a random moment, full disk, freed disk, build again: the workbook is always a published version with its manifest, nothing is left over, no round needs a person", async () => {
    const disk = smallDisk("4m");
    if (!disk) return;
    const p = project(["a"], disk);
    const out = p.out("a");
    const published = new Set<string>();
    const whole = (): void => {
      if (!existsSync(out)) return;
      expect(published.has(sha(out))).toBe(true);
      expect(pairedSha(out)).toBe(sha(out));
    };
    let seed = 18;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    expect(build(p.config).status).toBe(0);
    published.add(sha(out));
    for (let round = 0; round < 50; round++) {
      bump(p.data, (round % 5) + 1);
      const child = spawn(process.execPath, [join(ROOT, "dist/bin/main.js"), "build", "--config", p.config], { stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 500)));
      child.kill("SIGKILL");
      await exited;
      // A kill after the commit point published the new version: it is one of the builds' outputs.
      if (existsSync(out) && !published.has(sha(out))) published.add(sha(out));
      whole();
      const free = fill(disk);
      const full = build(p.config);
      free();
      expect([0, 2]).toContain(full.status);
      if (full.status === 2) expect(full.stderr.trim().split("\n")).toHaveLength(1);
      whole();
      const again = build(p.config);
      expect(again.stderr).toBe("");
      expect(again.status).toBe(0);
      published.add(sha(out));
      whole();
      expect(leftovers(join(disk, "out"))).toEqual([]);
    }
  }, 240_000);
});

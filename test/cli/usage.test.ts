import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tieout } from "../support/cli.js";

describe("usage", () => {
  it("--version prints the version package.json declares", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const r = tieout(["--version"]);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });
  it("an unknown command is named, the commands listed, exit 2", () => {
    const r = tieout(["bogus"]);
    expect(r.stderr).toMatch(/unknown command "bogus"/);
    expect(r.stderr).toMatch(/build, check, corpus, list, init, schemas/);
    expect(r.status).toBe(2);
  });
  it("piped --help breaks lines between words only", () => {
    const r = tieout(["--help"]);
    // "whether" is one word of the check command's description; the old help split it as "wh ether".
    expect(r.stdout).toMatch(/whether/);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });
});

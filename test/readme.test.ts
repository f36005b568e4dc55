import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtPack } from "./support/pack.js";
import { ROOT } from "./support/root.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

/** The JSON block that follows a heading's first paragraph. */
function jsonAfter(heading: string): unknown {
  const section = readme.slice(readme.indexOf(heading));
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]!);
}

/** `expected` is a part of `actual`: every key it has, with the same value ("…" stands for a hash). */
function within(expected: unknown, actual: unknown, path: string): void {
  if (expected === "…" || (typeof expected === "string" && expected.endsWith("+…"))) {
    expect(typeof actual, path).toBe("string");
    expect(actual as string, path).toMatch(new RegExp(`^${(expected as string).replace("…", "").replace(/[.+]/g, "\\$&")}`));
    return;
  }
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected)) {
      expect(actual, path).toHaveProperty([k]);
      within(v, (actual as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe("the README says what the build does", () => {
  it("its manifest example is part of the manifest the IIJ pack's build writes, key for key and figure for figure", async () => {
    const { manifest } = await builtPack();
    const example = jsonAfter("## The manifest") as Record<string, unknown>;
    expect(Object.keys(example)).toEqual(Object.keys(manifest));
    // Inputs are named relative to the workbook: the test builds elsewhere than out/, so only their ends compare.
    const { inputs, ...rest } = example as { inputs: Record<string, string> };
    for (const name of Object.keys(inputs)) expect(Object.keys(manifest.inputs).some((k) => k.endsWith(name.replace(/^\.\.\//, "/"))), name).toBe(true);
    within(rest, manifest, "$");
  });

  it("points at nothing outside the repository", () => {
    expect(readme).not.toMatch(/\.\.\/shared|\/work\/|shared\/source/);
    for (const [, path] of readme.matchAll(/`((?:data|templates|src|test|schemas)\/[^`*\s]+)`/g)) {
      if (/NAME|\{/.test(path!)) continue;
      expect(existsSync(join(ROOT, path!)), `${path} exists`).toBe(true);
    }
  });
});

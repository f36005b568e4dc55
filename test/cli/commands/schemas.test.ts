import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEMAS, schemaText } from "../../../src/cli/commands/schemas.js";
import { ROOT } from "../../support/root.js";

describe("JSON Schemas for editors", () => {
  it.each(Object.keys(SCHEMAS))("the committed schemas/%s is the one the zod schemas generate (run `npm run schemas`)", (name) => {
    const committed = readFileSync(join(ROOT, "schemas", name), "utf8");
    expect(committed).toBe(schemaText(SCHEMAS[name as keyof typeof SCHEMAS]));
  });

  it("a figure is a plain JSON number in the schema, though exact decimals in the code", () => {
    const data = JSON.parse(schemaText(SCHEMAS["data.schema.json"])) as { $defs?: Record<string, unknown> };
    const text = JSON.stringify(data);
    expect(text).toContain('"type":"number"');
    expect(text).not.toContain('"figure":{}');
  });
});

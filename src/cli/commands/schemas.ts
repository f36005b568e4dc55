import { mkdirSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { csvMapping } from "../../data/csv/mapping.js";
import { xbrlSource } from "../../data/xbrl/source-mapping.js";
import { dataFile, report } from "../../data/schema.js";
import { sheet, template } from "../../template/schema.js";
import { writeFileAtomic } from "../../workbook/atomic.js";
import { config } from "../../build/config.js";

/** The JSON Schemas editors use to autocomplete data, templates and the config; generated, never written by hand. */
export const SCHEMAS = {
  "report.schema.json": report,
  "data.schema.json": dataFile,
  "csv-mapping.schema.json": csvMapping,
  "xbrl-source.schema.json": xbrlSource,
  "template.schema.json": template,
  "sheet.schema.json": sheet,
  "config.schema.json": config,
} as const;

/** One schema as text: figures are exact decimals in our code but plain JSON numbers in the file. */
export function schemaText(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const meta = z.globalRegistry.get(ctx.zodSchema);
      if (meta?.id === "figure") {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[key];
        Object.assign(ctx.jsonSchema, { type: "number", description: meta.description });
      }
    },
  });
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function writeSchemas(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(SCHEMAS).map(([name, schema]) => {
    const file = join(dir, name);
    writeFileAtomic(file, schemaText(schema));
    return file;
  });
}

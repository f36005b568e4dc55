import { dirname, resolve } from "node:path";
import * as z from "zod";
import { readJson } from "../data/json.js";
import { validate } from "../data/validate.js";
import { InputError } from "../errors.js";
import { failedPath } from "./paths.js";

export const reportEntry = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a report name is letters, digits, . _ -"),
  template: z.string().min(1).describe("Template file, relative to the config file."),
  data: z.string().min(1).describe("Report data file (report.json), relative to the config file."),
  output: z.string().regex(/\.xlsx$/, "the output is an .xlsx file").describe("Workbook to write, relative to the config file."),
});

export const config = z.strictObject({
  $schema: z.string().optional(),
  reports: z.array(reportEntry).min(1),
});

export type ReportEntry = z.infer<typeof reportEntry>;

/** The reports a project builds, with paths made absolute. */
export function loadConfig(file: string): ReportEntry[] {
  const path = resolve(file);
  const c = validate(config, readJson(path, InputError, "double"), file, InputError);
  const seen = new Set<string>();
  // Every file a report writes, by the report writing it: two reports writing one file would overwrite each other on every run.
  const writers = new Map<string, string>();
  return c.reports.map((r, i) => {
    if (seen.has(r.name)) throw new InputError(`report "${r.name}" is listed twice`, { file, path: `$.reports[${i}].name`, hint: "unique report names" });
    seen.add(r.name);
    const at = (p: string): string => resolve(dirname(path), p);
    const output = at(r.output);
    for (const written of [output, failedPath(output)]) {
      const other = writers.get(written);
      if (other !== undefined) throw new InputError(`reports "${other}" and "${r.name}" both write ${written}`, { file, path: `$.reports[${i}].output`, hint: "a different output for each report" });
    }
    writers.set(output, r.name);
    writers.set(failedPath(output), r.name);
    return { name: r.name, template: at(r.template), data: at(r.data), output };
  });
}

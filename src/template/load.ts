import { dirname, resolve } from "node:path";
import { readJson } from "../data/json.js";
import { validate } from "../data/validate.js";
import { TemplateError } from "../errors.js";
import { sheet as sheetSchema, template as templateSchema, type Sheet, type TemplateFile } from "./schema.js";

export interface LoadedSheet extends Sheet {
  file: string;
}

export interface Template {
  file: string;
  title: string;
  /** Units the template declares besides tieout's own. */
  units?: TemplateFile["units"];
  sheets: LoadedSheet[];
  files: string[];
}

/** Sheet names tieout writes itself. */
export const GENERATED_SHEETS = ["Checks", "Published"] as const;

/** Reads a template file and its sheet files, and checks what the schema cannot see alone. */
export function loadTemplate(templateFile: string): Template {
  const file = resolve(templateFile);
  const t = validate(templateSchema, readJson(file, TemplateError, "double"), templateFile, TemplateError);
  const sheets: LoadedSheet[] = [];
  const files = [file];
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const g of GENERATED_SHEETS) names.set(g.toLowerCase(), "(written by tieout)");

  t.sheets.forEach((name, i) => {
    const sheetFile = resolve(dirname(file), name);
    files.push(sheetFile);
    const s = validate(sheetSchema, readJson(sheetFile, TemplateError, "double"), sheetFile, TemplateError);
    const key = s.name.toLowerCase();
    const clash = names.get(key);
    if (clash) {
      throw new TemplateError(`sheet name "${s.name}" is already used`, {
        file: sheetFile,
        path: "$.name",
        hint: `a name unique regardless of case (Excel treats "${s.name}" and the one in ${clash} as the same)`,
      });
    }
    names.set(key, sheetFile);
    const idClash = ids.get(s.id);
    if (idClash) throw new TemplateError(`sheet id "${s.id}" is already used`, { file: sheetFile, path: "$.id", hint: `unique sheet ids (the other is in ${idClash})` });
    ids.set(s.id, sheetFile);
    checkRowIds(s, sheetFile);
    void i;
    sheets.push({ ...s, file: sheetFile });
  });
  return { file, title: t.title, ...(t.units && { units: t.units }), sheets, files };
}

function checkRowIds(s: Sheet, file: string): void {
  const seen = new Set<string>();
  s.rows.forEach((r, i) => {
    if (!("id" in r)) return;
    if (seen.has(r.id)) throw new TemplateError(`row id "${r.id}" is used twice`, { file, path: `$.rows[${i}].id`, hint: "unique row ids within a sheet" });
    seen.add(r.id);
  });
}

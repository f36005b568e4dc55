import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { ROOT } from "./root.js";

const SCHEMAS = join(ROOT, "test/fixtures/ooxml-schemas");

/** The ECMA-376 Transitional schema (or OPC schema) of each content type a workbook part has. */
const SCHEMA_OF: Record<string, string> = {
  "application/vnd.openxmlformats-package.relationships+xml": "opc/opc-relationships.xsd",
  "application/vnd.openxmlformats-package.core-properties+xml": "opc/opc-coreProperties.xsd",
  "application/vnd.openxmlformats-officedocument.extended-properties+xml": "transitional/shared-documentPropertiesExtended.xsd",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "transitional/sml.xsd",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml": "transitional/sml.xsd",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml": "transitional/sml.xsd",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml": "transitional/sml.xsd",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml": "transitional/sml.xsd",
  "application/vnd.openxmlformats-officedocument.drawing+xml": "transitional/dml-spreadsheetDrawing.xsd",
  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": "transitional/dml-chart.xsd",
  // Not in ECMA's XSDs as a document: the wrapper validates the root's children strictly against the VML schemas.
  "application/vnd.openxmlformats-officedocument.vmlDrawing": "vml-wrapper.xsd",
};
const CONTENT_TYPES_SCHEMA = "opc/opc-contentTypes.xsd";

/**
 * The one known gap of the published schema: `<t>` (ST_Xstring, in CT_Rst and CT_RElt) takes no
 * attributes, yet Excel writes `xml:space="preserve"` on it, in comments and in shared strings that
 * begin or end with a space, and needs it there to keep those spaces (both parts hold text as
 * CT_Rst: it is one gap). Allowed on `<t>` of those two parts, nowhere else.
 */
const KNOWN_GAPS: { part: RegExp; message: string }[] = [
  {
    part: /^xl\/(?:comments\d+|sharedStrings)\.xml$/,
    message:
      "element t: Schemas validity error : Element '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t', attribute '{http://www.w3.org/XML/1998/namespace}space': The attribute '{http://www.w3.org/XML/1998/namespace}space' is not allowed.",
  },
];

/** libxml2's notice that dcterms.xsd imports dc.xsd a second time, by its relative path: the same schema, skipped. */
const HARMLESS = /Schemas parser warning : Element '\{http:\/\/www\.w3\.org\/2001\/XMLSchema\}import': Skipping import of schema located at '[^']*dc\.xsd' for the namespace 'http:\/\/purl\.org\/dc\/elements\/1\.1\/', since this namespace was already imported/;

export interface Validation {
  /** Every part of the package, by the schema it was validated against. */
  parts: Record<string, string[]>;
  /** What xmllint reported that is not the known gap, as `part: message`; parts without a schema too. */
  problems: string[];
  /** How many times the known gap was met and allowed. */
  allowed: number;
}

/** The schema of a part: its content type's, from [Content_Types].xml (an Override, or the Default of its extension). */
function schemaFor(part: string, types: string): string | undefined {
  if (part === "[Content_Types].xml") return CONTENT_TYPES_SCHEMA;
  const override = new RegExp(`<Override PartName="/${part.replace(/[.[\]]/g, "\\$&")}" ContentType="([^"]+)"`).exec(types)?.[1];
  const extension = part.slice(part.lastIndexOf(".") + 1);
  const type = override ?? new RegExp(`<Default Extension="${extension}" ContentType="([^"]+)"`).exec(types)?.[1];
  return type === undefined ? undefined : SCHEMA_OF[type];
}

/**
 * Validates every part of an .xlsx against the ECMA-376 Transitional schemas with `xmllint --schema`
 * (libxml2), offline, one xmllint run per schema.
 */
export async function validatePackage(xlsx: string): Promise<Validation> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  const dir = mkdtempSync(join(tmpdir(), "tieout-schema-"));
  try {
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const parts: Record<string, string[]> = {};
    const problems: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)) {
      const schema = schemaFor(name, types);
      if (schema === undefined) {
        problems.push(`${name}: no schema for its content type`);
        continue;
      }
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), await zip.file(name)!.async("nodebuffer"));
      (parts[schema] ??= []).push(name);
    }
    let allowed = 0;
    for (const [schema, names] of Object.entries(parts)) {
      const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(SCHEMAS, schema), ...names], {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, XML_CATALOG_FILES: join(SCHEMAS, "catalog.xml") },
      });
      if (run.error) throw run.error;
      const verdicts = new Set<string>();
      for (const line of run.stderr.split("\n").filter(Boolean)) {
        const verdict = /^(.+) (validates|fails to validate)$/.exec(line);
        if (verdict) {
          verdicts.add(verdict[1]!);
          continue;
        }
        if (HARMLESS.test(line)) continue;
        const at = /^(.+?):\d+: (.*)$/.exec(line);
        if (at && KNOWN_GAPS.some((g) => g.part.test(at[1]!) && g.message === at[2])) {
          allowed++;
          continue;
        }
        problems.push(line);
      }
      for (const name of names) if (!verdicts.has(name)) problems.push(`${name}: xmllint gave no verdict (${schema})`);
    }
    return { parts, problems, allowed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

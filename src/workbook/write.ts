import type { ComputedValues } from "../formula/stored.js";
import { writeAtomically, type AtomicFile } from "./atomic.js";
import type { Model } from "../model/types.js";
import { chartParts, type ChartParts } from "./chart/parts.js";
import { CONTENT_TYPE, contentTypesXml } from "./content-types.js";
import { appPropertiesXml, corePropertiesXml } from "./doc-props.js";
import { blocksFor, commentsXml, sheetNotes, vmlXml } from "./notes.js";
import { RELATIONSHIP, relationships, relationshipsXml, relsOf } from "./relationships.js";
import { SharedStrings } from "./shared-strings.js";
import { StyleSheet } from "./styles.js";
import { workbookXml } from "./workbook-part.js";
import { surveySheet, worksheetXml, type SheetSurvey } from "./worksheet.js";
import { MemorySink, ZipWriter, type ZipSink } from "./zip.js";

const WORKBOOK = "xl/workbook.xml";
const STYLES = "xl/styles.xml";
const STRINGS = "xl/sharedStrings.xml";

/** A sheet's parts and how they are related, decided before anything is written. */
interface SheetPlan {
  part: string;
  survey: SheetSurvey;
  notes?: { comments: string; vml: string; firstBlock: number };
  charts?: ChartParts;
  drawing?: string;
  legacyDrawing?: string;
  rels: { type: string; part: string }[];
}

/**
 * The workbook as bytes: every formula with its computed result, inputs as values,
 * each row's sources as a note on its label, cell formats, frozen panes, print setup,
 * names, pass/fail colours and charts; the same model, the same bytes (entries dated
 * to the release, parts in a fixed order).
 *
 * Each part is written by tieout as text, a worksheet a row at a time, and deflated
 * as it is made: a report of a million cells never exists as a workbook object, nor
 * its sheets as whole strings; only the compressed package is kept.
 */
export async function workbookBytes(model: Model, computed: ComputedValues): Promise<Uint8Array> {
  const sink = new MemorySink();
  await writePackage(model, computed, sink);
  return sink.bytes();
}

/**
 * Writes the workbook to `file` atomically (see AtomicFile), its parts going to the
 * file as they are deflated: not even the compressed package is held in memory.
 * Gives the sha256 of the file's bytes.
 */
export function writeWorkbook(file: string, model: Model, computed: ComputedValues): Promise<string> {
  return writeAtomically(file, (out) => writeWorkbookInto(out, model, computed));
}

/** Writes the workbook into an AtomicFile the caller commits; gives the sha256 of its bytes. */
export async function writeWorkbookInto(out: AtomicFile, model: Model, computed: ComputedValues): Promise<string> {
  await writePackage(model, computed, out);
  return out.sha256();
}

async function writePackage(model: Model, computed: ComputedValues, sink: ZipSink): Promise<void> {
  const date = new Date(`${model.released}T00:00:00Z`);
  const plans = planSheets(model, computed);
  const props = { title: model.title, subject: model.subject, company: model.company, date, sheets: model.sheets.map((s) => s.name) };
  const zip = new ZipWriter(date, sink);

  await zip.add("[Content_Types].xml", contentTypesXml(contentTypes(plans)));
  await zip.add("_rels/.rels", relationshipsXml(relationships("", [
    { type: RELATIONSHIP.officeDocument, part: WORKBOOK },
    { type: RELATIONSHIP.coreProperties, part: "docProps/core.xml" },
    { type: RELATIONSHIP.extendedProperties, part: "docProps/app.xml" },
  ])));
  await zip.add("docProps/app.xml", appPropertiesXml(props));
  await zip.add("docProps/core.xml", corePropertiesXml(props));
  const bookRels = relationships(WORKBOOK, [
    ...plans.map((p) => ({ type: RELATIONSHIP.worksheet, part: p.part })),
    { type: RELATIONSHIP.styles, part: STYLES },
    { type: RELATIONSHIP.sharedStrings, part: STRINGS },
  ]);
  const sheets = model.sheets.map((s, i) => ({ name: s.name, relationship: bookRels[i]!.id, printTitleRows: s.headerRow }));
  await zip.add(WORKBOOK, workbookXml(sheets, model.sheets.flatMap((s) => s.names ?? [])));
  await zip.add(relsOf(WORKBOOK), relationshipsXml(bookRels));

  const styles = new StyleSheet();
  const strings = new SharedStrings();
  for (const [i, sheet] of model.sheets.entries()) {
    const plan = plans[i]!;
    const passFail = model.verdicts.filter((v) => v.sheet === sheet.name).map((v) => ({ row: v.row, col: v.okColumn }));
    if (model.master.sheet === sheet.name) passFail.push({ row: model.master.row, col: model.master.col });
    const ctx = { computed, styles, strings, selected: i === 0, title: model.title, passFail, drawing: plan.drawing, legacyDrawing: plan.legacyDrawing };
    await zip.add(plan.part, worksheetXml(sheet, plan.survey, ctx));
    if (plan.rels.length > 0) await zip.add(relsOf(plan.part), relationshipsXml(relationships(plan.part, plan.rels)));
    if (plan.notes) {
      await zip.add(plan.notes.comments, commentsXml(sheetNotes(sheet)));
      await zip.add(plan.notes.vml, vmlXml(sheetNotes(sheet), plan.survey.notes, plan.notes.firstBlock));
    }
    if (plan.charts) {
      for (const part of [plan.charts.drawing, plan.charts.drawingRels, ...plan.charts.charts]) await zip.add(part.part, part.xml);
    }
  }
  // Formats and strings are known once every sheet is written.
  await zip.add(STYLES, styles.xml());
  await zip.add(STRINGS, strings.xml());
  zip.finish();
}

/**
 * Numbers every sheet's parts in tab order (`sheet3.xml` has `comments3.xml` and
 * `vmlDrawing3.vml`; drawings and charts are numbered on across the sheets that have
 * them), and gives each sheet its relationships: drawing, then comments and VML.
 */
function planSheets(model: Model, computed: ComputedValues): SheetPlan[] {
  let block = 1;
  let drawings = 0;
  let charts = 0;
  return model.sheets.map((sheet, i) => {
    const n = i + 1;
    const plan: SheetPlan = { part: `xl/worksheets/sheet${n}.xml`, survey: surveySheet(sheet), rels: [] };
    const rel = (type: string, part: string): string => {
      plan.rels.push({ type, part });
      return `rId${plan.rels.length}`;
    };
    if (sheet.charts && sheet.charts.length > 0) {
      plan.charts = chartParts(sheet.charts, ++drawings, charts + 1, computed);
      charts += sheet.charts.length;
      plan.drawing = rel(RELATIONSHIP.drawing, plan.charts.drawing.part);
    }
    if (plan.survey.notes > 0) {
      plan.notes = { comments: `xl/comments${n}.xml`, vml: `xl/drawings/vmlDrawing${n}.vml`, firstBlock: block };
      block += blocksFor(plan.survey.notes);
      rel(RELATIONSHIP.comments, plan.notes.comments);
      plan.legacyDrawing = rel(RELATIONSHIP.vmlDrawing, plan.notes.vml);
    }
    return plan;
  });
}

function contentTypes(plans: SheetPlan[]): { part: string; type: string }[] {
  return [
    { part: WORKBOOK, type: CONTENT_TYPE.workbook },
    { part: "docProps/core.xml", type: CONTENT_TYPE.coreProperties },
    { part: "docProps/app.xml", type: CONTENT_TYPE.extendedProperties },
    ...plans.flatMap((p) => [
      { part: p.part, type: CONTENT_TYPE.worksheet },
      ...(p.notes ? [{ part: p.notes.comments, type: CONTENT_TYPE.comments }] : []),
      ...(p.charts ? [{ part: p.charts.drawing.part, type: CONTENT_TYPE.drawing }, ...p.charts.charts.map((c) => ({ part: c.part, type: CONTENT_TYPE.chart }))] : []),
    ]),
    { part: STYLES, type: CONTENT_TYPE.styles },
    { part: STRINGS, type: CONTENT_TYPE.sharedStrings },
  ];
}

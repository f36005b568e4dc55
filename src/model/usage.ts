import { TemplateError } from "../errors.js";
import type { CellRef, FormulaToken } from "../template/compile.js";
import { FIRST_ROW, type Layout, type SheetLayout } from "../template/layout.js";

/**
 * Which template rows something uses: a formula of another row, a check, a published
 * figure, a chart. An input row nothing uses is most often a line left out of a
 * total's range (`SUM(a:b)` with the new line just after `b`): a warning, an error with
 * `--strict`. Memo and "of which" lines stand alone on purpose and are not reported.
 */
export class Usage {
  /** A flag per row of each sheet: a large report notes rows by the million. */
  private readonly used = new Map<SheetLayout, Uint8Array>();

  /** The rows a compiled formula names; `self`, the row that holds it, does not use itself. */
  noteTokens(tokens: FormulaToken[], self?: { sheet: SheetLayout; row: number }): void {
    for (const t of tokens) {
      if (t.kind === "ref") this.note(t.ref, self);
      else if (t.kind === "range") for (let row = t.from.row; row <= t.to.row; row++) this.note({ ...t.from, row }, self);
    }
  }

  noteRow(sheet: SheetLayout, row: number): void {
    let flags = this.used.get(sheet);
    if (!flags) this.used.set(sheet, (flags = new Uint8Array(FIRST_ROW + sheet.rows.length)));
    flags[row] = 1;
  }

  private note(ref: CellRef, self?: { sheet: SheetLayout; row: number }): void {
    if (self && ref.sheet === self.sheet && ref.row === self.row) return;
    this.noteRow(ref.sheet, ref.row);
  }

  /** One warning per input row that nothing uses, in sheet order. */
  unused(layout: Layout): TemplateError[] {
    const out: TemplateError[] = [];
    for (const sheet of layout.sheets) {
      const used = this.used.get(sheet);
      sheet.rows.forEach(({ row, spec }, i) => {
        if (!("id" in spec) || spec.formula !== undefined || spec.style === "memo" || spec.style === "of_which" || used?.[row] === 1) return;
        out.push(
          new TemplateError(`input row "${spec.id}" is used by no formula, check, chart or published figure`, {
            file: sheet.sheet.file,
            path: `$.rows[${i}]`,
            hint: `a total's range that covers it (is it just outside one?), or "style": "memo" for a line that stands alone`,
          }),
        );
      });
    }
    return out;
  }
}

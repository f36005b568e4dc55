/**
 * Every error tieout raises on purpose says where (file, and the path inside it:
 * a JSON path, a template row, a cell) and what was expected, so that the CLI can
 * print one clear line and pick the exit code without guessing from the message.
 */
export interface Where {
  /** The file the problem is in, as the user named it. */
  file?: string | undefined;
  /** The place inside the file: `$.statements.is_6m.items.rev_total`, `row gm_ratio`, `'Summary'!C7`. */
  path?: string | undefined;
  /** What was expected, or how to fix it. */
  hint?: string | undefined;
}

export abstract class TieoutError extends Error {
  readonly file: string | undefined;
  readonly path: string | undefined;
  readonly hint: string | undefined;
  /** 1: a figure does not tie; 2: bad input or usage; 3: unexpected. */
  abstract readonly exitCode: 1 | 2 | 3;

  constructor(message: string, where: Where = {}) {
    super(message);
    this.name = new.target.name;
    this.file = where.file;
    this.path = where.path;
    this.hint = where.hint;
  }

  /** One line for humans: `file: path: message (hint)`. */
  describe(): string {
    const place = [this.file, this.path].filter((p): p is string => Boolean(p)).join(": ");
    const hint = this.hint ? ` — expected: ${this.hint}` : "";
    return `${place ? `${place}: ` : ""}${this.message}${hint}`;
  }
}

/** Bad input: a data file, a template, a workbook given to `check`, a CLI argument. */
export class InputError extends TieoutError {
  readonly exitCode = 2 as const;
}

/** The data file does not match its schema, or cannot be read. */
export class DataError extends InputError {}

/** The template does not match its schema, or names rows, sheets or columns that do not exist. */
export class TemplateError extends InputError {}

/** Formula text that cannot be parsed; `path` names the cell or template row it came from. */
export class FormulaSyntaxError extends InputError {
  constructor(
    message: string,
    readonly formula: string,
    readonly position: number,
    where: Where = {},
  ) {
    super(message, where);
  }
}

/** Formulas that depend on themselves; `cells` is the cycle in order, first cell repeated at the end. */
export class CycleError extends InputError {
  constructor(
    readonly cells: string[],
    where: Where = {},
  ) {
    super(`circular reference: ${cells.join(" → ")}`, where);
  }
}

/** A workbook given to `check` that cannot be read as a spreadsheet. */
export class WorkbookReadError extends InputError {}

/** Checks or published figures that do not hold: the workbook is written, but it does not tie out. */
export class TieOutFailure extends TieoutError {
  readonly exitCode = 1 as const;
}

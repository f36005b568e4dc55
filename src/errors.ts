/**
 * Every error tieout raises on purpose says where (file, and the path inside it:
 * a JSON path, a template row, a cell) and what was expected, so that the CLI can
 * print one clear line and pick the exit code without guessing from the message.
 */
/**
 * Exit codes, for every command, defined here only: 0 ok, 1 a check or published
 * figure does not hold, 2 bad input, usage or a bad place to write, 3 unexpected.
 */
export const EXIT = { ok: 0, fails: 1, input: 2, unexpected: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

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

/** An external program tieout runs (LibreOffice, gnumeric) is missing, failed, timed out, or wrote nothing. Not the user's input: exit code 3. */
export abstract class ExternalToolError extends TieoutError {
  readonly exitCode = EXIT.unexpected;

  constructor(
    message: string,
    where: Where = {},
    /** What the program printed (stdout and stderr), for diagnosis. */
    readonly output = "",
  ) {
    super(message, where);
  }
}

/** LibreOffice is missing, failed, timed out, or wrote nothing. */
export class LibreOfficeError extends ExternalToolError {}

/** ssconvert is missing, failed, timed out, or wrote nothing. */
export class GnumericError extends ExternalToolError {}

/** Another build holds the output's lock for longer than --lock-timeout. */
export class LockedError extends TieoutError {
  readonly exitCode = EXIT.unexpected;
}

/**
 * Error codes that mean the place to write is bad (full, read-only, forbidden, not a
 * folder, gone): the user's to fix, exit 2. Any other system error is unexpected, exit 3.
 */
const BAD_PLACE = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOENT", "ELOOP", "ENAMETOOLONG", "EEXIST", "EFBIG", "EMLINK", "EXDEV"]);

/** A file system call that failed: names the operation and the path, says why in words. */
export class FileSystemError extends TieoutError {
  readonly exitCode: 2 | 3;

  constructor(
    readonly operation: string,
    file: string,
    readonly code: string | undefined,
    reason: string,
  ) {
    super(`cannot ${operation}: ${reason}${code ? ` (${code})` : ""}`, { file });
    this.exitCode = code && BAD_PLACE.has(code) ? EXIT.input : EXIT.unexpected;
  }

  /** `e` as a FileSystemError about `operation` on `file`; a TieoutError stays what it is. */
  static of(e: unknown, operation: string, file: string): TieoutError {
    if (e instanceof TieoutError) return e;
    const errno = e as NodeJS.ErrnoException;
    const code = typeof errno?.code === "string" ? errno.code : undefined;
    return new FileSystemError(operation, file, code, reasonOf(errno));
  }
}

/** `ENOSPC: no space left on device, write` → `no space left on device`. */
function reasonOf(e: NodeJS.ErrnoException | undefined): string {
  const text = e?.message ?? String(e);
  const m = /^[A-Z]+: ([^,]+)/.exec(text);
  return m ? m[1]! : text;
}

/** Runs a file system call, turning its failure into a FileSystemError naming the operation and path. */
export function onDisk<T>(operation: string, file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw FileSystemError.of(e, operation, file);
  }
}

/** A report's error already described in another thread, passed on with its exit code. */
export class ReportFailed extends TieoutError {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3,
  ) {
    super(message);
  }

  override describe(): string {
    return this.message;
  }
}

/** Anything thrown, as the one line and exit code a user sees; a stack only with TIEOUT_DEBUG=1. */
export function describeError(e: unknown): { message: string; exitCode: 1 | 2 | 3 } {
  if (e instanceof TieoutError) return { message: e.describe(), exitCode: e.exitCode };
  const errno = e as NodeJS.ErrnoException;
  if (typeof errno?.code === "string" && typeof errno.syscall === "string") {
    const f = FileSystemError.of(e, errno.syscall, errno.path ?? "?");
    return { message: f.describe(), exitCode: f.exitCode };
  }
  const detail = process.env.TIEOUT_DEBUG ? ((e as Error)?.stack ?? String(e)) : e instanceof Error ? e.message : String(e);
  return { message: `unexpected error: ${detail.replace(/\n/g, process.env.TIEOUT_DEBUG ? "\n" : " ")}`, exitCode: EXIT.unexpected };
}

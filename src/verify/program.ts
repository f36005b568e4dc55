import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { copyFile, rename, rm, stat } from "node:fs/promises";
import { basename, delimiter, join, resolve } from "node:path";
import { WorkbookReadError } from "../errors.js";

/**
 * Running the spreadsheet programs that referee tieout (LibreOffice, gnumeric):
 * finding them, and running one in a process group of its own with a time limit.
 */

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` on PATH. */
export function onPath(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  const suffixes = process.platform === "win32" ? ["", ".exe", ".com"] : [""];
  for (const dir of dirs) {
    for (const name of names) {
      for (const suffix of suffixes) {
        const candidate = join(dir, name + suffix);
        if (isExecutable(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/** Runs a program in its own process group, so a timeout kills what it started too, not only a launcher script. */
export function run(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.stderr.on("data", (b: Buffer) => chunks.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output: Buffer.concat(chunks).toString("utf8").trim(), timedOut });
    });
  });
}

/** How a run ended, for a message: `exit code 1`, `killed by SIGKILL`. */
export function ended(result: Run): string {
  return result.code !== null ? `exit code ${result.code}` : `killed by ${result.signal}`;
}

export async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

/** A file's name without its extension: `pack` for `out/pack.xlsx`. */
export function fileStem(file: string): string {
  return basename(file).replace(/\.[^.]*$/, "");
}

/** The absolute path of a workbook to hand to a program, checked first: a missing one is the caller's input error. */
export async function existingWorkbook(input: string): Promise<string> {
  const source = resolve(input);
  try {
    if (!(await stat(source)).isFile()) throw new Error("not a file");
  } catch {
    throw new WorkbookReadError("no such workbook", { file: input, hint: "an existing .xlsx file" });
  }
  return source;
}

import { readFileSync } from "node:fs";
import { parse } from "lossless-json";
import { DataError, type InputError } from "../errors.js";
import { NumberText } from "./number.js";

type ErrorClass = new (message: string, where: { file?: string; path?: string; hint?: string }) => InputError;

/** Line and column (1-based) of a character offset, for messages a person can follow. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Reads a JSON file without letting any number become a double: numbers arrive as
 * NumberText, to be validated and turned into decimals by the schema. Duplicate keys,
 * which JSON.parse would silently collapse, are an error.
 */
export function readJson(file: string, ErrorType: ErrorClass = DataError, numbers: "exact" | "double" = "exact"): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ErrorType(code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(e)})`, { file });
  }
  if (text.trim() === "") throw new ErrorType("the file is empty", { file, hint: "a JSON object" });
  try {
    return parse(text, null, {
      // Templates hold layout numbers (indents, tolerances), not figures: doubles are fine there.
      parseNumber: (digits) => (numbers === "exact" ? new NumberText(digits) : Number(digits)),
      onDuplicateKey: ({ key, position }) => {
        throw new ErrorType(`duplicate key "${key}" (${lineColumn(text, position)})`, {
          file,
          hint: "each key once: a second entry would silently replace the first",
        });
      },
    });
  } catch (e) {
    if (e instanceof Error && "file" in e) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const where = at?.[1] ? ` (${lineColumn(text, Number(at[1]))})` : "";
    throw new ErrorType(`malformed JSON: ${message}${where}`, { file, hint: "valid JSON" });
  }
}

import type * as z from "zod";
import { DataError, type InputError, type Where } from "../errors.js";

type ErrorClass = new (message: string, where: Where) => InputError;

/** `$.statements.is_6m.items.rev_total.values["1H17"]`: a JSON path a person can search for. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    "$" +
    path
      .map((key) =>
        typeof key === "number" ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(String(key)) ? `.${String(key)}` : `[${JSON.stringify(String(key))}]`,
      )
      .join("")
  );
}

/**
 * Validates a parsed JSON value against a schema and reports the first problems
 * with their JSON paths. Only a few are shown: one typo tends to cause many.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, ErrorType: ErrorClass = DataError): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = innermost(issues[0]!);
  const rest = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  throw new ErrorType(`${first.message}${rest}`, { file, path: jsonPath(first.path), hint: expected(first) });
}

/**
 * For a value that matches no branch of a union, the problem in the branch it came
 * closest to matching: "Invalid input" alone would not tell anyone what to fix.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  // A record's key that its key schema refuses: that schema's own message, at the key.
  if (issue.code === "invalid_key" && issue.issues.length > 0) return innermost({ ...issue.issues[0]!, path: [...issue.path, ...issue.issues[0]!.path] } as z.core.$ZodIssue);
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
  const inner = closest[0];
  if (!inner) return issue;
  return innermost({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue);
}

function expected(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case "unrecognized_keys":
      return `only the keys the schema knows (not ${issue.keys.map((k) => `"${k}"`).join(", ")})`;
    case "invalid_type":
      return issue.expected;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return undefined;
  }
}

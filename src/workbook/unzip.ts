import { inflateRawSync } from "node:zlib";
import { WorkbookReadError } from "../errors.js";

/** What reading a package may cost at most: a workbook is not allowed to be a zip bomb. */
export const LIMITS = {
  /** Uncompressed bytes of one part. */
  part: 256 * 1024 * 1024,
  /**
   * Uncompressed bytes of all parts: reading holds a part's text and its cells at
   * once, several times its size, so a package declaring more than this is refused
   * before anything is inflated (a 2.5 MB zip of 4 × 250 MB of cells is, at once).
   */
  total: 384 * 1024 * 1024,
  entries: 100_000,
};

export interface ZipReader {
  names(): string[];
  has(name: string): boolean;
  /** The part's bytes, inflated with a hard cap at its declared size and the limits. */
  read(name: string): Buffer;
}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * Reads a zip's central directory and inflates parts on demand, never past the size
 * the directory declares nor past LIMITS, so a truncated file or a zip bomb fails
 * with a clear error in bounded time and memory.
 */
export function openZip(bytes: Buffer, file: string): ZipReader {
  const fail = (message: string): never => {
    throw new WorkbookReadError(message, { file, hint: "an .xlsx workbook (a zip package)" });
  };
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) fail("not an .xlsx file (no zip directory: not a zip, or truncated)");
  const count = bytes.readUInt16LE(end + 10);
  const dirSize = bytes.readUInt32LE(end + 12);
  const dirOffset = bytes.readUInt32LE(end + 16);
  if (count > LIMITS.entries) fail(`the package has ${count} parts; at most ${LIMITS.entries} are read`);
  if (dirOffset + dirSize > end) fail("the zip directory points past the end of the file (truncated?)");
  const entries = new Map<string, Entry>();
  let declared = 0;
  for (let p = dirOffset, i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) fail("the zip directory is damaged (truncated?)");
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    const offset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString("utf8", p + 46, p + 46 + nameLength).replace(/^\//, "");
    if (size > LIMITS.part) fail(`part ${name} declares ${size} bytes uncompressed; at most ${LIMITS.part} are read (a zip bomb?)`);
    declared += size;
    if (declared > LIMITS.total) fail(`the package declares more than ${LIMITS.total} bytes uncompressed (a zip bomb?)`);
    entries.set(name, { method, compressedSize, size, offset });
    p += 46 + nameLength + extra + comment;
  }
  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name.replace(/^\//, "")),
    read(name) {
      const e = entries.get(name.replace(/^\//, ""));
      if (!e) return fail(`the package has no ${name}`);
      if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== 0x04034b50) return fail(`part ${name} is damaged (truncated?)`);
      const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
      if (start + e.compressedSize > bytes.length) return fail(`part ${name} is cut short (truncated file)`);
      const data = bytes.subarray(start, start + e.compressedSize);
      if (e.method === 0) return data;
      if (e.method !== 8) return fail(`part ${name} uses zip method ${e.method}; only stored and deflated parts are read`);
      try {
        // One byte more than declared: a part that inflates past its declared size is refused, not expanded.
        const out = inflateRawSync(data, { maxOutputLength: Math.min(e.size, LIMITS.part) + 1 });
        if (out.length !== e.size) return fail(`part ${name} inflates to ${out.length > e.size ? "more" : "less"} than its declared ${e.size} bytes`);
        return out;
      } catch (err) {
        if (err instanceof WorkbookReadError) throw err;
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return fail(`part ${name} inflates to more than its declared ${e.size} bytes (a zip bomb?)`);
        return fail(`part ${name} cannot be inflated (${(err as Error).message})`);
      }
    },
  };
}

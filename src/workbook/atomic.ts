import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Prefix of the temporary files a write leaves only if it is killed; the next build removes them. */
export const TEMP_PREFIX = ".tieout-tmp-";

const WRITE_SIZE = 64 * 1024;

/**
 * Writes a file so that readers see either the old file or the whole new one: the
 * bytes (or text, chunk by chunk as it is made) go to a temporary file in the same folder (same file system, so rename is
 * atomic), are flushed to disk, then renamed over the target. On any failure the
 * temporary file is removed and the target is untouched.
 */
export function writeFileAtomic(target: string, content: Uint8Array | string | Iterable<string>): void {
  const temp = join(dirname(target), `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}-${basename(target)}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx");
    const put = (data: Uint8Array): void => {
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd!, data, offset, data.length - offset);
    };
    if (typeof content === "string" || content instanceof Uint8Array) put(typeof content === "string" ? Buffer.from(content, "utf8") : content);
    else {
      // Small chunks are gathered into writes: a system call per chunk costs more than the text; a larger
      // gathering would outlive garbage collections of the young objects and be copied to the old ones.
      let pending: string[] = [];
      let size = 0;
      for (const chunk of content) {
        pending.push(chunk);
        size += chunk.length;
        if (size >= WRITE_SIZE) {
          put(Buffer.from(pending.join(""), "utf8"));
          pending = [];
          size = 0;
        }
      }
      put(Buffer.from(pending.join(""), "utf8"));
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}

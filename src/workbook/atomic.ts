import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TextBuffer } from "./text-buffer.js";

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
      // Chunks are gathered into writes of WRITE_SIZE: a system call per chunk costs more than the text.
      const buffer = new TextBuffer(WRITE_SIZE);
      for (const chunk of content) {
        if (!buffer.fits(chunk) && buffer.length > 0) put(buffer.take());
        if (TextBuffer.tooLong(chunk, WRITE_SIZE)) put(Buffer.from(chunk, "utf8"));
        else buffer.add(chunk);
      }
      put(buffer.take());
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

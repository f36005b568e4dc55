import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { holderTag } from "../build/holder.js";
import { onDisk } from "../errors.js";
import { TextBuffer } from "./text-buffer.js";

/** Prefix of the temporary files a write leaves only if it is killed; the next build removes them. */
export const TEMP_PREFIX = ".tieout-tmp-";

const WRITE_SIZE = 64 * 1024;

/**
 * A file written so that readers see either the old file or the whole new one: the
 * bytes go to a temporary file in the same folder (same file system, so rename is
 * atomic); `commit` flushes them to disk and renames the file over the target,
 * `abort` removes it and leaves the target untouched.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number | undefined;

  constructor(readonly target: string) {
    this.temp = join(dirname(target), `${TEMP_PREFIX}${holderTag()}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-${basename(target)}`);
    // Read too: the sha256 of what was written is read back.
    this.fd = onDisk("create temporary file", this.temp, () => openSync(this.temp, "wx+"));
  }

  write(data: Uint8Array): void {
    let offset = 0;
    const fd = this.open();
    onDisk("write", this.temp, () => {
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    });
  }

  /** Writes over bytes already written, from `position` on (a header whose fields are known only after its data). */
  writeAt(data: Uint8Array, position: number): void {
    let offset = 0;
    const fd = this.open();
    onDisk("write", this.temp, () => {
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset, position + offset);
    });
  }

  /** The sha256 of what has been written, read back a piece at a time. */
  sha256(): string {
    const hash = createHash("sha256");
    const piece = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; ; ) {
      const fd = this.open();
      const n = onDisk("read back", this.temp, () => readSync(fd, piece, 0, piece.length, position));
      if (n === 0) break;
      hash.update(piece.subarray(0, n));
      position += n;
    }
    return hash.digest("hex");
  }

  /** Flushes the bytes to disk and closes the file: all that can fail for want of space is over. */
  flush(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    onDisk("flush", this.temp, () => fsyncSync(fd));
    this.fd = undefined;
    onDisk("close", this.temp, () => closeSync(fd));
  }

  /** Renames the flushed file over the target. */
  publish(): void {
    this.flush();
    onDisk(`rename into place as ${this.target}`, this.temp, () => renameSync(this.temp, this.target));
  }

  commit(): void {
    this.flush();
    this.publish();
  }

  abort(): void {
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // Closing a file whose writes failed may fail too; it is removed all the same.
    }
    this.fd = undefined;
    try {
      rmSync(this.temp, { force: true });
    } catch {
      // Nothing more can be done here; the next build removes it.
    }
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`${this.temp} is already closed`);
    return this.fd;
  }
}

/** Runs `fill` on a new AtomicFile for `target`, then commits it; on any failure the target is left as it was. */
export async function writeAtomically<T>(target: string, fill: (file: AtomicFile) => Promise<T> | T): Promise<T> {
  const file = new AtomicFile(target);
  try {
    const result = await fill(file);
    file.commit();
    return result;
  } catch (e) {
    file.abort();
    throw e;
  }
}

/** Writes bytes, text, or text chunk by chunk as it is made, into an AtomicFile (not yet committed). */
export function writeContent(file: AtomicFile, content: Uint8Array | string | Iterable<string>): void {
  if (typeof content === "string" || content instanceof Uint8Array) file.write(typeof content === "string" ? Buffer.from(content, "utf8") : content);
  else {
    // Chunks are gathered into writes of WRITE_SIZE: a system call per chunk costs more than the text.
    const buffer = new TextBuffer(WRITE_SIZE);
    for (const chunk of content) {
      if (!buffer.fits(chunk) && buffer.length > 0) file.write(buffer.take());
      if (TextBuffer.tooLong(chunk, WRITE_SIZE)) file.write(Buffer.from(chunk, "utf8"));
      else buffer.add(chunk);
    }
    file.write(buffer.take());
  }
}

/** Writes bytes, text, or text chunk by chunk as it is made, atomically (see AtomicFile). */
export function writeFileAtomic(target: string, content: Uint8Array | string | Iterable<string>): void {
  const file = new AtomicFile(target);
  try {
    writeContent(file, content);
    file.commit();
  } catch (e) {
    file.abort();
    throw e;
  }
}

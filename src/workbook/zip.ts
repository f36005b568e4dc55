import { constants, crc32, deflateRaw, deflateRawSync } from "node:zlib";
import { TextBuffer } from "./text-buffer.js";

/** What an entry holds: bytes, text, or text made piece by piece (a large sheet is never one string). */
export type EntryContent = Uint8Array | string | Iterable<string>;

/** MS-DOS date and time fields of a UTC date (zip has no time zone). */
function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Text is gathered into blocks of this size before it is deflated: one call per small string costs more than its bytes. */
const PIECE = 256 * 1024;
/** Blocks compressing at once: zlib's thread pool has four threads, and the file's writes use them too. */
const IN_FLIGHT = 3;
const LEVEL = 6;
/** Deflate looks back this far: each block is primed with as much of the text before it. */
const WINDOW = 32 * 1024;
/** An empty last block (fixed Huffman codes): ends the deflate stream the sync-flushed blocks make. */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0), { level: LEVEL });
const DEFLATED = 8;
/** The fields of zip's headers are 32 bits: beyond this an entry needs Zip64, which a workbook never should. */
const MAX_SIZE = 0xffffffff;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Where a zip archive's bytes go, in order; `writeAt` overwrites bytes already given (an entry's header, once its data is known). */
export interface ZipSink {
  write(bytes: Uint8Array): void;
  writeAt(bytes: Uint8Array, position: number): void;
}

/** An archive kept in memory, for callers that want its bytes. */
export class MemorySink implements ZipSink {
  private readonly chunks: Uint8Array[] = [];
  /** Each chunk by the offset it starts at: what `writeAt` overwrites is always a whole chunk given before. */
  private readonly at = new Map<number, Uint8Array>();
  private length = 0;

  write(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.at.set(this.length, bytes);
    this.length += bytes.length;
  }

  writeAt(bytes: Uint8Array, position: number): void {
    const chunk = this.at.get(position);
    if (!chunk || chunk.length !== bytes.length) throw new Error(`no chunk of ${bytes.length} bytes at ${position}`);
    chunk.set(bytes);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

/**
 * A zip archive written in one place, so its bytes depend only on its entries: every
 * entry dated `date`, deflated by the platform's zlib, in the order added, no extra
 * fields (the Open Packaging Conventions need nothing more). An entry made piece by
 * piece is deflated as it comes, in blocks on zlib's threads, while the next pieces are
 * made, and its compressed bytes go to the sink as zlib gives them: nothing of the
 * archive is held, which a sink writing to a file makes true of its memory. Each
 * entry's header is written first and completed when its data is.
 */
export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private readonly dos: { date: number; time: number };

  constructor(
    date: Date,
    private readonly sink: ZipSink,
  ) {
    this.dos = dosDateTime(date);
  }

  async add(name: string, content: EntryContent): Promise<void> {
    const entry: Written = { name: Buffer.from(name, "utf8"), crc: 0, compressed: 0, size: 0, offset: this.offset };
    this.emit(this.header(0x04034b50, entry));
    this.emit(entry.name);
    const start = this.offset;
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const { crc, size } = data instanceof Uint8Array ? this.deflateWhole(data) : await this.deflatePieces(data);
    Object.assign(entry, { crc, size, compressed: this.offset - start });
    if (size > MAX_SIZE || entry.compressed > MAX_SIZE) throw new Error(`${name} is larger than a zip entry without Zip64 can hold`);
    this.sink.writeAt(this.header(0x04034b50, entry), entry.offset);
    this.written.push(entry);
  }

  /** Ends the archive: the central directory, after every entry added. */
  finish(): void {
    const start = this.offset;
    for (const entry of this.written) {
      this.emit(this.header(0x02014b50, entry));
      this.emit(entry.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.emit(end);
  }

  private emit(bytes: Uint8Array): void {
    this.sink.write(bytes);
    this.offset += bytes.length;
  }

  private deflateWhole(data: Uint8Array): { crc: number; size: number } {
    this.emit(deflateRawSync(data, { level: LEVEL }));
    return { crc: crc32(data), size: data.length };
  }

  /**
   * Deflates an entry made piece by piece as blocks compressed at once on zlib's threads
   * (both cores busy while the next text is made), as pigz does: each block a raw
   * deflate of its own, primed with the 32 KB of text before it and ended by a sync
   * flush, so the blocks joined are one deflate stream that a final empty block ends.
   * Blocks are cut where the text fills a buffer, so the same text gives the same bytes.
   */
  private async deflatePieces(pieces: Iterable<string>): Promise<{ crc: number; size: number }> {
    let crc = 0;
    let size = 0;
    let window: Buffer | undefined;
    const inFlight: Promise<Buffer>[] = [];
    const send = async (block: Buffer): Promise<void> => {
      crc = crc32(block, crc);
      size += block.length;
      const options = { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH, ...(window && { dictionary: window }) };
      const deflated = new Promise<Buffer>((resolve, reject) => deflateRaw(block, options, (e, out) => (e ? reject(e) : resolve(out))));
      // Awaited in order; until then a failure must not count as unhandled.
      deflated.catch(() => undefined);
      inFlight.push(deflated);
      window = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
      if (inFlight.length > IN_FLIGHT) this.emit(await inFlight.shift()!);
    };
    // One buffer more than may be in flight: the one filled next is always one zlib has finished with.
    const ring = Array.from({ length: IN_FLIGHT + 1 }, () => new TextBuffer(PIECE));
    let current = 0;
    for (const text of pieces) {
      if (!ring[current]!.fits(text) && ring[current]!.length > 0) {
        await send(ring[current]!.take());
        current = (current + 1) % ring.length;
      }
      if (TextBuffer.tooLong(text, PIECE)) await send(Buffer.from(text, "utf8"));
      else ring[current]!.add(text);
    }
    if (ring[current]!.length > 0) await send(ring[current]!.take());
    for (const block of inFlight.splice(0)) this.emit(await block);
    this.emit(FINAL_BLOCK);
    return { crc, size };
  }

  /** A local (0x04034b50) or central (0x02014b50) header: the same fields, laid out in two ways. */
  private header(signature: number, e: Written): Buffer {
    const central = signature === 0x02014b50;
    const b = Buffer.alloc(central ? 46 : 30);
    let at = 0;
    const u32 = (v: number): void => void (at = b.writeUInt32LE(v >>> 0, at));
    const u16 = (v: number): void => void (at = b.writeUInt16LE(v, at));
    u32(signature);
    if (central) u16(20); // made by
    u16(20); // version needed
    u16(0x0800); // UTF-8 names
    u16(DEFLATED);
    u16(this.dos.time);
    u16(this.dos.date);
    u32(e.crc);
    u32(e.compressed);
    u32(e.size);
    u16(e.name.length);
    u16(0); // extra field
    if (central) {
      u16(0); // comment
      u16(0); // disk
      u16(0); // internal attributes
      u32(0); // external attributes
      u32(e.offset);
    }
    return b;
  }
}

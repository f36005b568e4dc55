/**
 * Text encoded as UTF-8 into one buffer that is used again and again: a part or a
 * manifest made of a million small strings is written without a buffer per string.
 */
export class TextBuffer {
  private readonly bytes: Buffer;
  private used = 0;

  constructor(readonly size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  /** Whether `text` surely fits: at most three bytes for each UTF-16 unit, known without measuring it. */
  fits(text: string): boolean {
    return this.used + text.length * 3 <= this.size;
  }

  /** Whether `text` could never fit, even in an empty buffer. */
  static tooLong(text: string, size: number): boolean {
    return text.length * 3 > size;
  }

  add(text: string): void {
    this.used += this.bytes.write(text, this.used, "utf8");
  }

  get length(): number {
    return this.used;
  }

  /** The bytes added since the last take. They are overwritten by the next `add`: use them first. */
  take(): Buffer {
    const out = this.bytes.subarray(0, this.used);
    this.used = 0;
    return out;
  }
}

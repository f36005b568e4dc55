/**
 * A one-line progress bar for multi-report builds on a terminal; nothing otherwise
 * (CI logs get plain lines, one per report).
 */
export class Progress {
  private done = 0;
  private readonly active: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.active = total > 1 && Boolean(stream.isTTY);
  }

  tick(label: string): void {
    this.done++;
    if (!this.active) return;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${this.done}/${this.total} ${label.slice(0, 40).padEnd(40)}`);
    if (this.done === this.total) this.stream.write("\n");
  }

  /** Writes a line above the bar. */
  line(text: string, out: NodeJS.WriteStream = process.stdout): void {
    if (this.active) this.stream.write("\r\x1b[K");
    out.write(`${text}\n`);
  }
}

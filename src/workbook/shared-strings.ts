import { escapeXstring } from "./xml.js";

/**
 * The workbook's shared strings: each distinct text once, cells refer to it by
 * index, as Excel writes them (a report repeats its headers and period labels on
 * every sheet).
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  private uses = 0;

  of(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      this.index.set(text, (i = this.list.length));
      this.list.push(text);
    }
    return i;
  }

  /** `xl/sharedStrings.xml`, in pieces. */
  *xml(): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.list.length}">`;
    for (const text of this.list) {
      // Without xml:space a reader may drop the spaces an indented label begins with.
      yield /^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${escapeXstring(text)}</t></si>` : `<si><t>${escapeXstring(text)}</t></si>`;
    }
    yield "</sst>";
  }
}

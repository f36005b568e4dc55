import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WorkbookReadError } from "../../src/errors.js";
import { LIMITS, openZip } from "../../src/workbook/unzip.js";

/** A zip whose directory declares each part `declared` bytes uncompressed, holding `data` deflated. */
function zipDeclaring(parts: string[], data: Buffer, declared: number): Buffer {
  const body = deflateRawSync(data);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of parts) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += 30 + n.length + body.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

describe("a zip bomb is refused before it is inflated", () => {
  it("four sheets declaring 250 MB of cells each: refused from the directory, as more than the package limit", () => {
    const sheets = [1, 2, 3, 4].map((i) => `xl/worksheets/sheet${i}.xml`);
    const bomb = zipDeclaring(sheets, Buffer.from("<c><v>1</v></c>".repeat(1000)), 250 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => openZip(bomb, "bomb.xlsx")).toThrow(WorkbookReadError);
    expect(() => openZip(bomb, "bomb.xlsx")).toThrow(/declares more than \d+ bytes uncompressed/);
  });

  it("a part that inflates past the size its directory declares is refused, not expanded", () => {
    const zip = zipDeclaring(["xl/worksheets/sheet1.xml"], Buffer.alloc(1_000_000, 0x41), 1000);
    expect(() => openZip(zip, "bomb.xlsx").read("xl/worksheets/sheet1.xml")).toThrow(/inflates to more than its declared 1000 bytes/);
    expect(LIMITS.total).toBeLessThan(1024 * 1024 * 1024);
  });
});

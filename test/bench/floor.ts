import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

/**
 * The floor of a build: what no writer of the same workbook can skip, in one process on
 * one thread. Node starts; the report's input files are read and JSON.parse'd; the
 * XML parts tieout wrote (unzipped beforehand into `parts`) are read, deflated at
 * tieout's level and checksummed; the compressed bytes are written to one file, which
 * is fsync'd. Usage: node floor.js parts-dir out inputs.json...
 */
const [parts, out, ...inputs] = process.argv.slice(2);
for (const input of inputs) JSON.parse(readFileSync(input, "utf8"));
const fd = openSync(out!, "w");
for (const name of readdirSync(parts!).sort()) {
  const xml = readFileSync(join(parts!, name));
  crc32(xml);
  writeSync(fd, deflateRawSync(xml, { level: 6 }));
}
fsyncSync(fd);
closeSync(fd);

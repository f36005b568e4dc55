import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Child process of the xbrl benchmark: prints how long, in this fresh process, it
 * takes to load a filing's folder (`ours`: importing the reader and loadFiling), to
 * tokenize its files with tieout's XML reader (`tokens`), or with saxes (`saxes`: the
 * least any saxes-based reader would take), no handlers listening.
 */
const [mode, folder] = process.argv.slice(2) as ["ours" | "tokens" | "saxes", string];
const files = (): string[] => readdirSync(folder).filter((n) => n.endsWith(".xml") || n.endsWith(".xsd")).map((n) => join(folder, n));
const start = performance.now();
const cpu = process.cpuUsage();
if (mode === "ours") {
  const { loadFiling } = await import("../../src/data/xbrl/filing.js");
  const filing = loadFiling(folder);
  if (filing.instance.facts.length === 0) throw new Error("no facts");
} else if (mode === "tokens") {
  const { XmlStream } = await import("../../src/data/xbrl/xml.js");
  for (const file of files()) new XmlStream(file, "XML").read({});
} else {
  const { SaxesParser } = await import("saxes");
  for (const file of files()) {
    const p = new SaxesParser({ xmlns: true });
    p.write(readFileSync(file, "utf8")).close();
  }
}
const used = process.cpuUsage(cpu);
// Wall time, then CPU time (all threads): on a loaded machine the second says more.
process.stdout.write(`${performance.now() - start} ${(used.user + used.system) / 1000}\n`);

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { XmlStream, attributeName, type Tag } from "../../../src/data/xbrl/xml.js";
import { DataError } from "../../../src/errors.js";
import { FILINGS, tempFile } from "../../support/filing.js";

/**
 * Every element, attribute and run of text inside the root as a list of lines, with
 * text between two tags joined (readers may hand it over in pieces). White space
 * around the root is no one's content: saxes reports it, ours does not.
 */
function eventsOf(read: (on: { open: (e: string) => void; text: (t: string) => void; close: (e: string) => void }) => void): string[] {
  const out: string[] = [];
  let text = "";
  let depth = 0;
  const flush = (): void => {
    if (text) out.push(`text ${JSON.stringify(text)}`);
    text = "";
  };
  read({
    open: (e) => {
      flush();
      depth++;
      out.push(e);
    },
    text: (t) => {
      if (depth > 0) text += t;
    },
    close: (e) => {
      flush();
      depth--;
      out.push(e);
    },
  });
  flush();
  return out;
}

type NsTag = { uri: string; local: string; attributes: Record<string, { uri: string; local: string; value: string }> };
const describeTag = (t: NsTag): string =>
  `open {${t.uri}}${t.local} ${Object.values(t.attributes)
    .map((a) => `{${a.uri}}${a.local}=${JSON.stringify(a.value)}`)
    .sort()
    .join(" ")}`;

/** What saxes, an independent reader, makes of a file. */
function saxesEvents(file: string): string[] {
  return eventsOf((on) => {
    const p = new SaxesParser({ xmlns: true });
    p.on("opentag", (t) => on.open(describeTag(t as NsTag)));
    p.on("text", on.text);
    p.on("cdata", on.text);
    p.on("closetag", (t) => on.close(`close ${t.name}`));
    p.write(readFileSync(file, "utf8").replace(/^\uFEFF/, "")).close();
  });
}

function ourEvents(file: string): string[] {
  const resolved = (t: Tag): NsTag => ({
    uri: t.uri,
    local: t.local,
    attributes: Object.fromEntries(Object.entries(t.attributes).map(([name, value]) => [name, { ...attributeName(t, name), value }])),
  });
  return eventsOf((on) => new XmlStream(file, "XML").read({ open: (t) => on.open(describeTag(resolved(t))), text: on.text, close: (t) => on.close(`close ${t.name}`) }));
}

function failure(text: string): DataError {
  const file = tempFile("bad.xml", text);
  try {
    new XmlStream(file, "an XML file").read({});
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).file).toBe(file);
    return e as DataError;
  }
  throw new Error("expected the file to be refused");
}

describe("XML reader", () => {
  it.each(Object.entries(FILINGS))("reads every file of the %s filing exactly as saxes does: elements, namespaces, attributes, text", (_name, folder) => {
    for (const name of readdirSync(folder).filter((n) => n.endsWith(".xml") || n.endsWith(".xsd"))) {
      const file = join(folder, name);
      expect(ourEvents(file), name).toEqual(saxesEvents(file));
    }
  });

  it("reads a tag, an attribute value and an entity reference the same way wherever a 64 KB chunk ends inside them", () => {
    const piece = `<a:b x="1&amp;2" y='3 > 2'\n z="&#x41;">t&lt;u&#233;</a:b><c/>`;
    for (let shift = 0; shift <= piece.length + 2; shift++) {
      const pad = "x".repeat(65536 - 40 - shift);
      const text = `<?xml version="1.0" encoding="utf-8"?>\n<r xmlns:a="urn:a"><p>${pad}</p>${piece}<!-- é -->${piece}</r>\n`;
      const file = tempFile("chunks.xml", text);
      expect(ourEvents(file), `shift ${shift}`).toEqual(saxesEvents(file));
    }
  });

  it("references that spell other references are decoded once, as saxes decodes them: &#38;lt; is the text &lt;", () => {
    const file = tempFile("refs.xml", '<r a="&#38;lt; &amp;gt;&#9;x">&#38;lt; &amp;lt; &lt; &#x41;&#233; &quot;&apos; &#38;#38;</r>');
    expect(ourEvents(file)).toEqual(saxesEvents(file));
    expect(ourEvents(file)[1]).toBe(`text ${JSON.stringify("&lt; &lt; < Aé \"' &#38;")}`);
  });

  it("a character of several bytes cut by the end of a chunk is read whole", () => {
    const text = `<r>${"x".repeat(65536 - 4)}€€€</r>`;
    const file = tempFile("utf8.xml", text);
    expect(ourEvents(file)).toEqual(saxesEvents(file));
  });

  it("an element's place is the line and column of its <", () => {
    const file = tempFile("place.xml", '<r>\n  <a/>\n\t<b\n c="1"/></r>');
    const places: string[] = [];
    new XmlStream(file, "XML").read({ open: (t, at) => places.push(`${t.name} ${at.line}:${at.column}`) });
    expect(places).toEqual(["r 1:1", "a 2:3", "b 3:2"]);
  });

  it("a prefix resolves to the namespace declared nearest", () => {
    const file = tempFile("ns.xml", '<r xmlns="urn:d" xmlns:p="urn:1"><p:a xmlns:p="urn:2" p:k="v"/><p:b/><c/></r>');
    const seen: string[] = [];
    const own = (t: Tag): string =>
      Object.keys(t.attributes)
        .filter((name) => !name.startsWith("xmlns"))
        .map((name) => `${attributeName(t, name).local}:${attributeName(t, name).uri}`)
        .join(",");
    new XmlStream(file, "XML").read({ open: (t) => seen.push(`${t.local} ${t.uri} ${own(t)}`) });
    expect(seen).toEqual(["r urn:d ", "a urn:2 k:urn:2", "b urn:1 ", "c urn:d "]);
  });

  it.each([
    ["<r><a></b></r>", /<\/b> where <\/a> was expected/, "line 1, column 7"],
    ["<r>\n<a>\n", /<a> is never closed/, "line 3"],
    ["<r>\n  <p:a/></r>", /prefix p of <p:a> is not declared/, "line 2, column 3"],
    ['<r a="1" a="2"/>', /attribute a is given twice/, "line 1, column 13"],
    ["<r>AT&T</r>", /an & that starts no entity reference/, "line 1, column 6"],
    ["<r>&nbsp;</r>", /an & that starts no entity reference/, "line 1, column 4"],
    ["<r>ab&#0;</r>", /&#0; is not a character XML allows/, "line 1, column 6"],
    ['<r a="x<y"/>', /no < in the value of attribute a/, "line 1, column 8"],
    ["<r a=1/>", /a quoted value for attribute a/, "line 1, column 6"],
    ['<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', /DOCTYPE/, "line 1, column 1"],
    ["<r/>\n<s/>", /a second root element <s>/, "line 2, column 1"],
    ["<r/>tail", /text outside the root element/, "line 1, column 5"],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><r/>', /the file is in ISO-8859-1/, "line 1, column 1"],
    ["", /the file holds no element/, "line 1, column 1"],
  ])("%j is refused: %s at %s", (text, message, place) => {
    const e = failure(text);
    expect(e.message).toMatch(message);
    expect(e.path).toContain(place);
  });

  it("a file that cannot be opened is bad input naming the file", () => {
    expect(() => new XmlStream("/nonexistent/x.xml", "an XBRL instance").read({})).toThrow(DataError);
  });
});

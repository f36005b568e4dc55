import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { DataError } from "../../errors.js";

/** Namespaces of XBRL 2.1, XLink and the dimensions specification, as their documents declare them. */
export const NS = {
  xbrli: "http://www.xbrl.org/2003/instance",
  link: "http://www.xbrl.org/2003/linkbase",
  xlink: "http://www.w3.org/1999/xlink",
  xbrldi: "http://xbrl.org/2006/xbrldi",
  xbrldt: "http://xbrl.org/2005/xbrldt",
  xsd: "http://www.w3.org/2001/XMLSchema",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

/** The namespace of `xmlns` declarations themselves. */
export const XMLNS = "http://www.w3.org/2000/xmlns/";

/** Where something starts in a file: 1-based line and column. */
export interface Place {
  line: number;
  column: number;
}

/** A start tag, its names resolved against the namespace declarations in scope. */
export interface Tag {
  name: string;
  prefix: string;
  local: string;
  uri: string;
  /** Values (references decoded) by the attribute's name as written: `xlink:href`, `contextRef`. Read them with `attr`, which resolves prefixes. */
  attributes: Record<string, string>;
  /** The declarations in scope: the element's own, then (through the prototype chain) its ancestors'. */
  ns: Record<string, string>;
  isSelfClosing: boolean;
}

export interface XmlHandlers {
  open?(tag: Tag, at: Place): void;
  /** Character data, entities decoded; one run of text may arrive in several pieces. */
  text?(text: string): void;
  close?(tag: Tag): void;
}

/** Bytes read at a time: the file is never whole in memory as a string. */
const CHUNK = 1 << 16;

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;
/** An ordinary start tag, whole: ASCII names, attributes quoted without `<` in their values. (Every tag it takes, startTagSlowly takes the same way.) */
const TAG = /<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)((?:[ \t\r\n]+[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?[ \t\r\n]*=[ \t\r\n]*(?:"[^"<]*"|'[^'<]*'))*)[ \t\r\n]*(\/?)>/y;
/** One attribute of the attributes TAG has read. */
const ATTRIBUTE = /[ \t\r\n]+([^\s=]+)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/g;
const SPACE = /[ \t\r\n]*/y;
/** An `&` that starts none of XML's references. */
const STRAY_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/g;
const CHARACTER_REFERENCE = /&#(?:(\d{1,7})|x([0-9A-Fa-f]{1,6}));/g;
/** &amp; and character references, decoded together. */
const LAST_REFERENCES = /&(?:amp|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;

/** What makes an attribute value more than its text: a reference, or white space XML reads as a space. */
const PLAIN_VALUE_NOT = /[&\t\n\r]/;

/** `prefix:local` split once per distinct name: documents repeat a few dozen names thousands of times. */
const NAMES = new Map<string, [string, string]>();
function split(name: string): [string, string] {
  let parts = NAMES.get(name);
  if (!parts) {
    const cut = name.indexOf(":");
    parts = cut < 0 ? ["", name] : [name.slice(0, cut), name.slice(cut + 1)];
    if (NAMES.size > 10_000) NAMES.clear();
    NAMES.set(name, parts);
  }
  return parts;
}

/** Attributes as written, flat (one array per tag): name, value, the value's offset in the text being read; name, value, offset… */
type RawAttributes = (string | number)[];

/** The attributes of a tag TAG has read; `offset`: where their text starts. */
function attributesOf(text: string, offset: number): RawAttributes {
  const out: RawAttributes = [];
  if (!text) return out;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    const value = m[2] ?? m[3]!;
    out.push(m[1]!, value, offset + ATTRIBUTE.lastIndex - value.length - 1);
  }
  return out;
}

/** The outcome of reading a token that may run past the text read so far. */
const MORE = -1;

/**
 * One XML file read as a stream of events, with the place of every element, for
 * messages that point into the file: `line 2564, column 5`.
 *
 * It is tieout's own reader, strict about well-formedness (names, quoting, entity
 * references, nesting, namespace prefixes) but reading no DTD: XBRL documents have
 * none, and a DOCTYPE is refused. saxes, which reads the workbooks, takes about twice
 * as long to tokenize a 10-K's instance and linkbases in a fresh process, which is how
 * a build meets them (`npm run bench`, the XBRL row): reading them with saxes alone
 * would spend the budget for loading a filing.
 */
export class XmlStream {
  private buf = "";
  /** Offset in the file (in UTF-16 units) of `buf[0]`. */
  private bufStart = 0;
  /** Where line counting has got to: the offset, its line, and where that line starts. */
  private lineAt = 0;
  private line = 1;
  private lineStart = 0;
  private start: Place = { line: 1, column: 1 };
  private scopes: Record<string, string>[] = [Object.assign(Object.create(null) as Record<string, string>, { xml: NS.xml, xmlns: XMLNS })];
  private readonly open: Tag[] = [];
  private rootSeen = false;
  private eof = false;

  constructor(
    readonly file: string,
    /** What the file should be, for the hint of a syntax error: "an XBRL instance". */
    private readonly expected: string,
  ) {}

  /** The place of the element whose start tag was read last. */
  get place(): Place {
    return this.start;
  }

  /** The namespace a prefix stands for inside the element being read (`""`: the default namespace). */
  resolve(prefix: string): string | undefined {
    const uri = this.scopes[this.scopes.length - 1]![prefix];
    return uri === "" && prefix === "" ? undefined : uri;
  }

  /** An error at a place of this file (the last start tag read, unless given). */
  fail(message: string, hint?: string, at: Place = this.start, detail?: string): DataError {
    return failAt(this.file, message, hint, at, detail);
  }

  /** Reads the whole file, calling the handlers as elements open and close. */
  read(on: XmlHandlers): void {
    let fd: number;
    try {
      fd = openSync(this.file, "r");
    } catch (e) {
      throw new DataError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: this.file, hint: this.expected });
    }
    try {
      const decoder = new StringDecoder("utf8");
      const bytes = Buffer.allocUnsafe(CHUNK);
      let first = true;
      for (;;) {
        const n = readSync(fd, bytes, 0, CHUNK, null);
        let chunk = n === 0 ? decoder.end() : decoder.write(n === CHUNK ? bytes : bytes.subarray(0, n));
        if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        first = false;
        this.eof = n === 0;
        this.feed(chunk, on);
        if (this.eof) break;
      }
    } finally {
      closeSync(fd);
    }
    if (this.open.length) throw this.syntax(`<${this.open[this.open.length - 1]!.name}> is never closed`, this.buf.length);
    if (!this.rootSeen) throw this.syntax("the file holds no element", 0);
  }

  /** Adds text to what is unread and reads every token that is complete. */
  private feed(chunk: string, on: XmlHandlers): void {
    const s = this.buf ? this.buf + chunk : chunk;
    let i = 0;
    const n = s.length;
    this.buf = s;
    while (i < n) {
      const lt = s.indexOf("<", i);
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > i) {
        // Without a `<` ahead, the text may go on in the next chunk; keep back a reference it may cut.
        let upTo = textEnd;
        if (lt < 0 && !this.eof) {
          const amp = s.lastIndexOf("&", n - 1);
          if (amp >= i && s.indexOf(";", amp) < 0) upTo = amp;
        }
        if (upTo > i) this.text(s, i, upTo, on);
        i = upTo;
        if (lt < 0) break;
      }
      const next = this.token(s, lt, on);
      if (next === MORE) break;
      i = next;
    }
    this.advanceLines(s, i);
    this.buf = s.slice(i);
    this.bufStart += i;
  }

  /** Reads the markup at `lt`; returns the offset after it, or MORE when it runs past what is read. */
  private token(s: string, lt: number, on: XmlHandlers): number {
    const c = s.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) return this.endTag(s, lt, on);
    if (c === 0x21 /* ! */) {
      if (s.startsWith("<!--", lt)) return this.skipTo(s, lt, "-->", "a comment");
      if (s.startsWith("<![CDATA[", lt)) {
        const end = s.indexOf("]]>", lt + 9);
        if (end < 0) return this.more(lt, "a CDATA section is never closed");
        if (!this.open.length) throw this.syntax("character data outside the root element", lt);
        on.text?.(s.slice(lt + 9, end));
        return end + 3;
      }
      if (s.length - lt < 9 && !this.eof) return MORE;
      throw this.syntax(s.startsWith("<!DOCTYPE", lt) ? "a DOCTYPE declaration (XBRL documents have no DTD, and tieout reads none)" : "markup that is not XML", lt);
    }
    if (c === 0x3f /* ? */) {
      const end = this.skipTo(s, lt, "?>", "a processing instruction");
      if (end !== MORE && s.startsWith("<?xml", lt) && /^<\?xml\s/.test(s.slice(lt, lt + 6))) {
        const encoding = /encoding\s*=\s*["']([^"']+)["']/.exec(s.slice(lt, end));
        if (encoding && !/^(utf-?8|us-ascii)$/i.test(encoding[1]!)) throw this.syntax(`the file is in ${encoding[1]}`, lt, "UTF-8, as EDGAR serves filings");
      }
      return end;
    }
    return this.startTag(s, lt, on);
  }

  private startTag(s: string, lt: number, on: XmlHandlers): number {
    // One expression reads a whole ordinary tag: a fresh process runs little JavaScript per tag that way.
    TAG.lastIndex = lt;
    const m = TAG.exec(s);
    const read = m ? { name: m[1]!, raw: attributesOf(m[2]!, lt + 1 + m[1]!.length), selfClosing: m[3] === "/", end: TAG.lastIndex } : this.startTagSlowly(s, lt);
    if (read === MORE) return MORE;
    const { name, raw, selfClosing, end } = read;
    if (this.rootSeen && !this.open.length) throw this.syntax(`a second root element <${name}>`, lt, "one root element");
    this.start = this.placeOf(s, lt);
    const tag = this.tagOf(name, raw, selfClosing, lt);
    this.rootSeen = true;
    this.open.push(tag);
    on.open?.(tag, this.start);
    if (selfClosing) this.closeTag(on);
    return end;
  }

  /**
   * A start tag the quick expression does not take, read step by step: to say where it
   * is wrong, to wait for the rest of a tag cut by the end of a chunk, or to read names
   * beyond ASCII.
   */
  private startTagSlowly(s: string, lt: number): { name: string; raw: RawAttributes; selfClosing: boolean; end: number } | typeof MORE {
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(s);
    if (!m) return s.length - lt < 2 && !this.eof ? MORE : this.fault(s, lt + 1, "a start tag without a valid element name", lt);
    const name = m[0];
    let j = NAME.lastIndex;
    if (j === s.length) return this.more(lt, `<${name} is never closed`);
    const raw: RawAttributes = [];
    for (;;) {
      SPACE.lastIndex = j;
      SPACE.exec(s);
      const spaced = SPACE.lastIndex > j;
      j = SPACE.lastIndex;
      if (j >= s.length) return this.more(lt, `<${name} is never closed`);
      const ch = s.charCodeAt(j);
      if (ch === 0x3e /* > */ || ch === 0x2f /* / */) break;
      if (!spaced) return this.fault(s, j, `a space between attributes of <${name}>`, lt);
      NAME.lastIndex = j;
      const a = NAME.exec(s);
      if (!a) return this.fault(s, j, `an attribute name in <${name}>`, lt);
      j = NAME.lastIndex;
      SPACE.lastIndex = j;
      SPACE.exec(s);
      j = SPACE.lastIndex;
      if (j >= s.length) return this.more(lt, `<${name} is never closed`);
      if (s.charCodeAt(j) !== 0x3d /* = */) return this.fault(s, j, `= after attribute ${a[0]} of <${name}>`, lt);
      SPACE.lastIndex = j + 1;
      SPACE.exec(s);
      j = SPACE.lastIndex;
      if (j >= s.length) return this.more(lt, `<${name} is never closed`);
      const quote = s[j];
      if (quote !== '"' && quote !== "'") return this.fault(s, j, `a quoted value for attribute ${a[0]} of <${name}>`, lt);
      const close = s.indexOf(quote, j + 1);
      if (close < 0) return this.more(lt, `the value of attribute ${a[0]} of <${name}> is never closed`);
      const value = s.slice(j + 1, close);
      const bad = value.indexOf("<");
      if (bad >= 0) return this.fault(s, j + 1 + bad, `no < in the value of attribute ${a[0]} (write &lt;)`, lt);
      raw.push(a[0], value, j + 1);
      j = close + 1;
    }
    const selfClosing = s.charCodeAt(j) === 0x2f;
    if (selfClosing) {
      if (j + 1 >= s.length) return this.more(lt, `<${name} is never closed`);
      if (s.charCodeAt(j + 1) !== 0x3e) return this.fault(s, j + 1, `> after / in <${name}`, lt);
      j++;
    }
    return { name, raw, selfClosing, end: j + 1 };
  }

  /** Resolves the names of a start tag, in the scope its own declarations open. */
  private tagOf(name: string, raw: Readonly<RawAttributes>, isSelfClosing: boolean, lt: number): Tag {
    const parent = this.scopes[this.scopes.length - 1]!;
    let ns = parent;
    const attributes: Record<string, string> = {};
    let prefixed = false;
    for (let k = 0; k < raw.length; k += 3) {
      const n = raw[k] as string;
      const v = raw[k + 1] as string;
      const at = raw[k + 2] as number;
      if (attributes[n] !== undefined) throw this.syntax(`attribute ${n} is given twice in <${name}>`, at);
      const value = this.decode(v, at, true);
      attributes[n] = value;
      if (n.charCodeAt(0) === 0x78 /* x */ && (n === "xmlns" || n.startsWith("xmlns:"))) {
        if (ns === parent) ns = Object.create(parent) as Record<string, string>;
        if (n !== "xmlns" && !value) throw this.syntax(`${n}="" (a prefix cannot be undeclared in XML 1.0)`, at);
        ns[n === "xmlns" ? "" : n.slice(6)] = value;
      } else if (n.includes(":")) prefixed = true;
    }
    this.scopes.push(ns);
    if (prefixed) {
      for (let k = 0; k < raw.length; k += 3) {
        const n = raw[k] as string;
        const at = raw[k + 2] as number;
        const [prefix] = split(n);
        if (prefix && prefix !== "xmlns" && ns[prefix] === undefined) throw this.syntax(`prefix ${prefix} of attribute ${n} is not declared`, at);
      }
    }
    const [prefix, local] = split(name);
    const uri = ns[prefix];
    if (prefix && uri === undefined) throw this.syntax(`prefix ${prefix} of <${name}> is not declared`, lt);
    return { name, prefix, local, uri: uri ?? "", attributes, ns, isSelfClosing };
  }

  private endTag(s: string, lt: number, on: XmlHandlers): number {
    const gt = s.indexOf(">", lt);
    if (gt < 0) return this.more(lt, "an end tag is never closed");
    const name = s.slice(lt + 2, gt).trimEnd();
    const top = this.open[this.open.length - 1];
    if (!top) throw this.syntax(`</${name}> closes nothing`, lt);
    if (top.name !== name) throw this.syntax(`</${name}> where </${top.name}> was expected`, lt);
    this.closeTag(on);
    return gt + 1;
  }

  private closeTag(on: XmlHandlers): void {
    const tag = this.open.pop()!;
    on.close?.(tag);
    this.scopes.pop();
  }

  private text(s: string, from: number, to: number, on: XmlHandlers): void {
    if (!this.open.length) {
      const stray = s.slice(from, to).search(/[^ \t\r\n]/);
      if (stray >= 0) throw this.syntax("text outside the root element", from + stray);
      return;
    }
    const text = this.decode(s.slice(from, to), from);
    on.text?.(text);
  }

  /** Decodes the five predefined entities and character references; refuses any other `&`. */
  private decode(raw: string, at: number, attribute = false): string {
    if (attribute ? !PLAIN_VALUE_NOT.test(raw) : !raw.includes("&")) return raw;
    // XML 1.0 §3.3.3: in an attribute value, each line break or tab as written is read as a space (a character reference to one is not).
    let text = attribute && /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw;
    if (!text.includes("&")) return text;
    STRAY_AMPERSAND.lastIndex = 0;
    const stray = STRAY_AMPERSAND.exec(text);
    if (stray) throw this.syntax("an & that starts no entity reference (write &amp;)", at + stray.index);
    if (text.includes("&#")) {
      CHARACTER_REFERENCE.lastIndex = 0;
      for (let m = CHARACTER_REFERENCE.exec(text); m; m = CHARACTER_REFERENCE.exec(text)) {
        const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
        if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) throw this.syntax(`${m[0]} is not a character XML allows`, at + m.index);
      }
    }
    // Text blocks hold tens of thousands of &lt; and &gt;: each of the four names that cannot
    // make a new `&` is replaced in a pass of its own, in native code. &amp; and character
    // references (which can make one: &#38;lt; is the text "&lt;") go last, in one pass.
    if (text.includes("&lt;")) text = text.replace(/&lt;/g, "<");
    if (text.includes("&gt;")) text = text.replace(/&gt;/g, ">");
    if (text.includes("&quot;")) text = text.replace(/&quot;/g, '"');
    if (text.includes("&apos;")) text = text.replace(/&apos;/g, "'");
    if (text.includes("&")) {
      text = text.replace(LAST_REFERENCES, (_ref, dec: string | undefined, hex: string | undefined) =>
        dec === undefined && hex === undefined ? "&" : String.fromCodePoint(dec !== undefined ? Number(dec) : parseInt(hex!, 16)),
      );
    }
    return text;
  }

  private skipTo(s: string, lt: number, end: string, what: string): number {
    const e = s.indexOf(end, lt + 2);
    return e < 0 ? this.more(lt, `${what} is never closed`) : e + end.length;
  }

  /** A token cut by the end of what is read: wait for more, or fail at the end of the file. */
  private more(lt: number, message: string): typeof MORE {
    if (!this.eof) return MORE;
    throw this.syntax(message, lt);
  }

  /** Markup that is wrong where it stands (unless the text read so far just ends there). */
  private fault(s: string, at: number, expected: string, lt: number): typeof MORE {
    if (at >= s.length && !this.eof) return MORE;
    throw this.syntax(`not well-formed XML: expected ${expected}`, at === lt ? lt : at);
  }

  private syntax(message: string, offsetInBuf: number, hint = this.expected): DataError {
    const at = this.placeOf(this.buf, offsetInBuf);
    return this.fail(message.startsWith("not well-formed") ? message : `not well-formed XML: ${message}`, hint, at);
  }

  /** The line and column of an offset in the unread text (offsets only grow, so lines are counted once). */
  private placeOf(s: string, offset: number): Place {
    this.advanceLines(s, offset);
    return { line: this.line, column: this.bufStart + offset - this.lineStart + 1 };
  }

  private advanceLines(s: string, offset: number): void {
    let at = this.lineAt - this.bufStart;
    if (at >= offset) return;
    for (;;) {
      const nl = s.indexOf("\n", at);
      if (nl < 0 || nl >= offset) break;
      this.line++;
      this.lineStart = this.bufStart + nl + 1;
      at = nl + 1;
    }
    this.lineAt = this.bufStart + offset;
  }
}

/** Bad input at a place of a file: `file: line 12, column 5 (us-gaap:Assets, context c-22): message`. */
export function failAt(file: string, message: string, hint: string | undefined, at: Place, detail?: string): DataError {
  return new DataError(message, { file, path: describePlace(at, detail), hint });
}

/** `line 12, column 5 (us-gaap:Assets, context c-22)`. */
export function describePlace(at: Place, detail?: string): string {
  return `line ${at.line}, column ${at.column}${detail ? ` (${detail})` : ""}`;
}

/** Per scope (shared by every element that declares nothing new), the prefixes bound to each namespace. */
const PREFIXES = new WeakMap<Record<string, string>, Map<string, string[]>>();
/** `xlink` and `href` → `xlink:href`, made once. */
const QUALIFIED = new Map<string, Map<string, string>>();

function qualified(prefix: string, local: string): string {
  let byLocal = QUALIFIED.get(prefix);
  if (!byLocal) QUALIFIED.set(prefix, (byLocal = new Map()));
  let name = byLocal.get(local);
  if (name === undefined) byLocal.set(local, (name = `${prefix}:${local}`));
  return name;
}

function prefixesOf(ns: Record<string, string>, uri: string): string[] {
  let byUri = PREFIXES.get(ns);
  if (!byUri) PREFIXES.set(ns, (byUri = new Map()));
  let prefixes = byUri.get(uri);
  if (!prefixes) {
    prefixes = [];
    // `in` walks the prototype chain: the declarations of every enclosing element. The nearest binding of a prefix wins.
    for (const p in ns) if (p && ns[p] === uri) prefixes.push(p);
    byUri.set(uri, prefixes);
  }
  return prefixes;
}

/** An attribute by namespace and local name (`""`: an attribute without a prefix, which is in no namespace). */
export function attr(tag: Tag, uri: string, local: string): string | undefined {
  if (uri === "") return tag.attributes[local];
  for (const prefix of prefixesOf(tag.ns, uri)) {
    const v = tag.attributes[qualified(prefix, local)];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The namespace and local name of an attribute as written on a tag (`""` for an attribute in no namespace). */
export function attributeName(tag: Tag, name: string): { uri: string; local: string } {
  const [prefix, local] = split(name);
  if (name === "xmlns" || prefix === "xmlns") return { uri: XMLNS, local };
  return { uri: prefix ? (tag.ns[prefix] ?? "") : "", local };
}

/**
 * Characters XML 1.0 cannot carry (its production `Char`): control characters other
 * than tab, line feed and carriage return, U+FFFE and U+FFFF, and a UTF-16 surrogate
 * without its pair. A text holding one, once written into a part, makes the workbook
 * one that neither Excel nor LibreOffice nor tieout's own `check` can open, so every
 * text that may reach the file is refused at load time, where the user can fix it.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `text` that XML 1.0 cannot carry, as a message names it (`U+0001`); undefined when there is none. */
export function xmlIllegal(text: string): string | undefined {
  const m = ILLEGAL.exec(text);
  return m ? codePoint(m[0]) : undefined;
}

/** Whether a UTF-16 code unit can stand in XML text on its own; surrogates are judged with their pair. */
export function isXmlChar(unit: number): boolean {
  return unit === 0x09 || unit === 0x0a || unit === 0x0d || (unit >= 0x20 && unit < 0xfffe);
}

export const codePoint = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why such a character is refused, and what to write instead: the message of every loader. */
export const XML_ILLEGAL_HINT = "text without control characters (tab and line breaks are fine), U+FFFE, U+FFFF or unpaired surrogates";
export const xmlIllegalMessage = (char: string): string => `${char} cannot be written to a workbook: XML 1.0 does not allow it`;

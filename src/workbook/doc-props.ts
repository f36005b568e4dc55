import { escapeXml } from "./xml.js";

export interface DocumentProperties {
  title: string;
  subject: string;
  company: string;
  /** The report's release date: what the document is dated, whenever it is built. */
  date: Date;
  sheets: string[];
}

/** `docProps/core.xml`: title, subject, author and dates (the release's, so that the bytes do not depend on when they were built). */
export function corePropertiesXml(p: DocumentProperties): string {
  const date = p.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(p.title)}</dc:title><dc:subject>${escapeXml(p.subject)}</dc:subject><dc:creator>tieout</dc:creator><cp:lastModifiedBy>tieout</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/** `docProps/app.xml`: the sheets' names (which some viewers list before opening) and the company. */
export function appPropertiesXml(p: DocumentProperties): string {
  const names = p.sheets.map((s) => `<vt:lpstr>${escapeXml(s)}</vt:lpstr>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    // What Excel and every common writer put here: some readers go by it.
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${p.sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${p.sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    `<Company>${escapeXml(p.company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>` +
    "</Properties>"
  );
}

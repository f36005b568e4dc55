import { escapeXml } from "./xml.js";

export const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

/** `[Content_Types].xml` with an Override for each part (`/xl/charts/chart1.xml`) it does not type yet. */
export function withOverrides(xml: string, overrides: { part: string; type: string }[]): string {
  const added = overrides
    .filter((o) => !xml.includes(`PartName="${escapeXml(o.part)}"`))
    .map((o) => `<Override PartName="${escapeXml(o.part)}" ContentType="${escapeXml(o.type)}"/>`)
    .join("");
  if (!xml.includes("</Types>")) throw new Error("[Content_Types].xml without </Types>");
  return xml.replace("</Types>", `${added}</Types>`);
}

// The appendix table of the summary written as WordprocessingML directly: the docx package builds
// an object per cell and takes seconds for a year of 5,000 records; a string takes milliseconds.
import { strFromU8, unzipSync } from "fflate";
import { zipParts } from "./zipParts.js";

export interface RawColumn {
  title: string;
  width: number; // twips
  centred: boolean;
}

export interface RawFont {
  latin: string;
  eastAsia: string;
}

export interface RawTableGroup {
  heading: string;
  rows: string[][];
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function run(text: string, font: RawFont, halfPoints: number, bold: boolean): string {
  const fonts = `<w:rFonts w:ascii="${font.latin}" w:hAnsi="${font.latin}" w:eastAsia="${font.eastAsia}" w:cs="${font.eastAsia}" w:hint="eastAsia"/>`;
  return `<w:r><w:rPr>${fonts}${bold ? "<w:b/><w:bCs/>" : ""}<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
}

function cell(text: string, width: number, opts: { centred: boolean; font: RawFont; size: number; shade?: boolean; span?: number; bold?: boolean }): string {
  const props = [
    `<w:tcW w:w="${width}" w:type="dxa"/>`,
    opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : "",
    opts.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>` : "",
    `<w:vAlign w:val="center"/>`,
  ].join("");
  const para = `<w:pPr><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="atLeast"/><w:jc w:val="${opts.centred ? "center" : "left"}"/></w:pPr>`;
  return `<w:tc><w:tcPr>${props}</w:tcPr><w:p>${para}${run(text, opts.font, opts.size, opts.bold ?? false)}</w:p></w:tc>`;
}

/** A bordered table: a repeated header row, then per group a shaded heading row and its rows. */
export function rawTableXml(columns: readonly RawColumn[], groups: readonly RawTableGroup[], fonts: { header: RawFont; body: RawFont }, halfPoints: number): string {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const border = `w:val="single" w:sz="4" w:space="0" w:color="auto"`;
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>`,
    `<w:tblBorders><w:top ${border}/><w:left ${border}/><w:bottom ${border}/><w:right ${border}/><w:insideH ${border}/><w:insideV ${border}/></w:tblBorders>`,
    `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
    `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join("")}</w:tblGrid>`,
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`,
    ...columns.map((c) => cell(c.title, c.width, { centred: true, font: fonts.header, size: halfPoints, shade: true })),
    `</w:tr>`,
  ];
  for (const group of groups) {
    out.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`, cell(group.heading, total, { centred: false, font: fonts.header, size: halfPoints, span: columns.length }), `</w:tr>`);
    for (const row of group.rows) {
      out.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`);
      columns.forEach((c, i) => out.push(cell(row[i] ?? "", c.width, { centred: c.centred, font: fonts.body, size: halfPoints })));
      out.push(`</w:tr>`);
    }
  }
  out.push(`</w:tbl>`);
  return out.join("");
}

/**
 * Replaces the paragraph holding `marker` in word/document.xml of a .docx with `xml`. The document as
 * the docx package packed it is small (the marker stands for the appendix) and is read at once; the
 * parts are deflated again on the thread pool (zipParts): a year's appendix is megabytes of XML.
 */
export async function replaceMarkerParagraph(docx: Buffer, marker: string, xml: string): Promise<Buffer> {
  const files = unzipSync(docx);
  const document = files["word/document.xml"];
  if (!document) throw new Error("word/document.xml missing");
  const documentXml = strFromU8(document);
  const at = documentXml.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const start = Math.max(documentXml.lastIndexOf("<w:p>", at), documentXml.lastIndexOf("<w:p ", at));
  const end = documentXml.indexOf("</w:p>", at) + "</w:p>".length;
  // The parts keep their order ([Content_Types].xml first, as the docx package writes it).
  files["word/document.xml"] = Buffer.from(documentXml.slice(0, start) + xml + documentXml.slice(end), "utf8");
  return zipParts(files);
}

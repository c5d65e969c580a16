// The appendix table of the summary written as WordprocessingML directly: the docx package builds
// an object per cell and takes seconds for a year of 5,000 records; a string takes milliseconds.
import { strFromU8, strToU8, unzip, zip, type Unzipped } from "fflate";

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

/** The parts of a zip, in the archive's order (the workers finish in any order). */
function unzipped(data: Uint8Array): Promise<Unzipped> {
  const names: string[] = [];
  const filter = (file: { name: string }) => names.push(file.name) > 0;
  return new Promise((resolve, reject) =>
    unzip(data, { filter }, (error, files) => (error ? reject(error) : resolve(Object.fromEntries(names.map((n) => [n, files[n] ?? new Uint8Array()]))))),
  );
}
const zipped = (files: Unzipped) =>
  new Promise<Uint8Array>((resolve, reject) => zip(files, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))));

/**
 * Replaces the paragraph holding `marker` in word/document.xml of a .docx with `xml`. Unpacked and packed
 * again on worker threads (fflate's asynchronous functions): a year's appendix is megabytes of XML, and
 * deflating it on the main thread held every other member's reply back.
 */
export async function replaceMarkerParagraph(docx: Buffer, marker: string, xml: string): Promise<Buffer> {
  const files = await unzipped(docx);
  const document = files["word/document.xml"];
  if (!document) throw new Error("word/document.xml missing");
  const documentXml = strFromU8(document);
  const at = documentXml.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const start = Math.max(documentXml.lastIndexOf("<w:p>", at), documentXml.lastIndexOf("<w:p ", at));
  const end = documentXml.indexOf("</w:p>", at) + "</w:p>".length;
  // The parts keep their order ([Content_Types].xml first, as the docx package writes it).
  files["word/document.xml"] = strToU8(documentXml.slice(0, start) + xml + documentXml.slice(end));
  return Buffer.from(await zipped(files));
}

// 会议记录 as a .docx in the same official style as the summary (A4, GB/T 9704 margins, 方正小标宋 title,
// 仿宋 body): one page per meeting, a bordered table of every field; a blank field is an empty cell with
// room to write in by hand.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { LONG_FIELDS, type MeetingMinutes } from "../domain/minutes/index.js";
import { fitWithin, imageInfo } from "./imageSize.js";
import { OFFICIAL_PAGE, OFFICIAL_PARTS, PT, TEXT_WIDTH, font, pageNumberFooter, type FontKey } from "./officialPage.js";

const SIZE = { title: 22 * PT, subtitle: 16 * PT, cell: 14 * PT } as const;
const LABEL_WIDTH = 2000;
const ROW = { short: 560, long: 1300 } as const; // twips: one and about three handwritten lines (a page holds every field)

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, width: number, key: FontKey, centred: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { left: 100, right: 100, top: 60, bottom: 60 },
    children: [
      new Paragraph({
        alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 360, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        children: [new TextRun({ text, font: font(key), size: SIZE.cell })],
      }),
    ],
  });
}

/** Photos after the table: the text width wide at most (twips / 15 = pixels at 96 dpi), about 9 cm high. */
const PHOTO_MAX = { width: Math.floor(TEXT_WIDTH / 15), height: 340 } as const;

function photoParagraphs(photos: readonly Uint8Array[]): Paragraph[] {
  return photos.flatMap((data, i) => {
    const info = imageInfo(data);
    if (!info) return [];
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 0 },
        children: [new ImageRun({ type: info.type, data, transformation: fitWithin(info, PHOTO_MAX.width, PHOTO_MAX.height), altText: { name: `照片${i + 1}`, description: `会议照片${i + 1}`, title: `照片${i + 1}` } })],
      }),
    ];
  });
}

function meetingPage(m: MeetingMinutes, branchName: string, first: boolean, photos: readonly Uint8Array[] = []): (Paragraph | Table)[] {
  const rows = m.fields.map(
    (f) =>
      new TableRow({
        cantSplit: true,
        height: { value: f.value === null && LONG_FIELDS.includes(f.label) ? ROW.long : ROW.short, rule: HeightRule.ATLEAST },
        children: [cell(f.label, LABEL_WIDTH, "heading", true), cell(f.value ?? "", TEXT_WIDTH - LABEL_WIDTH, "body", false)],
      }),
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      ...(first ? {} : { pageBreakBefore: true }),
      spacing: { line: 29 * 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text: m.heading, font: font("title", true), size: SIZE.title, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 29 * 20, lineRule: LineRuleType.EXACT, before: 0, after: 120 },
      children: [new TextRun({ text: branchName, font: font("subheading"), size: SIZE.subtitle })],
    }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], rows }),
    ...photoParagraphs(photos),
  ];
}

/**
 * One .docx of these meetings, one page each (an empty list gives one page saying so); a meeting's photos
 * (by record id, already fetched) follow its table.
 */
export async function renderMinutesDocx(
  minutes: readonly MeetingMinutes[],
  branchName: string,
  title: string,
  photos: ReadonlyMap<number, readonly Uint8Array[]> = new Map(),
): Promise<Buffer> {
  const children =
    minutes.length > 0
      ? minutes.flatMap((m, i) => meetingPage(m, branchName, i === 0, photos.get(m.recordId)))
      : [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "本年度暂无三会一课及主题党日记录。", font: font("body"), size: SIZE.subtitle })] })];
  const document = new Document({
    title,
    creator: branchName,
    styles: { default: { document: { run: { font: font("body"), size: SIZE.cell } } } },
    sections: [
      {
        properties: { page: OFFICIAL_PAGE },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, OFFICIAL_PARTS());
}

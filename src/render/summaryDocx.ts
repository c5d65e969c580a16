// The year-end summary as a .docx in the usual Chinese official-document style (GB/T 9704 layout):
// A4, margins 37/35/28/26 mm, title 方正小标宋简体 二号, headings 黑体 三号, body 仿宋_GB2312 三号,
// fixed 29pt lines, two-character first-line indent, page numbers in the footer, then 台账附表.
import { AlignmentType, Document, HighlightColor, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import { TEMPLATE_MARK, TO_FILL, type AppendixGroup, type SummaryDocument } from "../domain/summary/index.js";
import { rawTableXml, replaceMarkerParagraph, type RawFont } from "./docxTable.js";
import { DOCX_FONTS, LATIN, OFFICIAL_PAGE, OFFICIAL_PARTS, PT, TEXT_WIDTH, font, pageNumberFooter, type FontKey } from "./officialPage.js";

const SIZE = { title: 22 * PT, heading: 16 * PT, body: 16 * PT, pageNumber: 14 * PT, table: 12 * PT } as const;
const LINE_EXACT = 29 * 20; // 29pt in twips
const INDENT_TWO_CHARS = 2 * 16 * 20; // two 三号 characters = 640 twips
const COLUMNS = [
  { title: "序号", width: 800 },
  { title: "日期", width: 1500 },
  { title: "类型", width: 1700 },
  { title: "标题/主题", width: TEXT_WIDTH - 800 - 1500 - 1700 - 900 },
  { title: "人次", width: 900 },
] as const;


/** Runs of a text, with 【待补充】 and the template mark highlighted for the secretary. */
function runs(text: string, key: FontKey, size: number, bold = false): TextRun[] {
  const pattern = new RegExp(`(${[TO_FILL, TEMPLATE_MARK].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`);
  return text
    .split(pattern)
    .filter((part) => part.length > 0)
    .map(
      (part) =>
        new TextRun({
          text: part,
          font: font(key),
          size,
          ...(bold ? { bold: true } : {}),
          ...(part === TO_FILL || part === TEMPLATE_MARK ? { highlight: HighlightColor.YELLOW } : {}),
        }),
    );
}

const exactLine = { line: LINE_EXACT, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exactLine,
    children: [new TextRun({ text, font: font("title", true), size: SIZE.title, bold: true })],
  });
}

function blankLine(): Paragraph {
  return new Paragraph({ spacing: exactLine, children: [new TextRun({ text: "", font: font("body"), size: SIZE.body })] });
}

function headingParagraph(text: string, key: "heading" | "subheading" = "heading", options: { pageBreak?: boolean; centred?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: exactLine,
    keepNext: true,
    ...(options.centred ? { alignment: AlignmentType.CENTER } : { indent: { firstLine: INDENT_TWO_CHARS } }),
    ...(options.pageBreak ? { pageBreakBefore: true } : {}),
    children: runs(text, key, SIZE.heading),
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: exactLine,
    indent: { firstLine: INDENT_TWO_CHARS },
    children: runs(text, "body", SIZE.body),
  });
}

const APPENDIX_MARKER = "@@APPENDIX_TABLE@@";

function appendixTableXml(groups: readonly AppendixGroup[]): string {
  const fontOf = (key: FontKey): RawFont => ({ latin: LATIN, eastAsia: DOCX_FONTS[key].name });
  return rawTableXml(
    COLUMNS.map((c, i) => ({ title: c.title, width: c.width, centred: i !== 2 && i !== 3 })),
    groups.map((group, i) => ({
      heading: `${i + 1}. ${group.heading}（台账记录${group.rows.length}条）`,
      rows: group.rows.map((r) => [String(r.no), r.date, r.kinds, r.note ? `${r.title}（${r.note}）` : r.title, String(r.personTimes)]),
    })),
    { header: fontOf("heading"), body: fontOf("body") },
    SIZE.table,
  );
}

export async function renderSummaryDocx(doc: SummaryDocument): Promise<Buffer> {
  const children: Paragraph[] = [titleParagraph(doc.title), blankLine(), bodyParagraph(doc.intro)];
  for (const part of doc.parts) {
    children.push(headingParagraph(part.heading));
    for (const p of part.paragraphs) children.push(bodyParagraph(p));
  }
  children.push(headingParagraph(doc.closing.heading));
  for (const section of doc.closing.sections) {
    children.push(headingParagraph(section.heading, "subheading"));
    for (const p of section.paragraphs) children.push(bodyParagraph(p));
  }
  children.push(headingParagraph("台账附表", "heading", { pageBreak: true, centred: true }));
  if (doc.appendix.length > 0) {
    children.push(bodyParagraph(`以下为正文各项数字对应的台账记录（按数字分组，同一活动可能同时支撑多项数字）。`));
    children.push(new Paragraph({ children: [new TextRun(APPENDIX_MARKER)] }));
  } else {
    children.push(bodyParagraph("本年度台账暂无记录。"));
  }

  const document = new Document({
    title: doc.title,
    creator: doc.branchName,
    styles: {
      default: {
        document: {
          run: { font: font("body"), size: SIZE.body },
          paragraph: { spacing: exactLine },
        },
      },
    },
    sections: [
      {
        properties: {
          page: OFFICIAL_PAGE,
        },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document, false, OFFICIAL_PARTS());
  return doc.appendix.length > 0 ? replaceMarkerParagraph(packed, APPENDIX_MARKER, appendixTableXml(doc.appendix)) : packed;
}

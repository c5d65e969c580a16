// The year-end summary as a .docx in the usual Chinese official-document style (GB/T 9704 layout):
// A4, margins 37/35/28/26 mm, title 方正小标宋简体 二号, headings 黑体 三号, body 仿宋_GB2312 三号,
// fixed 29pt lines, two-character first-line indent, page numbers in the footer, then 台账附表.
import {
  AlignmentType,
  Document,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  convertMillimetersToTwip,
} from "docx";
import { TEMPLATE_MARK, TO_FILL, type AppendixGroup, type SummaryDocument } from "../domain/summary/index.js";
import { rawTableXml, replaceMarkerParagraph, type RawFont } from "./docxTable.js";

/** Font names (w:rFonts eastAsia); the fallbacks are declared as altName in the font table. */
export const DOCX_FONTS = {
  title: { name: "方正小标宋简体", fallback: "宋体" },
  heading: { name: "黑体", fallback: "SimHei" },
  subheading: { name: "楷体_GB2312", fallback: "楷体" },
  body: { name: "仿宋_GB2312", fallback: "仿宋" },
  pageNumber: { name: "宋体", fallback: "SimSun" },
} as const;
const LATIN = "Times New Roman";

const PT = 2; // docx sizes are half-points
const SIZE = { title: 22 * PT, heading: 16 * PT, body: 16 * PT, pageNumber: 14 * PT, table: 12 * PT } as const;
const LINE_EXACT = 29 * 20; // 29pt in twips
const INDENT_TWO_CHARS = 2 * 16 * 20; // two 三号 characters = 640 twips
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
} as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const COLUMNS = [
  { title: "序号", width: 800 },
  { title: "日期", width: 1500 },
  { title: "类型", width: 1700 },
  { title: "标题/主题", width: TEXT_WIDTH - 800 - 1500 - 1700 - 900 },
  { title: "人次", width: 900 },
] as const;

type FontKey = keyof typeof DOCX_FONTS;

function font(key: FontKey, latinToo = false) {
  const name = DOCX_FONTS[key].name;
  return { ascii: latinToo ? name : LATIN, hAnsi: latinToo ? name : LATIN, eastAsia: name, cs: name, hint: "eastAsia" };
}

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

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font("pageNumber", true), size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** word/fontTable.xml declaring each font with its fallback (altName) and the GB2312 character set. */
function fontTableXml(): string {
  const entries = Object.values(DOCX_FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `<w:font w:name="${LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    `${entries}</w:fonts>`
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
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // page number line 7mm below the text block: 35mm - 7mm - one 四号 line ≈ 23mm from the edge
            margin: { ...MARGIN, footer: convertMillimetersToTwip(23), header: convertMillimetersToTwip(15) },
          },
        },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
  return doc.appendix.length > 0 ? replaceMarkerParagraph(packed, APPENDIX_MARKER, appendixTableXml(doc.appendix)) : packed;
}

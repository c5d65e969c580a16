// The official page (GB/T 9704 layout) shared by every .docx the bot writes — the summary and the 会议记录:
// A4, margins 37/35/28/26 mm, the 公文 fonts with their fallbacks, page numbers "— N —" in the footer.
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun, convertMillimetersToTwip } from "docx";

/** Font names (w:rFonts eastAsia); the fallbacks are declared as altName in the font table. */
export const DOCX_FONTS = {
  title: { name: "方正小标宋简体", fallback: "宋体" },
  heading: { name: "黑体", fallback: "SimHei" },
  subheading: { name: "楷体_GB2312", fallback: "楷体" },
  body: { name: "仿宋_GB2312", fallback: "仿宋" },
  pageNumber: { name: "宋体", fallback: "SimSun" },
} as const;
export type FontKey = keyof typeof DOCX_FONTS;
export const LATIN = "Times New Roman";

/** docx sizes are half-points. */
export const PT = 2;
export const PAGE_NUMBER_SIZE = 14 * PT; // 四号
export const PAGE = { width: 11906, height: 16838 } as const; // A4 in twips
export const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
} as const;
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** A run's fonts: the Chinese font, with Times New Roman for Latin text unless `latinToo`. */
export function font(key: FontKey, latinToo = false) {
  const name = DOCX_FONTS[key].name;
  return { ascii: latinToo ? name : LATIN, hAnsi: latinToo ? name : LATIN, eastAsia: name, cs: name, hint: "eastAsia" as const };
}

/** The section's page: A4, the margins, the page number line 7mm below the text block (≈ 23mm from the edge). */
export const OFFICIAL_PAGE = {
  size: { width: PAGE.width, height: PAGE.height },
  margin: { ...MARGIN, footer: convertMillimetersToTwip(23), header: convertMillimetersToTwip(15) },
} as const;

/** "— 3 —" centred in the footer, 宋体 四号. */
export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font("pageNumber", true), size: PAGE_NUMBER_SIZE })],
      }),
    ],
  });
}

/** word/fontTable.xml declaring each font with its fallback (altName) and the GB2312 character set. */
export function fontTableXml(): string {
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

/** The extra part Packer.toBuffer writes into every official document. */
export const OFFICIAL_PARTS = () => [{ path: "word/fontTable.xml", data: fontTableXml() }];

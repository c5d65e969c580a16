import { composeAnnualSummary } from "../../src/domain/summary/index.js";
import { renderSummaryDocx } from "../../src/render/summaryDocx.js";
import { emptyYearInput, referenceYearInput } from "../domain/summary/referenceYear.js";
import { listZip, paragraphTexts, readZipEntry } from "./zipReader.js";

describe("renderSummaryDocx", () => {
  let buffer: Buffer;
  let xml: string;
  let paragraphs: string[];

  beforeAll(async () => {
    buffer = await renderSummaryDocx(composeAnnualSummary(referenceYearInput()));
    xml = readZipEntry(buffer, "word/document.xml").toString("utf8");
    paragraphs = paragraphTexts(xml);
  });

  it("is a zip with the parts of a Word document", () => {
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    const names = listZip(buffer).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/fontTable.xml"]));
    expect(names.some((n) => /^word\/footer\d*\.xml$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it("contains the title, headings and the same figures as the text", () => {
    expect(paragraphs[0]).toBe("2023年审计法务部党支部党建工作总结");
    const body = paragraphs.join("\n");
    expect(paragraphs).toContain("一、加强政治建设，学习贯彻党的创新理论");
    expect(paragraphs).toContain("五、存在的问题及2024年工作思路");
    expect(paragraphs).toContain("（二）2024年工作思路");
    for (const phrase of [
      "召开支委会15次",
      "召开党员大会11次",
      "开展主题党日活动12次",
      "开展专题宣讲1次，涉及27人次",
      "召开意识形态专题会议6次",
      "发布宣传报道23次",
      "召开组织生活会2次，共查找问题23条，已整改23条",
      "党课5次，覆盖60人次",
      "完成党务公开50项",
      "收集心得体会4篇",
      "组织调研会议3次，发现问题3项，推动成果转化运用2项",
      "召开党风廉政专题会议4次",
      "开展理论中心组学习4次",
      "开展谈心谈话20人次",
    ]) {
      expect(body).toContain(phrase);
    }
  });

  it("has the 台账附表 grouped by figure with the records' rows", () => {
    const at = paragraphs.indexOf("台账附表");
    expect(at).toBeGreaterThan(0);
    const table = paragraphs.slice(at);
    expect(table.slice(2, 7)).toEqual(["序号", "日期", "类型", "标题/主题", "人次"]);
    expect(table).toContain("7. 召开支委会15次（台账记录15条）");
    const orgLifeGroup = table.indexOf("6. 召开组织生活会2次，共查找问题23条，已整改23条（台账记录2条）");
    expect(orgLifeGroup).toBeGreaterThan(0);
    expect(table.slice(orgLifeGroup + 1, orgLifeGroup + 6)).toEqual([
      "1",
      "2023-01-01",
      "组织生活会",
      "org_life_meeting 1（查找问题12条，整改12条）",
      "13",
    ]);
    const lectureRow = table.indexOf("学习贯彻党的二十大报告精神");
    expect(table.slice(lectureRow - 3, lectureRow + 2)).toEqual(["1", "2023-01-01", "党课", "学习贯彻党的二十大报告精神", "12"]);
    expect(xml).toContain('<w:tblHeader/>');
  });

  it("uses the official fonts, sizes, page and spacing", () => {
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('<w:sz w:val="44"/>'); // 二号 title
    expect(xml).toContain('<w:sz w:val="32"/>'); // 三号 body and headings
    expect(xml).toContain('w:line="580" w:lineRule="exact"');
    expect(xml).toContain('w:firstLine="640"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/);
    const fonts = readZipEntry(buffer, "word/fontTable.xml").toString("utf8");
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    const footerName = listZip(buffer).find((e) => /^word\/footer\d*\.xml$/.test(e.name))?.name ?? "";
    const footer = readZipEntry(buffer, footerName).toString("utf8");
    expect(footer).toContain("PAGE");
  });

  it("highlights 【待补充】 and the template marks for the secretary", () => {
    expect(xml).toMatch(/<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>)[\s\S])*【待补充】/);
    expect(xml).not.toContain("【参考表述"); // no reference wording left for the secretary to rewrite
  });

  it("renders an empty year without figures and with an empty appendix note", async () => {
    const empty = await renderSummaryDocx(composeAnnualSummary(emptyYearInput()));
    const texts = paragraphTexts(readZipEntry(empty, "word/document.xml").toString("utf8"));
    expect(texts.join("\n").replace(/2023年|2024年/g, "")).not.toMatch(/\d/);
    expect(texts).toContain("本年度台账暂无记录。");
  });
});

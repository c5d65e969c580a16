import {
  composeAnnualSummary,
  summaryToText,
  TO_FILL,
  type SummaryDocument,
} from "../../../src/domain/summary/index.js";
import { emptyYearInput, referenceYearInput } from "./referenceYear.js";

const partText = (doc: SummaryDocument, index: number) => doc.parts[index]?.paragraphs.join("") ?? "";

describe("composeAnnualSummary with the reference year's figures", () => {
  const doc = composeAnnualSummary(referenceYearInput());
  const text = summaryToText(doc);

  it("has the reference document's title and structure", () => {
    expect(doc.title).toBe("2023年审计法务部党支部党建工作总结");
    expect(doc.parts.map((p) => p.heading.slice(0, 2))).toEqual(["一、", "二、", "三、", "四、"]);
    expect(doc.closing.heading).toBe("五、存在的问题及2024年工作思路");
    expect(doc.closing.sections.map((s) => s.heading)).toEqual(["（一）存在的问题", "（二）2024年工作思路"]);
    // Without the year's /check gaps, 存在的问题 and 工作思路 say 【待补充】 (no reference wording).
    expect(doc.closing.sections.every((s) => !s.template && s.paragraphs[0]?.startsWith("【待补充】"))).toBe(true);
    expect(text.startsWith("2023年审计法务部党支部党建工作总结\n\n2023年，审计法务部党支部坚持以习近平新时代中国特色社会主义思想为指引")).toBe(true);
  });

  it("states political building figures in part 一", () => {
    const one = partText(doc, 0);
    expect(one).toContain("一是落实“第一议题”制度，抓好集中学习。全年依托“三会一课”、主题党日等组织集中学习20次，覆盖260人次，其中“第一议题”学习20次。");
    expect(one).toContain("围绕“学习贯彻党的二十大报告精神”主题开展专题宣讲1次，涉及27人次");
    expect(one).toContain("全年召开意识形态专题会议6次");
    expect(one).toContain("全年发布宣传报道23次");
  });

  it("states organisation figures in part 二", () => {
    const two = partText(doc, 1);
    expect(two).toContain("召开组织生活会2次，共查找问题23条，已整改23条");
    expect(two).toContain("召开支委会15次");
    expect(two).toContain("召开党员大会11次");
    expect(two).toContain("开展主题党日活动12次");
    expect(two).toContain(
      "开展了包括“学习贯彻党的二十大报告精神”（李书记主讲）、“学习新思想奋进新征程建设新重庆”、“深入学习贯彻新时代中国特色社会主义思想”、“传承好家风筑牢廉洁‘墙’”、“市委六届三次全会精神宣讲”等在内的党课5次，覆盖60人次",
    );
    expect(two).toContain("全年完成党务公开50项。");
    expect(two).not.toContain("党小组会"); // none recorded: not mentioned, not invented
  });

  it("states party building + business figures in part 三", () => {
    const three = partText(doc, 2);
    expect(three).toContain("开展志愿服务活动1次，参与8人次，包括“防诈宣传进社区 安全防范入人心”活动");
    expect(three).toContain("围绕“合同管理流程优化”开展专项调查研究，组织调研会议3次，发现问题3项，推动成果转化运用2项");
    expect(three).toContain(`三是党建品牌创建及党建引领业务成效：${TO_FILL}。`);
  });

  it("states integrity figures in part 四", () => {
    const four = partText(doc, 3);
    expect(four).toContain("开展廉政教育、警示教育活动4次，覆盖13人次，组织观看《永远在路上》、《坚如磐石》等警示教育片，收集心得体会4篇");
    expect(four).toContain("全年共开展谈心谈话20人次。");
    expect(four).toContain("召开党风廉政专题会议4次，开展理论中心组学习4次");
  });

  it("states every count in full: no blank records, no caveat, no appraisal", () => {
    const parts = doc.parts.map((p) => p.paragraphs.join("")).join("");
    expect(parts).not.toContain("另有");
    expect(parts.match(/【待补充】/g)).toHaveLength(1); // 党建品牌: never in the ledger
    expect(parts).not.toMatch(/严格|切实|深刻|扎实|认真/);
  });

  it("records every stated figure and groups the records behind it in the appendix", () => {
    expect(doc.figures.map((f) => f.key)).toEqual([
      "study", "first_topic", "briefing", "ideology_meeting", "publicity",
      "org_life_meeting", "branch_committee", "general_assembly", "theme_day", "party_lecture", "disclosure",
      "volunteer", "research", "integrity_education", "talk", "integrity_meeting", "central_group",
    ]);
    const rowsOf = (heading: string) => doc.appendix.find((g) => g.heading === heading)?.rows ?? [];
    expect(rowsOf("召开支委会15次")).toHaveLength(15);
    expect(rowsOf("召开党员大会11次")).toHaveLength(11);
    expect(rowsOf("开展理论中心组学习4次")).toHaveLength(4);
    expect(rowsOf("党课5次，覆盖60人次").reduce((n, r) => n + r.personTimes, 0)).toBe(60);
    const orgLife = rowsOf("召开组织生活会2次，共查找问题23条，已整改23条");
    expect(orgLife.map((r) => r.note)).toEqual(["查找问题12条，整改12条", "查找问题11条，整改11条"]);
    expect(orgLife[0]).toMatchObject({ no: 1, kinds: "组织生活会" });
    for (const figure of doc.figures) {
      const group = doc.appendix.find((g) => g.figure === figure.key);
      expect(group?.heading).toBe(figure.statement);
      expect(group?.rows).toHaveLength(figure.events);
      if (figure.personTimes > 0) expect(group?.rows.reduce((n, r) => n + r.personTimes, 0)).toBe(figure.personTimes);
    }
    for (const group of doc.appendix) {
      const dates = group.rows.map((r) => r.date);
      expect(dates).toEqual([...dates].sort());
    }
  });
});

describe("composeAnnualSummary with an empty year", () => {
  const doc = composeAnnualSummary(emptyYearInput());
  const text = summaryToText(doc, { appendix: true });

  it("gives a draft of 【待补充】 markers and no number other than the years", () => {
    expect(text.replace(/2023年|2024年/g, "")).not.toMatch(/\d/);
    expect(text.replace(/2023年|2024年/g, "")).not.toMatch(/[０-９]|\d+次|\d+人次/);
    const parts = doc.parts.map((p) => p.paragraphs.join("")).join("");
    expect(parts.match(/【待补充】/g)).toHaveLength(13);
    expect(parts).not.toMatch(/召开|开展|完成|发布|覆盖|涉及/);
    expect(doc.figures).toEqual([]);
    expect(doc.appendix).toEqual([]);
    expect(doc.hasPlaceholders).toBe(true);
  });
});

describe("composeAnnualSummary with partial data", () => {
  it("states what exists and asks for the rest", () => {
    const input = emptyYearInput();
    input.tallies = [
      { kind: "branch_committee", events: 3, personTimes: 0 },
      { kind: "org_life_meeting", events: 1, personTimes: 9 },
      { kind: "research", events: 2, personTimes: 0 },
    ];
    input.sums = { ...input.sums, researchProblemsFound: { total: 4, recorded: 2 } };
    const doc = composeAnnualSummary(input);
    const two = partText(doc, 1);
    expect(two).toContain("全年共召开支委会3次。");
    expect(two).toContain(`党员大会召开次数${TO_FILL}。主题党日开展次数${TO_FILL}。`);
    expect(two).toContain(`党课：${TO_FILL}。`);
    expect(two).toContain(`召开组织生活会1次，查找问题及整改情况${TO_FILL}`);
    expect(partText(doc, 2)).toContain(`组织调研会议2次，发现问题4项，成果转化运用情况${TO_FILL}`);
    expect(partText(doc, 0)).toBe(
      `一是理论学习及“第一议题”学习：${TO_FILL}。二是专题宣讲：${TO_FILL}。三是意识形态工作：${TO_FILL}。四是宣传报道：${TO_FILL}。`,
    );
  });
});

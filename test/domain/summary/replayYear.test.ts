// A year of one-line reports, as members type them, replayed through the parser, the rules and the
// composer: the draft states 第一议题 and 中心组 figures, counts 集中学习 across kinds, and drafts
// 存在的问题 from the year's gaps — in its own words, never the reference document's.
import { createHash } from "node:crypto";
import { instantOf } from "../../../src/domain/calendar/index.js";
import { parseActivityLine } from "../../../src/domain/parse/index.js";
import { checkCompliance, complianceInputFromFacts, type RosterPerson } from "../../../src/domain/rules/index.js";
import { composeAnnualSummary, gapsFromReport, summaryInputFromFacts, summaryToText } from "../../../src/domain/summary/index.js";
import type { ActivityFact } from "../../../src/domain/tally/types.js";
import { personTimes } from "../../../src/domain/activity.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2023-12-29T08:00:00Z");

const PEOPLE: RosterPerson[] = [
  { memberId: 1, name: "王建国", role: "secretary" },
  { memberId: 2, name: "陈明", role: "committee" },
  { memberId: 3, name: "刘芳", role: "committee" },
  { memberId: 4, name: "张三", role: "member" },
  { memberId: 5, name: "李四", role: "member" },
  { memberId: 6, name: "王五", role: "member" },
  { memberId: 7, name: "赵六", role: "member" },
  { memberId: 8, name: "孙七", role: "member" },
];

/** What a branch's members sent over 2023 (支委会 missing in April and October, one 整改 item open). */
const LINES = [
  "2023年1月12日 召开2022年度组织生活会，查找问题6条，整改5条，实到8人",
  "1月6日 支委会 研究年度党建工作要点 实到3人",
  "1月13日 “第一议题”学习 学习习近平总书记在二十届中央纪委二次全会上的重要讲话 8人参加 2小时",
  "2月3日 支委会，传达学习上级党委工作会议精神，实到3人，1.5小时",
  "2月10日 主题党日 “学习新思想 奋进新征程” 参观红色教育基地 8人 3小时",
  "3月3日 支委会 研究发展党员工作 实到3人",
  "3月10日 主题党日 学雷锋志愿服务 8人参加 2小时",
  "3月17日 党员大会 学习贯彻全国两会精神 应到8人实到7人 李四出差 2小时",
  "4月14日 主题党日 观看警示教育片《永远在路上》 8人 2小时",
  "4月21日 理论中心组学习 党的二十大报告 5人 2小时",
  "5月5日 支委会 研究主题教育实施方案 实到3人",
  "5月12日 党课《学习新思想 奋进新征程》 主讲人王建国书记 覆盖8人次 1.5小时",
  "5月19日 “第一议题”学习 学习习近平总书记关于党的建设的重要思想 8人 1小时",
  "6月2日 支委会 实到1人",
  "6月9日 主题党日 重温入党誓词 8人 2小时",
  "6月30日 谈心谈话 王建国与张三谈话",
  "7月7日 支委会 研究下半年工作 实到3人",
  "7月14日 主题党日活动 “传承好家风 筑牢廉洁墙” 参观家风教育基地 7人 3小时",
  "7月21日 理论中心组学习 学习主题教育读本 5人 2小时",
  "8月4日 支委会 实到3人",
  "8月11日 主题党日 防诈宣传进社区 8人",
  "9月1日 支委会 研究党建品牌创建 实到3人",
  "9月8日 主题党日 学习党章 8人 2小时",
  "9月15日 党员大会 传达学习全会精神 实到8人 1.5小时",
  "11月3日 支委会 实到3人",
  "11月10日 主题党日 “第一议题”学习 学习党的二十大精神 8人 2小时",
  "12月1日 支委会 研究年底各项工作 实到3人",
  "12月8日 主题党日 民主评议党员 8人",
  "12月15日 党员大会 民主评议党员 实到8人",
  "12月22日 党课 《坚定理想信念》 主讲人陈明 8人 1.5小时",
];

/** Each line as the bot would save it: the reporter (the 书记) takes part; dates in the branch's zone. */
function factsOfYear(): ActivityFact[] {
  return LINES.map((line, i) => {
    const result = parseActivityLine(line, { now: NOW, timeZone: TZ });
    if (!result.ok) throw new Error(`not understood: ${line}`);
    const d = result.draft;
    return {
      id: i + 1,
      kinds: d.kinds,
      occurredAt: instantOf(d.date!, d.time, d.partOfDay, TZ),
      personTimes: personTimes({ details: d.details, presentCount: d.presentCount, attendeeIds: [1] }),
      presentCount: d.presentCount,
      expectedCount: d.expectedCount,
      durationHours: d.durationHours,
      title: d.title,
      speaker: d.speaker,
      details: d.details,
      attendeeIds: [1],
      reporterId: 1,
    };
  });
}

/**
 * Fingerprints of the reference document's 存在的问题 section (/work/shared/reference/sample-annual-summary.zh.txt):
 * each sentence and clause of 6 or more characters, as [length, first 16 hex digits of its SHA-256]. The
 * reference text itself stays out of the repository.
 */
const REFERENCE_PROBLEMS: readonly [number, string][] = [
  [69, "0ac2dfe008394289"], [14, "5dc756e03b1beb42"], [50, "37caf600e3b0430a"], [13, "5715e8c99b72143b"], [25, "d152d9faa7ab3702"],
  [11, "6621197ad33c4e0a"], [14, "03f04668cf95bd28"], [7, "b361b8bb1995abab"], [18, "c266b7536242345b"], [18, "e58eeb68e5909656"],
  [10, "d81bd83963553552"], [20, "7251e65e2b0229be"], [16, "fdb5d60cd7cb706c"], [8, "e600f84fb220ecf2"],
];

const fingerprint = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** Every window of the text whose fingerprint is one of the given ones. */
function fingerprintHits(text: string, prints: readonly [number, string][]): string[] {
  const chars = [...text];
  const hits: string[] = [];
  for (const [length, hash] of prints) {
    for (let i = 0; i + length <= chars.length; i++) {
      const window = chars.slice(i, i + length).join("");
      if (fingerprint(window) === hash) hits.push(window);
    }
  }
  return hits;
}

describe("a year of one-line reports through the parser, the rules and the composer", () => {
  const facts = factsOfYear();
  const today = { year: 2024, month: 3, day: 1 };
  const report = checkCompliance(complianceInputFromFacts({ year: 2023, today, timeZone: TZ, facts, people: PEOPLE, votingMemberCount: 8, committeeSize: 3 }));
  const gaps = gapsFromReport(report);
  const doc = composeAnnualSummary(summaryInputFromFacts({ branchName: "第一党支部", year: 2023, timeZone: TZ, facts, gaps }));
  const text = summaryToText(doc, { appendix: true });
  const body = summaryToText(doc);

  it("states the “第一议题” and 中心组 figures that the parser took out of the topics", () => {
    const figure = (key: string) => doc.figures.find((f) => f.key === key);
    expect(figure("first_topic")).toMatchObject({ events: 3 });
    expect(figure("central_group")).toMatchObject({ events: 2 });
    expect(body).toContain("其中“第一议题”学习3次");
    expect(body).toContain("开展理论中心组学习2次");
  });

  it("counts 集中学习 across kinds: 支委会 and 党员大会 with study topics, 主题党日, 党课, 理论学习", () => {
    // 1 支委会 (传达学习…精神), 4 理论学习 (“第一议题”, 中心组), 9 主题党日, 2 党课, 2 党员大会 with study
    // topics (not the one for 民主评议), 1 组织生活会; 支委会 that plan work are not study.
    const collective = doc.figures.find((f) => f.key === "collective_study")!;
    expect(collective.events).toBe(19);
    expect(body).toContain("依托“三会一课”、主题党日等组织集中学习19次");
    expect(body).not.toMatch(/开展理论学习\d+次/);
  });

  it("names the 组织生活会 held, the 2022年度 one included, and 主讲人 without title suffixes", () => {
    expect(body).toContain("召开2022年度组织生活会");
    expect(body).toContain("（王建国同志主讲）");
    expect(body).not.toContain("王建国书记主讲");
  });

  it("drafts 存在的问题 from the year's gaps", () => {
    const problems = doc.closing.sections[0]!.paragraphs.join("");
    expect(problems).toContain("一是组织生活制度落实还有差距。4月、10月未召开支委会");
    expect(problems).toContain("1次会议到会人数未达到规定要求"); // 6月2日 支委会: 1 of 3 委员
    expect(problems).toMatch(/\d+名党员集中学习培训未达到规定学时，其中书记、支委\d+名/);
    expect(problems).toContain("书记尚未与6名同志谈心谈话");
    expect(problems).toContain("组织生活会查找问题6条，已整改5条，尚有1条未完成整改");
    const ideas = doc.closing.sections[1]!.paragraphs.join("");
    expect(ideas).toContain("支委会一般每月召开1次");
  });

  it("uses no sentence of the reference document's problems section", () => {
    // The detector finds a fingerprinted sentence wherever it sits.
    const probe = "本句仅用于检验指纹比对";
    expect(fingerprintHits(`前文。${probe}。后文`, [[[...probe].length, fingerprint(probe)]])).toEqual([probe]);
    expect(fingerprintHits(text, REFERENCE_PROBLEMS)).toEqual([]);
  });

  it("never nests brackets", () => {
    let depth = 0;
    for (const ch of text) {
      if (ch === "【") depth += 1;
      if (ch === "】") depth -= 1;
      expect(depth === 0 || depth === 1).toBe(true);
    }
    expect(depth).toBe(0);
    expect(text).not.toMatch(/【[^】]*【/);
  });
});

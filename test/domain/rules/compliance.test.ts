import {
  checkCompliance,
  complianceInputFromFacts,
  DEFAULT_RULE_SETTINGS,
  renderComplianceText,
  type ComplianceInput,
  type ComplianceItem,
  type KindMonthCount,
} from "../../../src/domain/rules/index.js";
import { fact } from "../tally/factFixture.js";

const GROUPS = [
  { id: 1, name: "第一党小组" },
  { id: 2, name: "第二党小组" },
];

/** A branch's 2023: 支委会 missing in March and October, 党员大会 missing in Q3, 党小组 2 missing February. */
function counts(): KindMonthCount[] {
  const rows: KindMonthCount[] = [];
  for (let m = 1; m <= 10; m++) {
    if (m !== 3 && m !== 10) rows.push({ month: m, kind: "branch_committee", count: 1 });
    rows.push({ month: m, kind: "theme_day", count: 1 });
    rows.push({ month: m, kind: "group_meeting", count: 1, partyGroupId: 1 });
    if (m !== 2) rows.push({ month: m, kind: "group_meeting", count: 1, partyGroupId: 2 });
  }
  rows.push({ month: 2, kind: "general_assembly", count: 1 }, { month: 5, kind: "general_assembly", count: 2 });
  rows.push({ month: 3, kind: "party_lecture", count: 1 }, { month: 8, kind: "party_lecture", count: 1 });
  rows.push({ month: 11, kind: "theme_day", count: 1 });
  return rows;
}

function dataset(today: { year: number; month: number; day: number }): ComplianceInput {
  return {
    year: 2023,
    today,
    counts: counts(),
    partyGroups: GROUPS,
    committeeSize: 5,
    votingMemberCount: 14,
    memberCount: 16,
    meetings: [
      { id: 1, kind: "branch_committee", date: { year: 2023, month: 5, day: 10 }, expected: 5, present: 2 },
      { id: 2, kind: "branch_committee", date: { year: 2023, month: 6, day: 8 }, expected: null, present: 3 },
      { id: 3, kind: "general_assembly", date: { year: 2023, month: 5, day: 20 }, expected: null, present: 7, vote: "vote" },
      { id: 4, kind: "general_assembly", date: { year: 2023, month: 2, day: 15 }, expected: 15, present: 13 },
      { id: 5, kind: "branch_committee", date: { year: 2023, month: 7, day: 3 }, expected: 5, present: null },
    ],
    talks: { events: 5, pairs: ["书记–委员", "委员与党员"] },
    studyHours: [
      { memberId: 1, name: "张三", hours: 40 },
      { memberId: 2, name: "李四", hours: 20 },
    ],
  };
}

const find = (items: ComplianceItem[], rule: string, period: string, subject?: string) =>
  items.find((i) => i.rule === rule && i.period === period && (subject === undefined || i.subject?.name === subject));

const periodsWith = (items: ComplianceItem[], rule: string, status: string, subject?: string) =>
  items.filter((i) => i.rule === rule && i.status === status && (subject === undefined || i.subject?.name === subject)).map((i) => i.period);

describe("checkCompliance during the year (today 15 November 2023)", () => {
  const report = checkCompliance(dataset({ year: 2023, month: 11, day: 15 }));

  it("finds the months without 支委会 and treats November as in progress, December as not judged", () => {
    expect(periodsWith(report.items, "branch_committee", "missing")).toEqual(["2023-03", "2023-10"]);
    expect(periodsWith(report.items, "branch_committee", "in_progress")).toEqual(["2023-11"]);
    expect(find(report.items, "branch_committee", "2023-12")).toBeUndefined();
    expect(find(report.items, "branch_committee", "2023-01")).toMatchObject({ status: "done", count: 1 });
  });

  it("finds the quarters without 党员大会", () => {
    expect(periodsWith(report.items, "general_assembly", "missing")).toEqual(["2023-Q3"]);
    expect(find(report.items, "general_assembly", "2023-Q2")).toMatchObject({ status: "done", count: 2 });
    expect(find(report.items, "general_assembly", "2023-Q4")).toMatchObject({ status: "in_progress", count: 0 });
  });

  it("checks 党小组会 per group and 党课 per quarter", () => {
    expect(periodsWith(report.items, "group_meeting", "missing", "第二党小组")).toEqual(["2023-02"]);
    expect(periodsWith(report.items, "group_meeting", "missing", "第一党小组")).toEqual([]);
    expect(periodsWith(report.items, "party_lecture", "missing")).toEqual(["2023-Q2"]);
    expect(find(report.items, "theme_day", "2023-11")).toMatchObject({ status: "done" });
  });

  it("judges yearly rules as in progress", () => {
    expect(find(report.items, "org_life_meeting", "2023")).toMatchObject({ status: "in_progress", count: 0 });
    expect(find(report.items, "member_review", "2023")).toMatchObject({ status: "in_progress" });
    expect(find(report.items, "talk_pairs", "2023")).toMatchObject({
      status: "in_progress",
      count: 5,
      detail: { missingTalkCategories: ["member_member"] },
    });
  });

  it("warns about meetings without a quorum", () => {
    const quorum = report.items.filter((i) => i.rule === "quorum");
    expect(quorum.map((i) => i.detail?.meetingId)).toEqual([1, 3]);
    expect(quorum[0]).toMatchObject({ status: "warning", period: "2023-05", count: 2, required: 5 });
    expect(quorum[1]).toMatchObject({ count: 7, required: 14 }); // 7 of 14 voting members is not more than half
  });

  it("lists members short of 32 学时 as in progress", () => {
    expect(find(report.items, "study_hours", "2023", "张三")).toMatchObject({ status: "done", count: 40 });
    expect(find(report.items, "study_hours", "2023", "李四")).toMatchObject({ status: "in_progress", count: 20, required: 32 });
  });

  it("renders Chinese lines", () => {
    const text = renderComplianceText(report, "zh");
    expect(text).toContain("（截至11月15日）");
    expect(text).toContain("❌ 3月、10月 未召开支委会");
    expect(text).toContain("⏳ 11月（进行中）尚未召开支委会");
    expect(text).toContain("❌ 第三季度 未召开党员大会");
    expect(text).toContain("❌ 第二党小组：2月 未召开党小组会");
    expect(text).not.toContain("❌ 第一党小组");
    expect(text).toContain("❌ 第二季度 未组织党课");
    expect(text).toContain("✅ 已按期开展主题党日（共11次）");
    expect(text).toContain("⚠️ 5月10日 支委会 到会委员2人（委员5人）：到会委员未超过半数，会议不得召开");
    expect(text).toContain("⚠️ 5月20日 党员大会 到会有表决权党员至多7人（应到14人）：到会有表决权党员未超过半数，不能表决");
    expect(text).toContain("谈心谈话（年度进行中）：尚无 党员之间 谈话记录");
    expect(text).toContain("⏳ 集中学习学时未达要求（年度进行中）：李四 20/32学时");
  });

  it("renders English lines", () => {
    const text = renderComplianceText(report, "en");
    expect(text).toContain("❌ Branch committee meeting: none in Mar, Oct");
    expect(text).toContain("⏳ Branch committee meeting: none yet in Nov (in progress)");
    expect(text).toContain("⚠️ 10 May branch committee meeting: 2 of 5 committee members present — not more than half, the meeting may not be held");
  });
});

describe("checkCompliance after the year", () => {
  const report = checkCompliance(dataset({ year: 2024, month: 1, day: 10 }));

  it("judges every month, quarter and the year", () => {
    expect(report.scope).toBe("past");
    expect(periodsWith(report.items, "branch_committee", "missing")).toEqual(["2023-03", "2023-10", "2023-11", "2023-12"]);
    expect(periodsWith(report.items, "general_assembly", "missing")).toEqual(["2023-Q3", "2023-Q4"]);
    expect(find(report.items, "org_life_meeting", "2023")).toMatchObject({ status: "missing" });
    expect(find(report.items, "talk_pairs", "2023")).toMatchObject({ status: "warning" });
    expect(find(report.items, "study_hours", "2023", "李四")).toMatchObject({ status: "missing", count: 20 });
    const text = renderComplianceText(report, "zh");
    expect(text).toContain("2023年 制度落实检查（全年）");
    expect(text).toContain("❌ 3月、10月、11月、12月 未召开支委会");
    expect(text).toContain("❌ 2023年 未召开组织生活会");
    expect(text).toContain("⚠️ 谈心谈话：缺少 党员之间 谈话记录");
    expect(text).toContain("❌ 集中学习学时未达要求：李四 20/32学时");
  });

  it("follows the branch's settings", () => {
    const settings = { ...DEFAULT_RULE_SETTINGS, frequency: { ...DEFAULT_RULE_SETTINGS.frequency, party_lecture: "off" as const } };
    const r = checkCompliance({ ...dataset({ year: 2024, month: 1, day: 10 }), settings });
    expect(r.items.some((i) => i.rule === "party_lecture")).toBe(false);
  });
});

describe("checkCompliance edge cases", () => {
  it("judges nothing in a future year", () => {
    const report = checkCompliance({ ...dataset({ year: 2022, month: 6, day: 1 }) });
    expect(report.scope).toBe("future");
    expect(report.items).toEqual([]);
    expect(renderComplianceText(report, "zh")).toContain("该年度尚未开始");
  });

  it("does not check 党小组会 for a branch without party groups", () => {
    const report = checkCompliance({ year: 2023, today: { year: 2023, month: 3, day: 1 }, counts: [] });
    expect(report.items.some((i) => i.rule === "group_meeting")).toBe(false);
    expect(periodsWith(report.items, "branch_committee", "missing")).toEqual(["2023-01", "2023-02"]);
  });
});

describe("checkCompliance from the month the branch began its ledger", () => {
  // Created in July 2023; checked after the year.
  const since = { year: 2023, month: 7 };
  const report = checkCompliance({ ...dataset({ year: 2024, month: 1, day: 10 }), since });

  it("does not judge months and quarters that ended before it", () => {
    expect(periodsWith(report.items, "branch_committee", "missing")).toEqual(["2023-10", "2023-11", "2023-12"]); // not March
    expect(find(report.items, "branch_committee", "2023-06")).toBeUndefined();
    expect(find(report.items, "branch_committee", "2023-07")).toMatchObject({ status: "done" });
    expect(periodsWith(report.items, "general_assembly", "missing")).toEqual(["2023-Q3", "2023-Q4"]);
    expect(find(report.items, "general_assembly", "2023-Q2")).toBeUndefined();
    expect(periodsWith(report.items, "group_meeting", "missing", "第二党小组")).toEqual(["2023-11", "2023-12"]); // not February
    expect(find(report.items, "org_life_meeting", "2023")).toMatchObject({ status: "missing" }); // the year includes July
    expect(report.since).toEqual(since);
  });

  it("judges a quarter that includes the first month", () => {
    const r = checkCompliance({ ...dataset({ year: 2024, month: 1, day: 10 }), since: { year: 2023, month: 8 } });
    expect(periodsWith(r.items, "general_assembly", "missing")).toEqual(["2023-Q3", "2023-Q4"]);
    expect(periodsWith(r.items, "branch_committee", "missing")).toEqual(["2023-10", "2023-11", "2023-12"]);
    expect(find(r.items, "branch_committee", "2023-07")).toBeUndefined();
  });

  it("says once that earlier months are not checked", () => {
    const zh = renderComplianceText(report, "zh");
    expect(zh.split("\n").slice(0, 3)).toEqual([
      "📋 2023年 制度落实检查（全年）",
      "（支部于2023年7月开始使用台账，此前月份不作检查）",
      "❌ 10月、11月、12月 未召开支委会",
    ]);
    expect(zh.match(/开始使用台账/g)).toHaveLength(1);
    expect(renderComplianceText(report, "en")).toContain("(The branch began its ledger in July 2023; earlier months are not checked.)");
  });

  it("judges nothing in a year before it, and adds no note when it began in January or an earlier year", () => {
    const before = checkCompliance({ ...dataset({ year: 2024, month: 1, day: 10 }), since: { year: 2024, month: 1 } });
    expect(before.items).toEqual([]);
    expect(renderComplianceText(before, "zh")).toBe("📋 2023年 制度落实检查（全年）\n支部于2024年1月开始使用台账，2023年不作检查。");
    for (const s of [{ year: 2023, month: 1 }, { year: 2021, month: 9 }, null]) {
      const r = checkCompliance({ ...dataset({ year: 2024, month: 1, day: 10 }), since: s });
      expect(r.since).toBeUndefined();
      expect(r.items).toEqual(checkCompliance(dataset({ year: 2024, month: 1, day: 10 })).items);
    }
  });
});

describe("complianceInputFromFacts", () => {
  it("counts by local month in the branch's zone and keeps meetings for the quorum check", () => {
    const input = complianceInputFromFacts({
      year: 2023,
      today: { year: 2023, month: 5, day: 1 },
      timeZone: "Asia/Shanghai",
      partyGroups: GROUPS,
      members: [{ memberId: 7, name: "赵六" }],
      facts: [
        fact(["branch_committee", "study"], "2023-03-31T15:30:00Z", { expectedCount: 5, presentCount: 2, attendeeIds: [7], durationHours: 2 }),
        fact(["branch_committee"], "2023-03-31T16:30:00Z"),
        fact(["group_meeting"], "2023-02-10T02:00:00Z", { partyGroupId: 2 }),
        fact(["talk"], "2023-02-11T02:00:00Z", { details: { talkPairs: ["党员–党员"] } }),
        fact(["study"], "2023-02-12T02:00:00Z", { personal: true, attendeeIds: [7], durationHours: 3 }),
        fact(["volunteer"], "2023-02-13T02:00:00Z", { attendeeIds: [7], durationHours: 40 }), // taken part in, not 学时
        fact(["branch_committee"], "2022-12-31T15:00:00Z"), // 23:00 on 31 December 2022 in Shanghai
      ],
    });
    expect(input.counts).toEqual(
      expect.arrayContaining([
        { month: 3, kind: "branch_committee", count: 1 },
        { month: 4, kind: "branch_committee", count: 1 },
        { month: 2, kind: "group_meeting", count: 1, partyGroupId: 2 },
      ]),
    );
    expect(input.counts.some((c) => c.month === 1)).toBe(false);
    expect(input.counts.filter((c) => c.kind === "study")).toEqual([{ month: 3, kind: "study", count: 1 }]); // personal study is not a branch event
    expect(input.meetings).toEqual([
      { id: expect.any(Number), kind: "branch_committee", date: { year: 2023, month: 3, day: 31 }, title: null, expected: 5, present: 2, vote: null, observers: 0, votingPresent: null },
      { id: expect.any(Number), kind: "branch_committee", date: { year: 2023, month: 4, day: 1 }, title: null, expected: null, present: null, vote: null, observers: 0, votingPresent: null },
    ]);
    expect(input.talks).toEqual({ events: 1, pairs: ["党员–党员"] });
    // One 学时 rule (studyCredit) on both paths: 自学 kept apart, off the count unless the branch counts it.
    expect(input.studyHours).toEqual([{ memberId: 7, name: "赵六", hours: 2, selfStudyHours: 3 }]);
    const report = checkCompliance(input);
    expect(periodsWith(report.items, "branch_committee", "missing")).toEqual(["2023-01", "2023-02"]);
    expect(report.items.filter((i) => i.rule === "quorum")).toHaveLength(1);
  });
});

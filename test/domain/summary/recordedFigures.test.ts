// Every figure the draft states is what the records state: a sum over some records says how many left the
// figure blank, recorded numbers are stated as they are, and thin data gives counts, not appraisals.
import type { ActivityKind } from "../../../src/domain/kinds.js";
import {
  composeAnnualSummary,
  summaryInputFromFacts,
  summaryToText,
  talkPersonTimesOf,
  TEMPLATE_MARK,
  TO_FILL,
  type SummaryDocument,
} from "../../../src/domain/summary/index.js";
import type { ActivityFact } from "../../../src/domain/tally/types.js";
import { fact } from "../tally/factFixture.js";

const draftOf = (facts: ActivityFact[]) =>
  composeAnnualSummary(summaryInputFromFacts({ branchName: "第一党支部", year: 2023, timeZone: "Asia/Shanghai", facts }));
const partsOf = (doc: SummaryDocument) => doc.parts.map((p) => p.paragraphs.join("")).join("\n");
const groupOf = (doc: SummaryDocument, key: string) => doc.appendix.find((g) => g.figure === key);
const day = (i: number) => `2023-${String((i % 12) + 1).padStart(2, "0")}-10T02:00:00Z`;

/** Each stated figure heads its appendix group, with one row per counted record. */
function expectFiguresBackedByAppendix(doc: SummaryDocument): void {
  for (const figure of doc.figures) {
    const group = groupOf(doc, figure.key);
    expect(group?.heading).toBe(figure.statement);
    expect(group?.rows).toHaveLength(figure.events);
    if (figure.personTimes > 0) expect(group?.rows.reduce((n, r) => n + r.personTimes, 0)).toBe(figure.personTimes);
  }
}

describe("partial sums", () => {
  it("says how many 党务公开 records leave the number of items blank", () => {
    const facts = Array.from({ length: 10 }, (_, i) => fact(["disclosure"], day(i), i === 4 ? { details: { itemsPublished: 3 } } : {}));
    const doc = draftOf(facts);
    const two = doc.parts[1]!.paragraphs.join("");
    expect(two).toContain("全年完成党务公开3项【另有9次党务公开未填写项数】。");
    expect(two).not.toContain("完成党务公开3项。");
    const group = groupOf(doc, "disclosure")!;
    expect(group.heading).toBe("完成党务公开3项【另有9次党务公开未填写项数】");
    expect(group.rows).toHaveLength(10);
    expect(group.rows.filter((r) => r.note === "公开3项")).toHaveLength(1);
    expect(group.rows.filter((r) => r.note === "公开项数未填写")).toHaveLength(9);
    expectFiguresBackedByAppendix(doc);
  });

  it("asks for the number of items when no 党务公开 record has it", () => {
    const doc = draftOf(Array.from({ length: 10 }, (_, i) => fact(["disclosure"], day(i))));
    expect(partsOf(doc)).toContain(`全年开展党务公开10次，公开项数${TO_FILL}。`);
    expect(partsOf(doc)).not.toContain("完成党务公开");
    expect(doc.hasPlaceholders).toBe(true);
    expectFiguresBackedByAppendix(doc);
  });

  it("applies the same rule to 组织生活会 problems, 调研 problems and results, 心得 and 人次", () => {
    const doc = draftOf([
      fact(["org_life_meeting"], day(0), { personTimes: 10, details: { problemsFound: 4, problemsFixed: 4 } }),
      fact(["org_life_meeting"], day(1), { personTimes: 10 }),
      fact(["research"], day(2), { details: { problemsFound: 2 } }),
      fact(["research"], day(3), { details: { problemsFound: 1, resultsApplied: 1 } }),
      fact(["integrity_education"], day(4), { personTimes: 9, details: { reflections: 5 } }),
      fact(["integrity_education"], day(5), { personTimes: 8 }),
      fact(["party_lecture"], day(6), { title: "党课一", personTimes: 12 }),
      fact(["party_lecture"], day(7), { title: "党课二" }),
    ]);
    const text = partsOf(doc);
    expect(text).toContain(
      "召开组织生活会2次，共查找问题4条【另有1次组织生活会未填写查找问题条数】，已整改4条【另有1次组织生活会未填写整改条数】",
    );
    expect(text).toContain("组织调研会议2次，发现问题3项，推动成果转化运用1项【另有1次调研未填写成果转化数】");
    expect(text).toContain("开展廉政教育、警示教育活动2次，覆盖17人次，收集心得体会5篇【另有1次廉政教育未填写心得篇数】");
    expect(text).toContain("党课2次，覆盖12人次【另有1次党课未填写人次】");
    expect(groupOf(doc, "org_life_meeting")!.rows.map((r) => r.note)).toEqual(["查找问题4条，整改4条", "查找问题未填写，整改未填写"]);
    expectFiguresBackedByAppendix(doc);
  });

  it("asks for 心得 and 谈话人次 when no record has them", () => {
    const text = partsOf(draftOf([fact(["integrity_education"], day(0), { personTimes: 9 }), fact(["talk"], day(1))]));
    expect(text).toContain(`开展廉政教育、警示教育活动1次，覆盖9人次，心得体会收集情况${TO_FILL}。`);
    expect(text).toContain(`全年共开展谈心谈话1次，谈话人次${TO_FILL}。`);
  });
});

describe("recorded numbers", () => {
  it("states problems found and fixed as recorded, even when more were fixed than found", () => {
    const doc = draftOf([fact(["org_life_meeting"], day(0), { details: { problemsFound: 3, problemsFixed: 5 } })]);
    expect(partsOf(doc)).toContain("召开组织生活会1次，共查找问题3条，已整改5条。");
    expect(groupOf(doc, "org_life_meeting")!.rows[0]!.note).toBe("查找问题3条，整改5条");
  });
});

describe("谈心谈话 人次", () => {
  const facts = [
    fact(["talk"], day(0), { personTimes: 5, details: { personTimes: 5 } }), // stated: 5
    fact(["talk"], day(1), { attendeeIds: [1, 2, 3], personTimes: 3, details: { talkPairs: ["书记–委员", "委员–党员"] } }), // pairs: 2
    fact(["talk", "theme_day"], day(2), { personTimes: 6, details: { talkPairs: ["书记–委员"] } }), // pairs: 1 (6 for 主题党日)
    fact(["talk"], day(3), { personTimes: 4 }), // the record's 人次: 4
    fact(["talk"], day(4)), // nothing recorded
  ];
  const doc = draftOf(facts);

  it("is one definition for the sum, the figure and the appendix rows", () => {
    expect(facts.map(talkPersonTimesOf)).toEqual([5, 2, 1, 4, 0]);
    expect(partsOf(doc)).toContain("全年共开展谈心谈话12人次【另有1次谈心谈话未填写人次】。");
    const figure = doc.figures.find((f) => f.key === "talk")!;
    expect(figure).toMatchObject({ events: 5, personTimes: 12 });
    const rows = groupOf(doc, "talk")!.rows;
    expect(rows.map((r) => r.personTimes)).toEqual([5, 2, 1, 4, 0]);
    expect(rows.at(-1)!.note).toBe("人次未填写");
    expect(groupOf(doc, "theme_day")!.rows.map((r) => r.personTimes)).toEqual([6]);
    expectFiguresBackedByAppendix(doc);
    expect(summaryToText(doc, { appendix: true })).toContain("▍开展谈心谈话12人次【另有1次谈心谈话未填写人次】");
  });
});

describe("thin data", () => {
  const APPRAISAL = /严格|切实|深刻|扎实|深入|认真|对照检查|落到实处|走深走实|及时/;

  it("one 党小组会 and one 主题党日 give counts, not claims of 严格落实", () => {
    const doc = draftOf([
      fact(["group_meeting"], day(0), { personTimes: 5 }),
      fact(["theme_day"], day(1), { title: "重温入党誓词", personTimes: 7 }),
    ]);
    const two = doc.parts[1]!;
    expect(two.heading).not.toMatch(APPRAISAL);
    expect(two.paragraphs.join("")).toContain(
      `全年共召开党小组会1次，开展主题党日活动1次（主题包括“重温入党誓词”）。支委会、党员大会召开次数${TO_FILL}。`,
    );
    expect(partsOf(doc)).not.toMatch(APPRAISAL);
  });

  it("one record of every kind gives no appraisal outside the template text", () => {
    const kinds: ActivityKind[] = [
      "branch_committee", "general_assembly", "group_meeting", "party_lecture", "theme_day", "org_life_meeting",
      "member_review", "study", "briefing", "publicity", "ideology_meeting", "integrity_education",
      "integrity_meeting", "talk", "volunteer", "research", "disclosure",
    ];
    const doc = draftOf([
      ...kinds.map((k, i) => fact([k], day(i), { title: k === "study" ? "“第一议题”暨理论中心组学习" : `${k}`, personTimes: 3 })),
    ]);
    const text = [doc.intro, ...doc.parts.flatMap((p) => [p.heading, ...p.paragraphs])].join("\n");
    expect(text).not.toMatch(APPRAISAL);
    expect(text).not.toContain(TEMPLATE_MARK);
    // Without gaps the closing is left to the secretary: 【待补充】, no reference wording.
    expect(doc.closing.sections.every((s) => s.paragraphs.every((p) => p.startsWith("【待补充】")))).toBe(true);
    expectFiguresBackedByAppendix(doc);
  });
});

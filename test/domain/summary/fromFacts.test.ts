import { composeAnnualSummary, summaryInputFromFacts, summaryToText } from "../../../src/domain/summary/index.js";
import { fact } from "../tally/factFixture.js";

describe("summaryInputFromFacts", () => {
  const facts = [
    fact(["theme_day", "party_lecture"], "2023-05-05T02:00:00Z", {
      title: "学习新思想 奋进新征程",
      speaker: "李书记",
      personTimes: 13,
    }),
    fact(["party_lecture"], "2023-08-05T02:00:00Z", { title: "《传承好家风》", personTimes: 12 }),
    fact(["org_life_meeting"], "2023-12-20T02:00:00Z", { personTimes: 14, details: { problemsFound: 9, problemsFixed: 7 } }),
    fact(["study"], "2023-03-01T02:00:00Z", { title: "“第一议题”学习二十大报告", personTimes: 10 }),
    fact(["study"], "2023-04-01T02:00:00Z", { title: "理论中心组学习", personTimes: 6 }),
    fact(["study"], "2023-04-02T02:00:00Z", { title: "个人自学", personal: true, personTimes: 1 }),
    fact(["integrity_education"], "2023-06-01T02:00:00Z", { personTimes: 11, details: { films: ["永远在路上"], reflections: 3 } }),
    fact(["talk"], "2023-06-30T02:00:00Z", { attendeeIds: [1, 2], personTimes: 2, details: { talkPairs: ["书记–委员"] } }),
    fact(["talk"], "2023-07-30T02:00:00Z", { personTimes: 0 }),
    fact(["disclosure"], "2023-07-01T02:00:00Z", { details: { itemsPublished: 6 } }),
    fact(["branch_committee"], "2022-12-31T15:30:00Z"), // 31 Dec 2022, 23:30 in Shanghai: not this year
    fact(["branch_committee"], "2023-12-31T16:30:00Z"), // 1 Jan 2024 in Shanghai: not this year
  ];
  const input = summaryInputFromFacts({ branchName: "第一党支部", year: 2023, timeZone: "Asia/Shanghai", facts });

  it("derives every figure from the year's branch records", () => {
    expect(input.tallies.find((t) => t.kind === "party_lecture")).toEqual({ kind: "party_lecture", events: 2, personTimes: 25 });
    expect(input.tallies.find((t) => t.kind === "theme_day")).toEqual({ kind: "theme_day", events: 1, personTimes: 13 });
    expect(input.tallies.find((t) => t.kind === "study")).toEqual({ kind: "study", events: 2, personTimes: 16 });
    expect(input.tallies.some((t) => t.kind === "branch_committee")).toBe(false);
    expect(input.firstTopicStudies).toBe(1);
    expect(input.centralGroupStudies).toBe(1);
    expect(input.lists.lectures).toEqual([
      { title: "学习新思想 奋进新征程", speaker: "李书记" },
      { title: "《传承好家风》", speaker: null },
    ]);
    expect(input.lists.themeDayThemes).toEqual(["学习新思想 奋进新征程"]);
    expect(input.lists.films).toEqual(["永远在路上"]);
    expect(input.sums).toEqual({
      orgLifeProblemsFound: { total: 9, recorded: 1 },
      orgLifeProblemsFixed: { total: 7, recorded: 1 },
      researchProblemsFound: { total: 0, recorded: 0 },
      researchResultsApplied: { total: 0, recorded: 0 },
      disclosureItems: { total: 6, recorded: 1 },
      reflections: { total: 3, recorded: 1 },
      talkPersonTimes: { total: 1, recorded: 1 }, // one per recorded pair; a talk with no figure is not counted as 1
    });
    expect(input.records).toHaveLength(9); // personal study and other years left out
    expect(input.records[0]).toMatchObject({ date: "2023-03-01", kinds: ["study"], tags: ["first_topic", "collective_study"] });
  });

  it("composes a draft whose sentences match the records", () => {
    const doc = composeAnnualSummary(input);
    const text = summaryToText(doc);
    expect(text).toContain("开展了包括“学习新思想 奋进新征程”（李书记主讲）、“传承好家风”等在内的党课2次，覆盖25人次");
    expect(text).toContain("开展主题党日活动1次（主题包括“学习新思想 奋进新征程”）");
    expect(text).toContain("召开组织生活会1次，共查找问题9条，已整改7条");
    expect(text).toContain("全年依托“三会一课”、主题党日等组织集中学习6次，覆盖66人次，其中“第一议题”学习1次");
    expect(text).toContain("开展理论中心组学习1次");
    expect(text).toContain("完成党务公开6项");
    expect(text).toContain("开展谈心谈话1人次【另有1次谈心谈话未填写人次】");
    expect(text).toContain("支委会、党员大会召开次数【待补充】");
    expect(text).not.toContain("开展次数");
    const lectureRows = doc.appendix.find((g) => g.figure === "party_lecture")?.rows;
    expect(lectureRows?.map((r) => [r.date, r.kinds, r.title, r.personTimes])).toEqual([
      ["2023-05-05", "党课、主题党日", "学习新思想 奋进新征程（李书记主讲）", 13],
      ["2023-08-05", "党课", "《传承好家风》", 12],
    ]);
    expect(doc.appendix.find((g) => g.figure === "theme_day")?.rows).toHaveLength(1);
  });
});

// The rules as a 党委 inspection reads them, one test per rule, each naming the provision it checks.
// 《中国共产党支部工作条例（试行）》 is 支部工作条例 below; 《中国共产党党员教育管理工作条例》 is 党员教育管理工作条例.
import { parseActivityLine } from "../../../src/domain/parse/index.js";
import {
  checkCompliance,
  complianceInputFromFacts,
  DEFAULT_RULE_SETTINGS,
  groupNamedIn,
  renderComplianceText,
  studyHoursByMember,
  talkCoverage,
  type ComplianceInput,
  type ComplianceItem,
  type RosterPerson,
} from "../../../src/domain/rules/index.js";
import { fact } from "../tally/factFixture.js";

const TZ = "Asia/Shanghai";
const noon = (month: number, day: number, year = 2023) => new Date(Date.UTC(year, month - 1, day, 4)).toISOString();
const AFTER_2023 = { year: 2024, month: 3, day: 1 };

/** A roster: 书记 王建国, 支委 陈明 and 刘芳, 党员 张三, 李四, 王五, 赵六 (probationary: 赵六). */
const PEOPLE: RosterPerson[] = [
  { memberId: 1, name: "王建国", role: "secretary" },
  { memberId: 2, name: "陈明", role: "committee" },
  { memberId: 3, name: "刘芳", role: "committee" },
  { memberId: 4, name: "张三", role: "member" },
  { memberId: 5, name: "李四", role: "group_leader" },
  { memberId: 6, name: "王五", role: "member" },
  { memberId: 7, name: "赵六", role: "member", probationary: true },
];

const items = (input: ComplianceInput, rule: string): ComplianceItem[] => checkCompliance(input).items.filter((i) => i.rule === rule);
const base = (extra: Partial<ComplianceInput> = {}): ComplianceInput => ({ year: 2023, today: AFTER_2023, counts: [], ...extra });

describe("支部委员会 (支部工作条例第六章：正式党员不足7人的党支部设1名书记，不设支部委员会)", () => {
  it("支部工作条例第六章: a 5-member branch has no 支委会 item, and says why", () => {
    const input = base({ votingMemberCount: 5, committeeSize: 2, meetings: [{ id: 1, kind: "branch_committee", date: { year: 2023, month: 3, day: 1 }, expected: 2, present: 1 }] });
    const report = checkCompliance(input);
    expect(report.hasCommittee).toBe(false);
    expect(report.items.filter((i) => i.rule === "branch_committee")).toEqual([]);
    expect(report.items.filter((i) => i.rule === "quorum")).toEqual([]); // no committee, no committee quorum
    const text = renderComplianceText(report, "zh");
    expect(text).not.toContain("未召开支委会");
    expect(text).toContain("正式党员不足7人，不设支部委员会，不检查支委会");
  });

  it("支部工作条例第六章: 7 正式党员 make a committee: 12 months without 支委会 are 12 items", () => {
    const report = checkCompliance(base({ votingMemberCount: 7 }));
    expect(report.items.filter((i) => i.rule === "branch_committee" && i.status === "missing")).toHaveLength(12);
  });

  it("支部工作条例第六章: the branch's own setting overrides the count either way", () => {
    const yes = { ...DEFAULT_RULE_SETTINGS, committee: "yes" as const };
    const no = { ...DEFAULT_RULE_SETTINGS, committee: "no" as const };
    expect(items(base({ votingMemberCount: 5, settings: yes }), "branch_committee")).toHaveLength(12);
    expect(items(base({ votingMemberCount: 30, settings: no }), "branch_committee")).toHaveLength(0);
  });
});

describe("quorum (支部工作条例第十一条、第十二条；基层组织选举工作条例)", () => {
  const date = { year: 2023, month: 5, day: 20 };

  it("支部工作条例第十二条: 到会委员未超过半数，会议不得召开", () => {
    const q = items(base({ votingMemberCount: 9, committeeSize: 5, meetings: [
      { id: 1, kind: "branch_committee", date, expected: null, present: 2 },
      { id: 2, kind: "branch_committee", date, expected: null, present: 3 },
    ] }), "quorum");
    expect(q.map((i) => i.detail?.meetingId)).toEqual([1]);
    expect(renderComplianceText(checkCompliance(base({ votingMemberCount: 9, committeeSize: 5, meetings: [{ id: 1, kind: "branch_committee", date, expected: null, present: 2 }] })), "zh"))
      .toContain("到会委员未超过半数，会议不得召开");
  });

  it("支部工作条例第十一条: a 党员大会 without a vote is not judged for quorum", () => {
    expect(items(base({ votingMemberCount: 10, meetings: [{ id: 1, kind: "general_assembly", date, expected: 12, present: 3, vote: "none" }] }), "quorum")).toEqual([]);
    expect(items(base({ votingMemberCount: 10, meetings: [{ id: 1, kind: "general_assembly", date, expected: 12, present: 3 }] }), "quorum")).toEqual([]);
  });

  it("支部工作条例第十一条: a vote needs more than half of the members with a vote; 预备党员 and 列席 do not count", () => {
    // 10 正式党员 due. 实到 8, of them 2 列席 and (ticked) 3 预备党员: 3 voters present — no vote may be taken.
    const ticked = items(base({ votingMemberCount: 10, meetings: [{ id: 1, kind: "general_assembly", date, expected: 12, present: 8, observers: 2, votingPresent: 3, vote: "vote" }] }), "quorum");
    expect(ticked).toHaveLength(1);
    expect(ticked[0]).toMatchObject({ count: 3, required: 10, detail: { quorumFor: "vote" } });
    // Not ticked: 实到 7 less 2 列席 = at most 5 of 10, not more than half — flagged, as an upper bound.
    const bound = items(base({ votingMemberCount: 10, meetings: [{ id: 2, kind: "general_assembly", date, expected: 12, present: 7, observers: 2, vote: "vote" }] }), "quorum");
    expect(bound[0]).toMatchObject({ count: 5, detail: { bound: true } });
    const text = renderComplianceText(checkCompliance(base({ votingMemberCount: 10, meetings: [{ id: 2, kind: "general_assembly", date, expected: 12, present: 7, observers: 2, vote: "vote" }] })), "zh");
    expect(text).toContain("到会有表决权党员至多5人（应到10人）：到会有表决权党员未超过半数，不能表决");
    // 6 voters of 10 is more than half.
    expect(items(base({ votingMemberCount: 10, meetings: [{ id: 3, kind: "general_assembly", date, expected: null, present: 6, votingPresent: 6, vote: "vote" }] }), "quorum")).toEqual([]);
  });

  it("基层组织选举工作条例: an election with 4/5 of those due present is not valid; more than 4/5 is", () => {
    const election = (votingPresent: number) =>
      items(base({ votingMemberCount: 5, settings: { ...DEFAULT_RULE_SETTINGS, committee: "yes" }, meetings: [{ id: 9, kind: "general_assembly", date, expected: 5, present: votingPresent, votingPresent, vote: "election" }] }), "quorum");
    expect(election(4)).toHaveLength(1);
    expect(election(4)[0]).toMatchObject({ count: 4, required: 5, detail: { quorumFor: "election" } });
    expect(election(5)).toEqual([]);
    const text = renderComplianceText(checkCompliance(base({ votingMemberCount: 5, meetings: [{ id: 9, kind: "general_assembly", date, expected: 5, present: 4, votingPresent: 4, vote: "election" }] })), "zh");
    expect(text).toContain("未超过应到会人数的五分之四，选举无效");
  });

  it("支部工作条例第十一条: from facts, ticked 预备党员 are not voters", () => {
    const assembly = fact(["general_assembly"], noon(5, 20), { presentCount: 5, attendeeIds: [1, 2, 3, 6, 7], vote: "vote" });
    const input = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts: [assembly], people: PEOPLE, votingMemberCount: 6 });
    expect(input.meetings?.[0]).toMatchObject({ present: 5, votingPresent: 4, vote: "vote" }); // 赵六 is probationary
    expect(items(input, "quorum")).toEqual([]); // 4 of 6 voters
  });

  it("支部工作条例第十一条: a member counts as a voter from the 转正 date registered, not before", () => {
    const people = PEOPLE.map((p) => (p.memberId === 6 ? { ...p, fullMemberSince: { year: 2023, month: 6, day: 1 } } : p));
    const before = fact(["general_assembly"], noon(5, 20), { presentCount: 5, attendeeIds: [1, 2, 3, 6, 7], vote: "vote" });
    const on = fact(["general_assembly"], noon(6, 1), { presentCount: 5, attendeeIds: [1, 2, 3, 6, 7], vote: "vote" });
    const input = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts: [before, on], people, votingMemberCount: 6 });
    expect(input.meetings?.map((m) => [m.votingPresent, m.votingMembers])).toEqual([[3, 5], [4, 6]]);
    expect(items(input, "quorum")).toEqual([]); // 3 of 5 voters on 20 May, 4 of 6 on 1 June
  });

  it("counts each meeting's voters by its own date, whatever order the meetings come in", () => {
    const since = (id: number, month: number) => (p: RosterPerson) => (p.memberId === id ? { ...p, fullMemberSince: { year: 2023, month, day: 1 } } : p);
    const people = PEOPLE.map(since(6, 6)).map(since(4, 3));
    const at = (month: number) => fact(["general_assembly"], noon(month, 2), { presentCount: 4, attendeeIds: [1, 4, 6, 7] });
    const input = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts: [at(7), at(2), at(4), at(5), at(6)], people });
    // Voters: 1, 2, 3, 5 always; 4 from 1 March; 6 from 1 June; 7 never (probationary).
    expect(input.meetings?.map((m) => [m.date.month, m.votingPresent, m.votingMembers])).toEqual([
      [7, 3, 6], [2, 1, 4], [4, 2, 5], [5, 2, 5], [6, 3, 6],
    ]);
  });
});

describe("谈心谈话 per person (支部工作条例第五章：支委之间、支委与党员、党员之间每年谈心谈话一般不少于1次)", () => {
  const talk = (labels: string[], attendees: number[] = []) => fact(["talk"], noon(6, 1), { details: { talkPairs: labels }, attendeeIds: attendees });

  it("支部工作条例第五章: one talk of each category is not enough — /check lists who is missing, by name", () => {
    const facts = [talk(["书记与陈明"]), talk(["陈明与张三"]), talk(["张三与李四"])];
    const input = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts, people: PEOPLE, votingMemberCount: 6 });
    const report = checkCompliance(input);
    expect(report.items.filter((i) => i.rule === "talk_pairs")).toEqual([]); // categories are not the measure
    const byside = Object.fromEntries(report.items.filter((i) => i.rule === "talk_coverage").map((i) => [i.detail?.coverage, i.detail?.people]));
    expect(byside).toEqual({
      secretary: ["刘芳", "张三", "李四", "王五", "赵六"],
      committee: ["李四", "王五", "赵六"],
      member: ["王五", "赵六"],
    });
    const text = renderComplianceText(report, "zh");
    expect(text).toContain("❌ 谈心谈话 书记尚未谈话的同志（5人）：刘芳、张三、李四、王五、赵六");
    expect(text).toContain("❌ 谈心谈话 尚无支委与其谈话的党员（3人）：李四、王五、赵六");
    expect(text).toContain("❌ 谈心谈话 尚未与其他党员谈话的党员（2人）：王五、赵六");
  });

  it("支部工作条例第五章: everyone covered is ✅", () => {
    const all = [1, 2, 3, 4, 5, 6, 7].slice(1).map((id) => ({ id, memberIds: [1, id] }));
    const cover = talkCoverage(PEOPLE, [...all, { id: 20, memberIds: [2, 4] }, { id: 21, memberIds: [3, 5] }, { id: 22, memberIds: [2, 6] }, { id: 23, memberIds: [3, 7] }, { id: 24, memberIds: [4, 5] }, { id: 25, memberIds: [6, 7] }]);
    expect(cover).toEqual({ secretary: [], committee: [], member: [] });
  });

  it("支部工作条例第五章: 廉政谈话 and 集体谈话 are not 谈心谈话", () => {
    const now = new Date("2023-12-20T04:00:00Z");
    for (const line of ["3月5日 廉政谈话 书记与张三", "3月6日 集体谈话 全体党员"]) {
      const draft = parseActivityLine(line, { now, timeZone: TZ }).draft;
      expect(draft.kinds).not.toContain("talk");
      expect(draft.kinds).toContain("integrity_education");
    }
  });
});

describe("学时 (党员教育管理工作条例：每年集中学习培训一般不少于32学时，书记、班子成员56学时)", () => {
  const now = new Date("2023-12-20T04:00:00Z");
  const parsed = (line: string) => {
    const d = parseActivityLine(line, { now, timeZone: TZ }).draft;
    return { kinds: d.kinds, title: d.title, durationHours: d.durationHours, tags: d.details.tags ?? [] };
  };

  it("党员教育管理工作条例: a 党小组会 studying for 1.5 hours credits 1.5 学时 to every participant, not only the reporter", () => {
    const line = parsed("3月2日 党小组会 学习党章 1.5小时");
    const record = { id: 1, ...line, personal: false, reporterId: 5, participantIds: [4, 5, 6] };
    const hours = studyHoursByMember([record], PEOPLE);
    expect(hours.filter((h) => h.hours > 0).map((h) => [h.name, h.hours])).toEqual([["张三", 1.5], ["李四", 1.5], ["王五", 1.5]]);
  });

  it("党员教育管理工作条例: a 主题党日 credits its hours to every participant", () => {
    const line = parsed("4月14日 主题党日 参观红色教育基地 3小时");
    const hours = studyHoursByMember([{ id: 2, ...line, personal: false, reporterId: 1, participantIds: [1, 2, 3, 4, 5, 6, 7] }], PEOPLE);
    expect(hours.map((h) => h.hours)).toEqual([3, 3, 3, 3, 3, 3, 3]);
  });

  it("党员教育管理工作条例: a 支委会 without a study topic, volunteering and talks earn no 学时", () => {
    const records = [
      { id: 3, ...parsed("5月8日 支委会 研究发展党员工作 2小时"), personal: false, reporterId: 1, participantIds: [1, 2, 3] },
      { id: 4, ...parsed("5月9日 志愿服务 社区清扫 4小时"), personal: false, reporterId: 1, participantIds: [1] },
    ];
    expect(studyHoursByMember(records, PEOPLE).every((h) => h.hours === 0)).toBe(true);
    const studied = [{ id: 5, ...parsed("5月10日 支委会 传达学习全会精神 2小时"), personal: false, reporterId: 1, participantIds: [1, 2] }];
    expect(studyHoursByMember(studied, PEOPLE).slice(0, 3).map((h) => h.hours)).toEqual([2, 2, 0]);
  });

  it("党员教育管理工作条例: 56 学时 for 书记 and 支委, 32 for other members; 自学 kept apart and off the count", () => {
    const records = [
      { id: 6, kinds: ["study" as const], title: "集中学习", durationHours: 40, personal: false, reporterId: 1, participantIds: [1, 2, 4] },
      { id: 7, kinds: ["study" as const], title: "自学", durationHours: 20, personal: true, reporterId: 3, participantIds: [] },
    ];
    const studyHours = studyHoursByMember(records, PEOPLE);
    expect(studyHours.find((h) => h.name === "刘芳")).toMatchObject({ hours: 0, selfStudyHours: 20 });
    const report = checkCompliance(base({ studyHours }));
    const of = (name: string) => report.items.find((i) => i.rule === "study_hours" && i.subject?.name === name);
    expect(of("王建国")).toMatchObject({ status: "missing", count: 40, required: 56 });
    expect(of("陈明")).toMatchObject({ status: "missing", count: 40, required: 56 });
    expect(of("张三")).toMatchObject({ status: "done", count: 40, required: 32 });
    const text = renderComplianceText(report, "zh");
    expect(text).toContain("王建国 40/56学时");
    expect(text).toContain("刘芳 0/56学时（另自学20学时）");
    expect(text).toContain("党员教育管理工作条例");
    // A branch that counts 自学:
    const counted = studyHoursByMember(records, PEOPLE, { ...DEFAULT_RULE_SETTINGS, selfStudyCounts: true });
    expect(counted.find((h) => h.name === "刘芳")?.hours).toBe(20);
  });
});

describe("组织生活会 (支部工作条例第五章：每年至少召开1次，一般安排在第四季度)", () => {
  const now = new Date("2023-12-20T04:00:00Z");

  it("支部工作条例第五章: a 2022年度 组织生活会 held in January 2023 counts for 2022, not 2023", () => {
    const draft = parseActivityLine("2023年1月12日 召开2022年度组织生活会 查找问题5条 整改5条", { now, timeZone: TZ }).draft;
    expect(draft.details.coversYear).toBe(2022);
    const meeting = fact(draft.kinds, noon(1, 12, 2023), { details: draft.details });
    const for2022 = complianceInputFromFacts({ year: 2022, today: AFTER_2023, timeZone: TZ, facts: [meeting] });
    expect(items(for2022, "org_life_meeting")).toMatchObject([{ status: "done", count: 1 }]);
    const for2023 = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts: [meeting] });
    expect(items(for2023, "org_life_meeting")).toMatchObject([{ status: "missing", count: 0 }]);
  });

  it("支部工作条例第五章: in January the year just ended still waits for its 组织生活会", () => {
    const input = complianceInputFromFacts({ year: 2023, today: { year: 2024, month: 1, day: 20 }, timeZone: TZ, facts: [] });
    expect(items(input, "org_life_meeting")).toMatchObject([{ status: "in_progress" }]);
  });

  it("支部工作条例第五章: 民主生活会 is held by leading groups and is not a branch's 组织生活会", () => {
    expect(parseActivityLine("3月6日 参加民主生活会", { now, timeZone: TZ }).draft.kinds).toEqual(["other"]);
  });
});

describe("党小组会 (支部工作条例第十三条：党小组会一般每月召开1次)", () => {
  const groups = [{ id: 1, name: "第一党小组" }, { id: 2, name: "第二党小组" }, { id: 11, name: "第十一党小组" }];

  it("支部工作条例第十三条: counts for the group named on the record, not the reporter's current group", () => {
    expect(groupNamedIn("第二党小组 党小组会 学习党章", groups)?.id).toBe(2);
    expect(groupNamedIn("第十一党小组集中学习", groups)?.id).toBe(11);
    expect(groupNamedIn("党小组会 学习党章", groups)).toBeNull();
    const meeting = fact(["group_meeting"], noon(3, 2), { partyGroupId: 2 });
    const input = complianceInputFromFacts({ year: 2023, today: AFTER_2023, timeZone: TZ, facts: [meeting], partyGroups: groups.slice(0, 2) });
    const march = checkCompliance(input).items.filter((i) => i.rule === "group_meeting" && i.period === "2023-03");
    expect(march.map((i) => [i.subject?.name, i.status])).toEqual([["第一党小组", "missing"], ["第二党小组", "done"]]);
  });
});

describe("书记讲党课 and 换届", () => {
  it("党员教育管理工作条例: the 书记 gives at least one 党课 a year", () => {
    const people = PEOPLE;
    const none = checkCompliance(base({ people, lectureSpeakers: ["陈明", null] }));
    expect(none.items.find((i) => i.rule === "secretary_lecture")).toMatchObject({ status: "missing", count: 0 });
    expect(renderComplianceText(none, "zh")).toContain("尚无王建国同志主讲的党课记录");
    const given = checkCompliance(base({ people, lectureSpeakers: ["王建国书记"] }));
    expect(given.items.find((i) => i.rule === "secretary_lecture")).toMatchObject({ status: "done", count: 1 });
    expect(checkCompliance(base({ people, lectureSpeakers: ["王书记"] })).items.find((i) => i.rule === "secretary_lecture")?.status).toBe("done");
  });

  it("支部工作条例第六章: 换届 is due three years after the last election (configurable)", () => {
    const lastElection = { year: 2020, month: 5, day: 10 };
    const due = checkCompliance(base({ lastElection }));
    expect(due.items.find((i) => i.rule === "term")).toMatchObject({ status: "missing", detail: { termEnds: { year: 2023, month: 5, day: 10 } } });
    expect(renderComplianceText(due, "zh")).toContain("换届：上次选举2020年5月，任期已于2023年5月届满，应按期换届");
    const five = checkCompliance(base({ lastElection, settings: { ...DEFAULT_RULE_SETTINGS, termYears: 5 } }));
    expect(five.items.find((i) => i.rule === "term")).toBeUndefined();
    const soon = checkCompliance({ ...base({ lastElection: { year: 2020, month: 11, day: 1 } }), today: { year: 2023, month: 6, day: 1 } });
    expect(soon.items.find((i) => i.rule === "term")).toMatchObject({ status: "warning" });
  });
});

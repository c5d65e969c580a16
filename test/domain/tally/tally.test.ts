import {
  formatNonAttendees,
  formatTallies,
  membersWithoutAttendance,
  organiseTallies,
  participationFromFacts,
  tallyFacts,
  totalsOfFacts,
} from "../../../src/domain/tally/index.js";
import { fact } from "./factFixture.js";

const members = [
  { memberId: 1, name: "张三" },
  { memberId: 2, name: "李四" },
  { memberId: 3, name: "王五" },
];

describe("tallies", () => {
  const themeDayLecture = fact(["theme_day", "party_lecture"], "2023-05-05T02:00:00Z", {
    personTimes: 12,
    attendeeIds: [1, 2],
    durationHours: 2,
  });
  const committee = fact(["branch_committee"], "2023-05-10T02:00:00Z", { personTimes: 5, attendeeIds: [1] });
  const doubledKind = fact(["study", "study"], "2023-05-12T02:00:00Z", { personTimes: 10, attendeeIds: [1], durationHours: 1.5 });
  const facts = [themeDayLecture, committee, doubledKind];

  it("counts an event with two kinds once in each kind, never twice in one kind", () => {
    const tallies = tallyFacts([...facts, themeDayLecture]); // the same row passed twice
    expect(tallies).toEqual([
      { kind: "branch_committee", events: 1, personTimes: 5 },
      { kind: "party_lecture", events: 1, personTimes: 12 },
      { kind: "theme_day", events: 1, personTimes: 12 },
      { kind: "study", events: 1, personTimes: 10 },
    ]);
  });

  it("counts distinct events in the totals", () => {
    expect(totalsOfFacts(facts)).toEqual({ events: 3, personTimes: 27 });
  });

  it("groups kinds in summary order", () => {
    const organised = organiseTallies(tallyFacts(facts), totalsOfFacts(facts));
    expect(organised.groups.map((g) => g.group)).toEqual(["political", "organisation"]);
    expect(organised.groups[1]?.kinds.map((k) => k.kind)).toEqual(["branch_committee", "party_lecture", "theme_day"]);
    const all = organiseTallies([], { events: 0, personTimes: 0 }, { includeZero: true });
    expect(all.groups.map((g) => g.group)).toEqual(["political", "organisation", "business", "integrity", "other"]);
    expect(all.groups[2]?.kinds.map((k) => k.kind)).toEqual(["volunteer", "research"]);
  });

  it("formats the tallies for chat", () => {
    const organised = organiseTallies(tallyFacts(facts), totalsOfFacts(facts));
    const zh = formatTallies(organised, "2023年5月", "zh");
    expect(zh).toContain("【组织建设】");
    expect(zh).toContain("主题党日 1次 / 12人次");
    expect(zh).toContain("合计 3次 / 27人次");
    expect(formatTallies(organised, "May 2023", "en")).toContain("Party lecture: 1 × / 12 person-times");
    expect(formatTallies(organiseTallies([], { events: 0, personTimes: 0 }), "2023年", "zh")).toContain("本期暂无记录");
  });

  it("counts as 学时 only study kinds and personal self-study", () => {
    const volunteer = fact(["volunteer"], "2023-05-20T02:00:00Z", { attendeeIds: [3], durationHours: 40 });
    const talk = fact(["talk"], "2023-05-21T02:00:00Z", { attendeeIds: [3], durationHours: 1 });
    const ownStudy = fact(["other"], "2023-05-22T02:00:00Z", { attendeeIds: [3], durationHours: 2, personal: true });
    const wang = (kinds?: Parameters<typeof participationFromFacts>[2]) =>
      participationFromFacts([volunteer, talk, ownStudy], members, kinds).find((p) => p.memberId === 3);
    expect(wang()).toEqual({ memberId: 3, name: "王五", events: 3, hours: 2 });
    expect(wang(["volunteer"])).toEqual({ memberId: 3, name: "王五", events: 3, hours: 42 });
  });

  it("finds members who have not attended anything", () => {
    const participation = participationFromFacts(facts, members);
    expect(participation.find((p) => p.memberId === 1)).toEqual({ memberId: 1, name: "张三", events: 3, hours: 3.5 });
    expect(participation.find((p) => p.memberId === 2)).toEqual({ memberId: 2, name: "李四", events: 1, hours: 2 });
    const absent = membersWithoutAttendance(members, participation);
    expect(absent).toEqual([{ memberId: 3, name: "王五" }]);
    expect(formatNonAttendees(absent, "本季度", "zh")).toBe("本季度 尚未参加活动（1人）：王五");
    // a member missing from the query's rows has not attended either
    expect(membersWithoutAttendance(members, [{ memberId: 1, name: "张三", events: 2, hours: 0 }]).map((m) => m.name)).toEqual([
      "李四",
      "王五",
    ]);
  });
});

import { DEFAULT_RULE_SETTINGS } from "../../src/domain/rules/settings.js";
// The grouped ledger queries against a real SQLite file, with a small known dataset (Shanghai time).
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import type { NewActivity } from "../../src/db/repos/activities.js";
import { createStore, type Store } from "../../src/db/store.js";
import { quarterPeriod, yearPeriod } from "../../src/domain/period/index.js";
import { membersWithoutAttendance } from "../../src/domain/tally/index.js";
import { newActivity } from "../support/records.js";

const TZ = "Asia/Shanghai";
let testDb: TestDatabase;
let db: DatabaseHandle;
let store: Store;
let branchId: number;
let otherBranchId: number;
const ids: Record<string, number> = {};
const range = (p: { start: string; end: string }) => [new Date(p.start), new Date(p.end)] as const;

async function person(name: string, telegramId: number): Promise<number> {
  const m = await store.members.ensure(telegramId, undefined);
  await store.members.setName(m.id, name);
  return m.id;
}

function add(a: Partial<NewActivity> & Pick<NewActivity, "kinds" | "occurredAt">) {
  return store.activities.create(newActivity(branchId, ids.sec!, { ...a }));
}

beforeAll(async () => {
  testDb = await createTestDatabase("queries");
  const url = testDb.url;
  await deployMigrations(url);
  db = await openDatabase(url);
  store = createStore(db);
  ids.sec = await person("李书记", 901);
  branchId = (await store.branches.create("第一党支部", TZ, ids.sec)).id;
  for (const [key, name, tg] of [["com", "陈委员", 902], ["zhang", "张三", 903], ["li", "李四", 904], ["wang", "王五", 905]] as const) {
    ids[key] = await person(name, tg);
    await store.memberships.join(branchId, ids[key], false);
  }
  await store.memberships.setRole(branchId, ids.com!, "committee", "组织委员");
  await store.memberships.setRole(branchId, ids.zhang!, "group_leader");
  await store.memberships.setProbationary(branchId, ids.li!, true);
  await store.memberships.setGroup(branchId, ids.zhang!, "第一党小组");
  otherBranchId = (await store.branches.create("第二党支部", TZ, await person("外支部书记", 906))).id;

  // 23:30 on 31 March Shanghai (15:30 UTC): Q1, March. Quorum: 2 of 5 present.
  await add({ kinds: ["branch_committee"], occurredAt: "2023-03-31T15:30:00Z", expectedCount: 5, presentCount: 2, attendeeIds: [ids.sec, ids.com!] });
  // 00:30 on 1 April Shanghai (still 31 March in UTC): Q2, April.
  await add({ kinds: ["general_assembly"], occurredAt: "2023-03-31T16:30:00Z", expectedCount: 5, presentCount: 4, durationHours: 2,
    attendeeIds: [ids.sec, ids.zhang!, ids.li!, ids.wang!] });
  // One event, two kinds.
  await add({ kinds: ["theme_day", "party_lecture"], occurredAt: "2023-05-12T04:00:00Z", title: "学习新思想 奋进新征程", speaker: "李书记",
    presentCount: 12, durationHours: 3, attendeeIds: [ids.zhang!] });
  await add({ kinds: ["talk"], occurredAt: "2023-06-30T04:00:00Z", presentCount: 2, details: { talkPairs: ["书记–委员"] } });
  await add({ kinds: ["org_life_meeting"], occurredAt: "2023-12-31T15:30:00Z", presentCount: 5, details: { problemsFound: 3, problemsFixed: 2 } });
  await add({ kinds: ["group_meeting"], occurredAt: "2023-01-10T04:00:00Z", presentCount: 3, reporterId: ids.zhang! });
  // Not counted: deleted, personal self-study (hours only), the previous year, another branch.
  const deleted = await add({ kinds: ["branch_committee"], occurredAt: "2023-02-10T04:00:00Z", presentCount: 5 });
  await store.activities.softDelete(deleted.record.id, ids.sec, new Date());
  await add({ kinds: ["study"], occurredAt: "2023-02-11T04:00:00Z", personal: true, reporterId: ids.wang!, durationHours: 4 });
  await add({ kinds: ["branch_committee"], occurredAt: "2022-12-31T15:30:00Z", presentCount: 5 });
  await add({ kinds: ["branch_committee"], occurredAt: "2023-04-10T04:00:00Z", presentCount: 9, branchId: otherBranchId });
});

afterAll(async () => {
  await db.close();
  await testDb.drop();
});

describe("ledger queries", () => {
  it("tallies 次 and 人次 per kind for the year, a two-kind event once in each kind and once in the total", async () => {
    const { tallies, totals } = await store.ledger.periodTallies(branchId, ...range(yearPeriod(2023, TZ)));
    expect(tallies.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "branch_committee", events: 1, personTimes: 2 },
      { kind: "general_assembly", events: 1, personTimes: 4 },
      { kind: "group_meeting", events: 1, personTimes: 3 },
      { kind: "org_life_meeting", events: 1, personTimes: 5 },
      { kind: "party_lecture", events: 1, personTimes: 12 },
      { kind: "talk", events: 1, personTimes: 2 },
      { kind: "theme_day", events: 1, personTimes: 12 },
    ]);
    expect(totals).toEqual({ events: 6, personTimes: 28 });
  });

  it("puts 23:30 on 31 March Shanghai in Q1 and 00:30 on 1 April in Q2", async () => {
    const q1 = await store.ledger.periodTallies(branchId, ...range(quarterPeriod(2023, 1, TZ)));
    expect(q1.tallies.map((t) => t.kind).sort()).toEqual(["branch_committee", "group_meeting"]);
    const q2 = await store.ledger.periodTallies(branchId, ...range(quarterPeriod(2023, 2, TZ)));
    expect(q2.tallies.map((t) => t.kind).sort()).toEqual(["general_assembly", "party_lecture", "talk", "theme_day"]);
    expect(q2.totals).toEqual({ events: 3, personTimes: 18 });
  });

  it("counts per local month and kind, with the party group of 党小组会", async () => {
    const counts = await store.ledger.monthlyKindCounts(branchId, 2023, TZ);
    const [group] = await store.ledger.partyGroups(branchId);
    expect(group?.name).toBe("第一党小组");
    expect(counts.sort((a, b) => a.month - b.month || a.kind.localeCompare(b.kind))).toEqual([
      { month: 1, kind: "group_meeting", count: 1, partyGroupId: group!.id },
      { month: 3, kind: "branch_committee", count: 1 },
      { month: 4, kind: "general_assembly", count: 1 },
      { month: 5, kind: "party_lecture", count: 1 },
      { month: 5, kind: "theme_day", count: 1 },
      { month: 6, kind: "talk", count: 1 },
      { month: 12, kind: "org_life_meeting", count: 1 },
    ]);
  });

  it("counts distinct events per month and group for the chart, and the member's own per month", async () => {
    const months = await store.ledger.monthlyGroupCounts(branchId, 2023, TZ);
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.organisation)).toEqual([1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(months.map((m) => m.integrity)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(months.every((m) => m.political === 0 && m.business === 0 && m.other === 0)).toBe(true);
    expect(await store.ledger.ownMonthly(branchId, ids.zhang!, 2023, TZ)).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("gives every active member's participation and hours, and who has not taken part", async () => {
    const counted = { ...DEFAULT_RULE_SETTINGS, selfStudyCounts: true };
    const { members: year } = await store.ledger.memberFigures(branchId, ...range(yearPeriod(2023, TZ)), counted);
    // 学时: the 主题党日/党课 (3 h) and 王五's self-study (4 h, counted here); the 党员大会's 2 hours are not study.
    expect(year.map((p) => [p.name, p.events, p.hours])).toEqual([
      ["陈委员", 1, 0],
      ["李书记", 2, 0],
      ["李四", 1, 0],
      ["王五", 1, 4],
      ["张三", 2, 3],
    ]);
    const { members: q1 } = await store.ledger.memberFigures(branchId, ...range(quarterPeriod(2023, 1, TZ)));
    expect(membersWithoutAttendance(q1, q1).map((m) => m.name)).toEqual(["李四", "王五", "张三"]);
  });

  it("gives /stats' per-member figures from one read: events and studyHours' 学时", async () => {
    const [start, end] = range(yearPeriod(2023, TZ));
    const { members: figures, unlisted } = await store.ledger.memberFigures(branchId, start, end);
    expect(unlisted).toBe(3); // records giving more 实到 than they tick
    // 学时 by the domain's rule: the 主题党日/党课 (3 h); 王五's 自学 is kept apart (the branch does not count it).
    expect(figures.map((p) => [p.name, p.events, p.hours])).toEqual([
      ["陈委员", 1, 0],
      ["李书记", 2, 0],
      ["李四", 1, 0],
      ["王五", 1, 0],
      ["张三", 2, 3],
    ]);
    const hours = new Map((await store.ledger.studyHours(branchId, start, end)).map((h) => [h.memberId, h.hours]));
    expect(figures.map((p) => p.hours)).toEqual(figures.map((p) => hours.get(p.memberId)));
    const counted = await store.ledger.memberFigures(branchId, start, end, { ...DEFAULT_RULE_SETTINGS, selfStudyCounts: true });
    expect(counted.members.find((p) => p.name === "王五")?.hours).toBe(4);
  });

  it("lists meetings for quorum, talk pairs and the roster", async () => {
    const [start, end] = range(yearPeriod(2023, TZ));
    const meetings = await store.ledger.meetings(branchId, start, end, TZ);
    expect(meetings.map((m) => [m.kind, m.date, m.expected, m.present])).toEqual([
      ["branch_committee", { year: 2023, month: 3, day: 31 }, 5, 2],
      ["general_assembly", { year: 2023, month: 4, day: 1 }, 5, 4],
    ]);
    expect(await store.ledger.talkPairs(branchId, start, end)).toEqual({ events: 1, pairs: ["书记–委员"] });
    expect(await store.ledger.roster(branchId)).toEqual({ memberCount: 5, votingMemberCount: 4, committeeSize: 2 });
  });

  it("returns the year's records as facts: kinds, ticked attendees, reporter, personal, vote and 列席", async () => {
    const facts = await store.ledger.ruleFacts(branchId, ...range(yearPeriod(2023, TZ)));
    expect(facts.map((f) => f.occurredAt)).toEqual([
      "2023-01-10T04:00:00.000Z", "2023-02-11T04:00:00.000Z", "2023-03-31T15:30:00.000Z", "2023-03-31T16:30:00.000Z",
      "2023-05-12T04:00:00.000Z", "2023-06-30T04:00:00.000Z", "2023-12-31T15:30:00.000Z",
    ]);
    const lecture = facts.find((f) => f.title === "学习新思想 奋进新征程")!;
    expect(lecture.kinds.sort()).toEqual(["party_lecture", "theme_day"]);
    expect(lecture).toMatchObject({ speaker: "李书记", personTimes: 12, presentCount: 12, durationHours: 3, personal: false, attendeeIds: [ids.zhang] });
    expect(facts.at(-1)!.details).toEqual({ problemsFound: 3, problemsFixed: 2 });
    const assembly = facts.find((f) => f.kinds.includes("general_assembly"))!;
    expect(assembly.attendeeIds).toEqual([ids.sec, ids.zhang, ids.li, ids.wang].sort((x, y) => x! - y!));
    expect(assembly).toMatchObject({ reporterId: ids.sec, expectedCount: 5, vote: null, observerCount: 0, partyGroupId: null });
    expect(facts.find((f) => f.personal)).toMatchObject({ kinds: ["study"], reporterId: ids.wang, durationHours: 4, attendeeIds: [] });
    expect(facts.find((f) => f.kinds.includes("group_meeting"))).toMatchObject({ reporterId: ids.zhang, attendeeIds: [] });

    const voted = await add({ kinds: ["general_assembly"], occurredAt: "2023-09-01T04:00:00Z", presentCount: 3, observers: "赵六、钱七（群众）",
      vote: { kind: "election", for: 3, against: 0, abstain: 0 }, attendeeIds: [ids.wang!, ids.com!] });
    const [september] = await store.ledger.ruleFacts(branchId, new Date("2023-08-31T16:00:00Z"), new Date("2023-09-30T16:00:00Z"));
    expect(september).toMatchObject({ id: voted.record.id, vote: "election", observerCount: 2, attendeeIds: [ids.com, ids.wang].sort((x, y) => x! - y!) });
    // Only the records of one kind (the next year's 组织生活会 for /check).
    expect((await store.ledger.ruleFacts(branchId, ...range(yearPeriod(2023, TZ)), "org_life_meeting")).map((f) => f.kinds)).toEqual([["org_life_meeting"]]);
    await store.activities.softDelete(voted.record.id, ids.sec!, new Date());
  });

  it("builds month boundaries in the branch's zone, across daylight saving time", async () => {
    const berlin = (await store.branches.create("Berlin branch", "Europe/Berlin", ids.sec!)).id;
    const at = (occurredAt: string) => add({ kinds: ["theme_day"], occurredAt, branchId: berlin });
    await at("2023-03-31T22:30:00Z"); // 00:30 on 1 April, summer time (UTC+2)
    await at("2023-10-31T22:30:00Z"); // 23:30 on 31 October, winter time (UTC+1)
    await at("2023-12-31T23:30:00Z"); // 00:30 on 1 January 2024
    const counts = await store.ledger.monthlyKindCounts(berlin, 2023, "Europe/Berlin");
    expect(counts.map((c) => [c.month, c.count]).sort((a, b) => a[0]! - b[0]!)).toEqual([[4, 1], [10, 1]]);
  });

  it("gathers the compliance data of a year", async () => {
    const data = await store.ledger.complianceData(branchId, 2023, TZ);
    expect(data.counts).toHaveLength(7);
    expect(data.meetings).toHaveLength(2);
    // 自学 is kept apart from 集中学习 (党员教育管理工作条例), unless the branch counts it.
    expect(data.studyHours.find((s) => s.name === "王五")).toMatchObject({ hours: 0, selfStudyHours: 4 });
    expect(data).toMatchObject({ year: 2023, memberCount: 5, votingMemberCount: 4, committeeSize: 2 });
    // Names and roles, so that a 谈心谈话 pair naming a member ("书记–张三") takes that member's role.
    expect(data.roster).toEqual([
      { name: "李书记", role: "secretary" }, { name: "陈委员", role: "committee" }, { name: "张三", role: "group_leader" },
      { name: "李四", role: "member" }, { name: "王五", role: "member" },
    ]);
    // With the branch's own study kinds (here also 党员大会), its 2 hours count.
    const own = await store.ledger.complianceData(branchId, 2023, TZ, { ...DEFAULT_RULE_SETTINGS, studyKinds: ["general_assembly", "study"] });
    expect(own.studyHours.find((s) => s.name === "王五")?.hours).toBe(2);
    const counted = await store.ledger.complianceData(branchId, 2023, TZ, { ...DEFAULT_RULE_SETTINGS, selfStudyCounts: true });
    expect(counted.studyHours.find((s) => s.name === "王五")?.hours).toBe(4);
  });

  it("gives the talk roster: named members, those since removed unless the name is taken, not pending or unnamed ones", async () => {
    const join = async (telegramId: number, name: string | null, approve = true) => {
      const m = await store.members.ensure(telegramId, undefined);
      if (name) await store.members.setName(m.id, name);
      await store.memberships.join(otherBranchId, m.id, !approve);
      return m.id;
    };
    const gone = await join(911, "周七");
    await store.memberships.setRole(otherBranchId, gone, "committee", "组织委员");
    await store.memberships.remove(otherBranchId, gone);
    const sameName = await join(912, "吴八");
    await store.memberships.remove(otherBranchId, sameName);
    await join(913, "吴八");
    await join(914, "郑九", false); // pending
    await join(915, null); // no name
    expect((await store.ledger.complianceData(otherBranchId, 2023, TZ)).roster).toEqual([
      { name: "外支部书记", role: "secretary" }, { name: "吴八", role: "member" }, { name: "周七", role: "committee" },
    ]);
  });

  it("counts as 学时 only study kinds and personal self-study, not volunteering, talks or 支委会", async () => {
    const at = (day: number) => new Date(Date.UTC(2024, 2, day, 4)).toISOString(); // March 2024, Shanghai noon
    await add({ kinds: ["volunteer"], occurredAt: at(1), presentCount: 8, durationHours: 40, attendeeIds: [ids.com!] });
    await add({ kinds: ["talk"], occurredAt: at(2), presentCount: 2, durationHours: 1, attendeeIds: [ids.com!] });
    await add({ kinds: ["branch_committee"], occurredAt: at(3), presentCount: 2, durationHours: 2, attendeeIds: [ids.com!] });
    await add({ kinds: ["volunteer", "study"], occurredAt: at(4), presentCount: 8, durationHours: 2, attendeeIds: [ids.com!] });
    await add({ kinds: ["other"], occurredAt: at(5), personal: true, reporterId: ids.com!, durationHours: 1 }); // own study, any kind
    const [start, end] = range(yearPeriod(2024, TZ));
    const hoursOf = async (studyKinds = DEFAULT_RULE_SETTINGS.studyKinds) =>
      (await store.ledger.memberFigures(branchId, start, end, { ...DEFAULT_RULE_SETTINGS, studyKinds, selfStudyCounts: true })).members.find(
        (p) => p.memberId === ids.com,
      );
    expect(await hoursOf()).toMatchObject({ events: 4, hours: 3 });
    expect(await hoursOf(["volunteer"])).toMatchObject({ events: 4, hours: 43 });
    expect(await hoursOf([])).toMatchObject({ events: 4, hours: 1 });
  });

  it("gives the month the branch was created in, in the branch's time zone", async () => {
    await db.prisma.branch.update({ where: { id: otherBranchId }, data: { createdAt: new Date("2023-06-30T16:30:00Z") } });
    expect(await store.ledger.branchSince(otherBranchId, TZ)).toEqual({ year: 2023, month: 7 }); // 00:30 on 1 July
    expect(await store.ledger.branchSince(otherBranchId, "UTC")).toEqual({ year: 2023, month: 6 });
    expect(await store.ledger.branchSince(999_999, TZ)).toBeNull();
    expect((await store.ledger.complianceData(otherBranchId, 2023, TZ)).since).toEqual({ year: 2023, month: 7 });
  });
});

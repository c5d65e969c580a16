// The year tally on a report's reply comes from counters kept with every write (KindTally): after each
// step a user takes, the counters equal the tally counted from the records themselves.
import { startHarness, seedBranch, type Harness, type SeededBranch } from "../../support/harness.js";
import { localYearBounds } from "../../../src/domain/calendar/index.js";

let h: Harness;
let b: SeededBranch;
const TZ = "Asia/Shanghai";
// 2023-07-05 10:00 in Shanghai.
beforeAll(async () => {
  h = await startHarness({ now: "2023-07-05T02:00:00Z" });
  b = await seedBranch(h, "计数党支部", [
    { id: 801, name: "李书记" },
    { id: 802, name: "张三" },
  ]);
});
afterAll(() => h.stop());

/** The counters of a year (rows with something counted), and the same figures counted from the records. */
async function both(year: number) {
  const rows = await h.db.prisma.kindTally.findMany({ where: { branchId: b.branchId, year }, orderBy: { kind: "asc" } });
  const kept = rows
    .filter((r) => r.events !== 0 || r.personTimes !== 0)
    .map((r) => ({ kind: r.kind, events: r.events, personTimes: r.personTimes }));
  const { start, end } = localYearBounds(new Date(Date.UTC(year, 6, 1)), TZ);
  const { tallies, totals } = await h.store.ledger.periodTallies(b.branchId, start, end);
  const counted = [...tallies.map((t) => ({ ...t })), ...(totals.events ? [{ kind: "*", ...totals }] : [])]
    .map(({ kind, events, personTimes }) => ({ kind, events, personTimes }))
    .sort((x, y) => (x.kind < y.kind ? -1 : 1));
  return { kept, counted };
}

async function expectInStep(...years: number[]) {
  for (const year of years) {
    const { kept, counted } = await both(year);
    expect(kept).toEqual(counted);
  }
}

describe("the year counters follow every write", () => {
  it("a saved report counts, and its reply shows the count", async () => {
    await b.secretary.command("log", "2023年3月15日 支委会 研究部署年度党建工作 实到5人");
    expect((await b.secretary.next()).text).toContain("本年累计：支委会 1次、5人次");
    await b.secretary.command("log", "2023年4月2日 支委会 研究发展党员工作 实到4人");
    expect((await b.secretary.next()).text).toContain("本年累计：支委会 2次、9人次");
    await expectInStep(2023);
  });

  it("an edited report moves its count to its new kind, figures and year", async () => {
    await b.secretary.editLast("/log 2023年4月2日 党员大会 研究发展党员工作 实到6人");
    expect((await b.secretary.next()).text).toContain("党员大会 1次、6人次");
    await expectInStep(2023);
    await b.secretary.editLast("/log 2022年4月2日 党员大会 研究发展党员工作 实到6人");
    expect((await b.secretary.next()).text).toContain("党员大会 1次、6人次");
    await expectInStep(2022, 2023);
  });

  it("a merge raises the count's person-times, not its events", async () => {
    await b.members[0]!.command("log", "3月15日 支委会 研究部署年度党建工作 实到7人");
    expect((await b.members[0]!.next()).text).toContain("是同一次活动吗");
    await b.members[0]!.press("是，合并");
    expect((await b.members[0]!.next()).text).toContain("支委会 1次、7人次");
    await expectInStep(2023);
  });

  it("another event of the same kind on the same day is saved, not asked about", async () => {
    await b.members[0]!.command("log", "3月15日 支委会 传达上级会议精神 实到4人");
    expect((await b.members[0]!.next()).text).toContain("本年累计：支委会 2次、11人次");
    await expectInStep(2023);
  });

  it("undo takes the count off, restoring puts it back; a deleted report sent again is offered back, not counted", async () => {
    const u = b.members[0]!;
    await u.command("log", "7月1日 主题党日 重温入党誓词 实到8人");
    expect((await u.next()).text).toContain("主题党日 1次、8人次");
    await u.command("undo");
    expect((await u.next()).text).toContain("已删除");
    await expectInStep(2023);
    const update = h.updates.find((x) => x.message?.text?.includes("重温入党誓词"))!;
    await h.redeliver(update);
    expect((await u.next()).text).toContain("已被删除");
    await expectInStep(2023);
    await u.press("恢复");
    expect((await u.next()).text).toContain("已恢复");
    await expectInStep(2023);
    await h.redeliver(update);
    expect((await u.next()).text).toContain("✅ 这条消息已记录（#");
    await expectInStep(2023);
  });

  it("personal self-study is not counted; a year counted before the counters existed is counted on its first write", async () => {
    const member = await h.store.members.ensure(802, undefined);
    const personal = {
      branchId: b.branchId,
      reporterId: member.id,
      personal: true,
      kinds: ["study" as const],
      occurredAt: "2023-05-01T04:00:00.000Z",
      hasTime: false,
      title: "自学党章",
      location: null,
      host: null,
      recorder: null,
      speaker: null,
      expectedCount: null,
      presentCount: null,
      durationHours: 2,
      notes: null,
      details: {},
      absentees: [],
      attendeeIds: [member.id],
    };
    await h.store.activities.create(personal, { timeZone: TZ });
    await expectInStep(2023);
    // Records older than the counters: the year's rows are missing until its next write.
    await h.db.prisma.kindTally.deleteMany({ where: { branchId: b.branchId } });
    expect(await h.store.activities.yearTally(b.branchId, TZ, "2023-06-01T00:00:00.000Z", ["branch_committee"])).toEqual([
      { kind: "branch_committee", events: 2, personTimes: 11 },
    ]);
    await b.secretary.command("log", "2023年6月1日 支委会 研究党费收缴工作 实到3人");
    expect((await b.secretary.next()).text).toContain("本年累计：支委会 3次、14人次");
    await expectInStep(2023);
  });
});

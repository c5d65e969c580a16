// The year's records and /stats' per-member figures are kept between reads (keptReads): never past a
// record created, edited, moved, deleted or restored, a member renamed or joined, a write past the
// activities repo, or another connection's write. After noted writes only those records are read again.
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { keptReads, type FactsSource } from "../../src/db/keptReads.js";
import { RECORD_TABLES, RecordTouches } from "../../src/db/recordTouches.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createStore, type Store } from "../../src/db/store.js";
import { prismaRunner, sqliteRunner } from "../../src/db/statements.js";
import { yearPeriod } from "../../src/domain/period/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { newActivity, type RecordFields } from "../support/records.js";

const TZ = "Asia/Shanghai";
const [start, end] = [new Date(yearPeriod(2023, TZ).start), new Date(yearPeriod(2023, TZ).end)];
let testDb: TestDatabase;
let db: DatabaseHandle;
let store: Store;
let branchId: number;
let sec: number;
let zhang: number;

/** A record of the branch, written through `into` (this process's store unless another is given). */
function add(a: RecordFields, into: Store = store) {
  return into.activities.create(newActivity(branchId, sec, a));
}

/** Zhang's events and 学时, and the year's record ids. */
async function seen() {
  const { members } = await store.ledger.memberFigures(branchId, start, end);
  const z = members.find((m) => m.memberId === zhang);
  const facts = await store.ledger.ruleFacts(branchId, start, end);
  const data = await store.ledger.complianceData(branchId, 2023, TZ);
  const { totals } = await store.ledger.periodTallies(branchId, start, end);
  expect(totals.events).toBe(facts.filter((f) => !f.personal && f.kinds.length > 0).length);
  // What complianceData read agrees with the other two.
  expect(data.counts.reduce((n, c) => n + c.count, 0)).toBe(facts.filter((f) => !f.personal).reduce((n, f) => n + f.kinds.length, 0));
  expect((data.people ?? []).map((p) => p.name).sort()).toEqual(members.map((m) => m.name).sort());
  return { name: z?.name, events: z?.events, hours: z?.hours, members: members.length, records: facts.map((f) => f.id) };
}

beforeAll(async () => {
  testDb = await createTestDatabase("kept");
  await deployMigrations(testDb.url);
  db = await openDatabase(testDb.url);
  store = createStore(db);
  sec = (await store.members.ensure(801, undefined)).id;
  branchId = (await store.branches.create("第一党支部", TZ, sec)).id;
  zhang = (await store.members.ensure(802, undefined)).id;
  await store.members.setName(zhang, "张三");
  await store.memberships.join(branchId, zhang, false);
});

afterAll(async () => {
  await db.close();
  await testDb.drop();
});

describe("kept reads of a period's records", () => {
  it("follow every change to the records and the members", async () => {
    expect(await seen()).toEqual({ name: "张三", events: 0, hours: 0, members: 2, records: [] });

    const { record } = await add({ kinds: ["study"], occurredAt: "2023-05-12T04:00:00Z", durationHours: 2, attendeeIds: [zhang] });
    expect(await seen()).toEqual({ name: "张三", events: 1, hours: 2, members: 2, records: [record.id] });
    // Read again unchanged: the same figures.
    expect(await seen()).toEqual({ name: "张三", events: 1, hours: 2, members: 2, records: [record.id] });

    await store.activities.update(record.id, { durationHours: 3 }, sec);
    expect((await seen()).hours).toBe(3);
    await store.activities.update(record.id, { attendeeIds: [sec] }, sec);
    expect(await seen()).toMatchObject({ events: 0, hours: 0 });
    await store.activities.update(record.id, { attendeeIds: [zhang] }, sec);
    await store.activities.update(record.id, { kinds: ["volunteer"] }, sec);
    expect(await seen()).toMatchObject({ events: 1, hours: 0 });

    // Moved out of the year and back.
    await store.activities.update(record.id, { occurredAt: "2024-02-01T04:00:00Z" }, sec);
    expect(await seen()).toMatchObject({ events: 0, records: [] });
    await store.activities.update(record.id, { occurredAt: "2023-05-12T04:00:00Z" }, sec);
    expect(await seen()).toMatchObject({ events: 1, records: [record.id] });

    await store.activities.softDelete(record.id, sec, new Date());
    expect(await seen()).toMatchObject({ events: 0, records: [] });
    await store.activities.restore(record.id, sec, branchId);
    expect(await seen()).toMatchObject({ events: 1, records: [record.id] });

    await store.members.setName(zhang, "张三丰");
    expect((await seen()).name).toBe("张三丰");
    await store.memberships.join(branchId, (await store.members.ensure(803, undefined)).id, false);
    expect((await seen()).members).toBe(3);
    // A member deleted takes their attendance with them (ON DELETE CASCADE): no write names Attendance.
    const gone = (await store.members.ensure(804, undefined)).id;
    await store.activities.update(record.id, { attendeeIds: [zhang, gone] }, sec);
    expect((await store.ledger.ruleFacts(branchId, start, end)).map((f) => f.attendeeIds)).toEqual([[zhang, gone].sort((a, b) => a - b)]);
    await db.prisma.member.delete({ where: { id: gone } });
    expect((await store.ledger.ruleFacts(branchId, start, end)).map((f) => f.attendeeIds)).toEqual([[zhang]]);
    await store.memberships.setGroup(branchId, zhang, "第一党小组");
    expect((await store.ledger.complianceData(branchId, 2023, TZ)).partyGroups.map((g) => g.name)).toEqual(["第一党小组"]);
    // A party group deleted empties its records' group (ON DELETE SET NULL): no write names Activity.
    const [group] = (await store.ledger.complianceData(branchId, 2023, TZ)).partyGroups;
    const meeting = await add({ kinds: ["group_meeting"], occurredAt: "2023-05-20T04:00:00Z", partyGroupId: group?.id ?? null });
    const groupOf = async () => (await store.ledger.ruleFacts(branchId, start, end)).find((f) => f.id === meeting.record.id)?.partyGroupId;
    expect(await groupOf()).toBe(group?.id);
    const zhangsGroup = async () =>
      (await store.ledger.memberFigures(branchId, start, end)).members.find((m) => m.memberId === zhang)?.partyGroupId;
    expect(await zhangsGroup()).toBe(group?.id);
    await db.prisma.partyGroup.delete({ where: { id: group?.id ?? -1 } });
    expect(await groupOf()).toBeNull();
    // …and its members' group (SET NULL on Membership) in /stats' list.
    expect(await zhangsGroup()).toBeNull();
  });

  it("follow a write of another connection to the same database", async () => {
    const before = await seen();
    const other = await openDatabase(testDb.url);
    try {
      const { record } = await add({ attendeeIds: [zhang], kinds: ["volunteer"], occurredAt: "2023-06-01T04:00:00Z" }, createStore(other));
      expect(await seen()).toEqual({ ...before, events: (before.events ?? 0) + 1, records: [...before.records, record.id] });
    } finally {
      await other.close();
    }
  });

  it("read the period whole after a write the activities repo did not note, even with a noted one after it", async () => {
    const before = await seen();
    const { record } = await add({ attendeeIds: [], kinds: ["volunteer"], occurredAt: "2023-07-01T04:00:00Z" });
    expect(await seen()).toMatchObject({ events: before.events, records: [...before.records, record.id] });
    // Written past the repo (as a future code path might): ticks Zhang on the record.
    await db.prisma.$executeRaw`INSERT INTO "Attendance" ("activityId", "memberId", "present") VALUES (${record.id}, ${zhang}, ${true})`;
    await add({ kinds: ["briefing"], occurredAt: "2023-07-02T04:00:00Z" });
    expect((await seen()).events).toBe((before.events ?? 0) + 1);
  });

  it("read again only the records written since, when every write was noted", async () => {
    if (!db.sqlite) return;
    const sqlite = db.sqlite;
    const touches = new RecordTouches(() => sqlite.writes(RECORD_TABLES));
    const kept = keptReads(sqliteRunner(sqlite), sqlite, { touches });
    const asked: string[] = [];
    const source: FactsSource<{ id: number }> = {
      tables: ["Member"],
      *all() {
        asked.push("all");
        return ((yield sql`SELECT id FROM "Activity" WHERE "deletedAt" IS NULL`) as { id: number }[]).map((r) => ({ id: Number(r.id) }));
      },
      *some(ids) {
        asked.push(`some ${ids.join(",")}`);
        return ((yield sql`SELECT id FROM "Activity" WHERE "deletedAt" IS NULL AND id IN (${join(ids)})`) as { id: number }[]).map((r) => ({
          id: Number(r.id),
        }));
      },
    };
    const ids = () => kept.facts("k", source, { key: "ids", of: (facts) => facts.map((f) => f.id).sort((a, b) => a - b) });
    const first = await ids();
    const noted = async <T>(write: () => Promise<T>) => {
      const before = touches.writes();
      const result = await write();
      return { result, note: (id: number) => touches.note([id], before) };
    };
    const created = await noted(() => add({ kinds: ["volunteer"], occurredAt: "2023-08-01T04:00:00Z" }));
    created.note(created.result.record.id);
    expect(await ids()).toEqual([...first, created.result.record.id]);
    const deleted = await noted(() => store.activities.softDelete(created.result.record.id, sec, new Date()));
    deleted.note(created.result.record.id);
    expect(await ids()).toEqual(first);
    expect(await ids()).toEqual(first);
    expect(asked).toEqual(["all", `some ${created.result.record.id}`, `some ${created.result.record.id}`]);
    // A member's write (a cascade may reach the records): whole again.
    await store.members.setName(zhang, "张三");
    expect(await ids()).toEqual(first);
    expect(asked.at(-1)).toBe("all");
  });

  it("give each caller its own list: changing one does not change the next", async () => {
    const before = await seen();
    const facts = await store.ledger.ruleFacts(branchId, start, end);
    const { members } = await store.ledger.memberFigures(branchId, start, end);
    facts.length = 0;
    members.forEach((m) => (m.events = -1));
    expect(before.records.length).toBeGreaterThan(0);
    expect(await seen()).toEqual(before);
  });

  it("keep a read until a table it names is written, on SQLite; read every time otherwise", async () => {
    let reads = 0;
    function* counted() {
      reads += 1;
      return (yield sql`SELECT 1 AS one`) as unknown[];
    }
    if (!db.sqlite) {
      const kept = keptReads(prismaRunner(db.prisma), undefined);
      await kept.read("k", ["Activity"], counted);
      await kept.read("k", ["Activity"], counted);
      expect(reads).toBe(2);
      return;
    }
    const kept = keptReads(sqliteRunner(db.sqlite), db.sqlite, { max: 2 });
    await kept.read("k", ["Activity"], counted);
    await kept.read("k", ["Activity"], counted);
    expect(reads).toBe(1);
    await db.prisma.$executeRawUnsafe(`UPDATE "Member" SET name = name WHERE id = -1`);
    await kept.read("k", ["Activity"], counted);
    expect(reads).toBe(1);
    await db.prisma.$executeRawUnsafe(`UPDATE "Activity" SET title = title WHERE id = -1`);
    await kept.read("k", ["Activity"], counted);
    expect(reads).toBe(2);
  });
});

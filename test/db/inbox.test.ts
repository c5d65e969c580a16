// The durable inbox's repository on the suite's database (SQLite: the direct hot path; PostgreSQL:
// plain SQL through Prisma): claims in order per chat, done marks folded into a claim, and an inbox
// write is never swallowed by another caller's transaction that rolls back.
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { inboxRepo, type InboxRepo } from "../../src/db/repos/inbox.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let testDb: TestDatabase;
let db: DatabaseHandle;
let inbox: InboxRepo;
const now = new Date("2026-03-02T08:00:00Z");
const lease = new Date("2026-03-02T08:00:30Z");
const update = (id: number, chat: number) => ({ update_id: id, seqKey: `chat:${chat}`, payload: JSON.stringify({ update_id: id }) });

beforeEach(async () => {
  testDb = await createTestDatabase("inbox");
  await deployMigrations(testDb.url);
  db = await openDatabase(testDb.url);
  inbox = inboxRepo(db.prisma, db.sqlite);
});

afterEach(async () => {
  await db.close();
  await testDb.drop();
});

test("one entry per chat at a time, in order; done marks go with the next claim, which then takes the chat's next update", async () => {
  await inbox.store([update(1, 10), update(2, 10), update(3, 20)], now);
  await inbox.store([update(2, 10), update(4, 20)], now); // delivered again: left as it is
  const first = await inbox.claim("a", 8, now, lease);
  expect(first.map((e) => [e.updateId, e.seqKey, e.attempts])).toEqual([
    [1, "chat:10", 1],
    [3, "chat:20", 1],
  ]);
  expect(JSON.parse(first[0]?.payload ?? "")).toEqual({ update_id: 1 });
  expect(await inbox.claim("b", 8, now, lease)).toEqual([]);
  const second = await inbox.claim("a", 8, now, lease, [1]);
  expect(second.map((e) => e.updateId)).toEqual([2]);
  await inbox.markDone([2, 3], "a", now);
  expect((await inbox.claim("b", 8, now, lease)).map((e) => e.updateId)).toEqual([4]);
  expect(await inbox.lag(now)).toEqual({ pending: 1, oldestSeconds: 0 });
});

test("a claimer that names the chats it has in hand: their next updates wait, its finished one makes way, other owners' leases still hold", async () => {
  await inbox.store([update(1, 10), update(2, 10), update(3, 20), update(4, 30), update(5, 30)], now);
  expect((await inbox.claim("b", 1, now, lease)).map((e) => e.updateId)).toEqual([1]);
  // "a" holds nothing: chat 10 is b's (its next waits), 20 and 30 are free.
  expect((await inbox.claim("a", 8, now, lease, [], [])).map((e) => e.updateId)).toEqual([3, 4]);
  // In hand: chats 20 and 30; nothing new for "a".
  expect(await inbox.claim("a", 8, now, lease, [], ["chat:20", "chat:30"])).toEqual([]);
  // 4 finished (chat 30 no longer held): 5 is claimed with the done mark.
  expect((await inbox.claim("a", 8, now, lease, [4], ["chat:20"])).map((e) => e.updateId)).toEqual([5]);
  expect((await db.prisma.inboxUpdate.findUniqueOrThrow({ where: { updateId: 4n } })).status).toBe("done");
});

test("stored under a lease: the new entries come back leased to their owner, an update delivered again does not; claims tell whether they left anything behind", async () => {
  const backlog: boolean[] = [];
  const onBacklog = (clear: boolean) => backlog.push(clear);
  await inbox.store([update(1, 10)], now);
  const leased = await inbox.store([update(1, 10), update(2, 10), update(3, 20)], now, () => ({ owner: "a", until: lease }));
  expect(leased).toEqual([
    { updateId: 2, seqKey: "chat:10", payload: JSON.stringify({ update_id: 2 }), attempts: 1 },
    { updateId: 3, seqKey: "chat:20", payload: JSON.stringify({ update_id: 3 }), attempts: 1 },
  ]);
  // Another claimer gets only the unleased one, and sees a's leases left behind.
  expect((await inbox.claim("b", 8, now, lease, [], undefined, onBacklog)).map((e) => e.updateId)).toEqual([1]);
  expect(backlog).toEqual([false]);
  await inbox.markDone(1, "b", now);
  // "a", naming what it has in hand, finds nothing else.
  expect(await inbox.claim("a", 8, now, lease, [], ["chat:10", "chat:20"], onBacklog)).toEqual([]);
  expect(backlog).toEqual([false, true]);
  // Two of one chat stored without a lease: the claim takes the first and leaves the second behind.
  await inbox.store([update(4, 30), update(5, 30)], now);
  expect((await inbox.claim("a", 8, now, lease, [2, 3], [], onBacklog)).map((e) => e.updateId)).toEqual([4]);
  expect(backlog).toEqual([false, true, false]);
});

test("a claim that names nothing in hand sees its own leases: a chat's entry stored without a lease waits behind one leased at storing", async () => {
  const backlog: boolean[] = [];
  await inbox.store([update(1, 10)], now, () => ({ owner: "a", until: lease })); // on its way to a's worker
  await inbox.store([update(2, 10), update(3, 20)], now);
  expect((await inbox.claim("a", 8, now, lease, [], undefined, (clear) => backlog.push(clear))).map((e) => e.updateId)).toEqual([3]);
  expect(backlog).toEqual([false]);
  expect((await inbox.claim("a", 8, now, lease, [1], undefined, (clear) => backlog.push(clear))).map((e) => e.updateId)).toEqual([2]);
  // Everything pending is now a's.
  expect(backlog).toEqual([false, true]);
});

test("an inbox write while another caller's transaction is open survives that transaction's rollback", async () => {
  const failing = db.prisma
    .$transaction(async (tx) => {
      await tx.inboxUpdate.create({ data: { updateId: 1n, seqKey: "chat:1", payload: "{}", receivedAt: now } });
      await new Promise((r) => setTimeout(r, 100));
      throw new Error("rolled back");
    })
    .catch((e: Error) => e.message);
  await new Promise((r) => setTimeout(r, 20));
  await inbox.store([update(2, 2)], now);
  expect(await failing).toBe("rolled back");
  expect((await db.prisma.inboxUpdate.findMany({ select: { updateId: true } })).map((r) => Number(r.updateId))).toEqual([2]);
});

// The inbox worker on the suite's database, with a handler that records what it handles: updates
// stored under the worker's lease come straight to it, in order per chat, after anything older that
// waits in the inbox; a postponed update turns the hand-off off until its chat is in order again.
import type { Update } from "grammy/types";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { deployMigrations } from "../../../src/db/migrations/migrator.js";
import { inboxRepo, type InboxRepo } from "../../../src/db/repos/inbox.js";
import { toIncoming } from "../../../src/server/inbox/intake.js";
import { createInboxWorker, type InboxWorker } from "../../../src/server/inbox/worker.js";
import { createLogger } from "../../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";

let testDb: TestDatabase;
let db: DatabaseHandle;
let inbox: InboxRepo;
let worker: InboxWorker | undefined;

const message = (id: number, chat: number): Update =>
  ({
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: chat, type: "private", first_name: "党员" }, text: `第${id}条` },
  }) as unknown as Update;

/** A handler that takes `ms` per update and records the order; `busyOnce` ids fail once as a busy database. */
function recorder(ms: number, busyOnce: number[] = []) {
  const handled: number[] = [];
  const failed = new Set<number>();
  return {
    handled,
    async handleUpdate(update: Update) {
      await new Promise((r) => setTimeout(r, ms));
      if (busyOnce.includes(update.update_id) && !failed.has(update.update_id)) {
        failed.add(update.update_id);
        throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
      }
      handled.push(update.update_id);
    },
  };
}

/** As the intake stores: under the worker's lease when it gives one, then handed to it. */
async function deliver(updates: Update[]): Promise<void> {
  if (!worker) throw new Error("no worker");
  const w = worker;
  const leased = await inbox.store(updates.map(toIncoming), new Date(), () => w.leaseAtStore());
  w.stored(leased);
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pending = async () => db.prisma.inboxUpdate.count({ where: { status: "pending" } });

beforeEach(async () => {
  testDb = await createTestDatabase("handoff");
  await deployMigrations(testDb.url);
  db = await openDatabase(testDb.url);
  inbox = inboxRepo(db.prisma, db.sqlite);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await db.close();
  await testDb.drop();
});

const chatOrder = (handled: number[], ids: number[]) => handled.filter((id) => ids.includes(id));

test("stored updates are handled in order per chat, each once, and marked done; older ones in the inbox go first", async () => {
  // Left from before the start: two of chat 10 wait in the inbox.
  await inbox.store([message(1, 10), message(2, 10)].map(toIncoming), new Date());
  const bot = recorder(15);
  worker = createInboxWorker({ inbox, bot, logger: createLogger("silent"), takeOverAtStart: !!db.sqlite, pollMs: 50 });
  await worker.start();
  await deliver([message(3, 10), message(4, 20)]);
  await deliver([message(5, 10), message(6, 20), message(7, 30)]);
  await until(() => bot.handled.length === 7, "seven updates");
  // Once the inbox was found clear, the rest come by hand-off.
  await deliver([message(8, 10), message(9, 10), message(10, 20)]);
  await until(() => bot.handled.length === 10, "ten updates");
  expect(chatOrder(bot.handled, [1, 2, 3, 5, 8, 9])).toEqual([1, 2, 3, 5, 8, 9]);
  expect(chatOrder(bot.handled, [4, 6, 10])).toEqual([4, 6, 10]);
  expect(new Set(bot.handled).size).toBe(10);
  await until(() => worker?.inHand() === 0, "nothing in hand");
  await worker.stop();
  expect(await pending()).toBe(0);
});

test("on SQLite the worker takes a lease at storing once the inbox is clear; not while a postponed update waits", async () => {
  if (!db.sqlite) return; // one process per database only
  const bot = recorder(5, [11]);
  worker = createInboxWorker({ inbox, bot, logger: createLogger("silent"), takeOverAtStart: true, pollMs: 20, retryLaterMs: 200 });
  await worker.start();
  await until(() => worker?.leaseAtStore() !== undefined, "the hand-off");
  // 11 fails as busy and is postponed; 12 and 13 of the same chat come after it all the same.
  await deliver([message(11, 40), message(12, 40)]);
  await deliver([message(13, 40), message(14, 50)]);
  await until(() => bot.handled.length === 4, "four updates");
  expect(chatOrder(bot.handled, [11, 12, 13])).toEqual([11, 12, 13]);
  await until(() => worker?.leaseAtStore() !== undefined, "the hand-off again");
  await deliver([message(15, 40)]);
  await until(() => bot.handled.length === 5, "five updates");
  await worker.stop();
  expect(await pending()).toBe(0);
});

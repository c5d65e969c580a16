// The daily job: conversation states and pending cards past the retention period go, newer ones
// stay; scheduled backups are taken once a day (also across restarts) and pruned to BACKUP_KEEP.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createStore, type Store } from "../../src/db/store.js";
import { createDailyJobs } from "../../src/jobs/daily.js";
import { createTestDatabase, postgresServer, type TestDatabase } from "../support/database.js";

const logger = pino({ level: "silent" });
const DAY = 86_400_000;
let t: TestDatabase;
let db: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  t = await createTestDatabase("daily");
  await deployMigrations(t.url);
  db = await openDatabase(t.url);
  store = createStore(db);
});
afterEach(async () => {
  await db.close();
  await t.drop();
});

describe("daily jobs", () => {
  it("remove conversation states and pending report cards untouched for longer than the retention period", async () => {
    const now = new Date("2024-05-31T02:00:00Z");
    await store.sessions.write("conv:1", { step: 1 });
    await store.sessions.write("pending:1:10", { draft: {} });
    await store.sessions.write("pending:1:11", { draft: {} });
    await db.prisma.session.updateMany({ where: { key: { in: ["conv:1", "pending:1:10"] } }, data: { updatedAt: new Date(now.getTime() - 31 * DAY) } });
    await db.prisma.session.updateMany({ where: { key: "pending:1:11" }, data: { updatedAt: new Date(now.getTime() - 29 * DAY) } });

    const jobs = createDailyJobs({ store, logger, now: () => now, retentionDays: 30, databaseUrl: t.url });
    expect(await jobs.runOnce()).toMatchObject({ sessionsRemoved: 2 });
    expect(await store.sessions.read("conv:1")).toBeUndefined();
    expect(await store.sessions.read("pending:1:11")).toEqual({ draft: {} });
    await jobs.stop();
  });

  (postgresServer() ? it.skip : it)("take one backup a day into BACKUP_DIR and keep the newest BACKUP_KEEP", async () => {
    const dir = path.join(t.dir, "backups");
    mkdirSync(dir);
    const clock = { now: new Date("2024-05-01T03:00:00Z") };
    const make = () => createDailyJobs({ store, logger, now: () => clock.now, retentionDays: 30, databaseUrl: t.url, backup: { dir, keep: 3 }, checkEveryMs: 3_600_000 });
    let jobs = make();
    for (let day = 0; day < 5; day++) {
      clock.now = new Date(Date.parse("2024-05-01T03:00:00Z") + day * DAY);
      const r = await jobs.runOnce();
      expect(r.backup && existsSync(r.backup)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(["ledger-20240503T030000Z.db", "ledger-20240504T030000Z.db", "ledger-20240505T030000Z.db"]);
    await jobs.stop();

    // A restart an hour later does not take another one; the next day's check does.
    clock.now = new Date("2024-05-05T04:00:00Z");
    jobs = make();
    jobs.start();
    await jobs.stop();
    expect(readdirSync(dir)).toHaveLength(3);
    expect(readdirSync(dir)).not.toContain("ledger-20240505T040000Z.db");
    clock.now = new Date("2024-05-06T03:00:00Z");
    jobs = make();
    jobs.start();
    await jobs.stop();
    expect(readdirSync(dir).sort()[2]).toBe("ledger-20240506T030000Z.db");
  });
});

// Steps written once, run on the suite's database: SQLite's direct path (with group commit) or
// PostgreSQL through Prisma. Transactions asked for together are each all or nothing.
import { sqltag as sql } from "@prisma/client/runtime/client";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { keptReads } from "../../src/db/keptReads.js";
import { prismaRunner, query, sqliteRunner, type SqlRunner, type Steps } from "../../src/db/statements.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let testDb: TestDatabase;
let db: DatabaseHandle;
let runner: SqlRunner;
let statements: string[];
let branchId: number;

beforeEach(async () => {
  testDb = await createTestDatabase("statements");
  await deployMigrations(testDb.url);
  statements = [];
  db = await openDatabase(testDb.url, { onStatement: (s) => statements.push(s) });
  runner = db.sqlite ? sqliteRunner(db.sqlite) : prismaRunner(db.prisma);
  branchId = (await db.prisma.branch.create({ data: { name: "测试党支部", timeZone: "Asia/Shanghai" } })).id;
});

afterEach(async () => {
  await db.close();
  await testDb.drop();
});

/** Adds one event to a kind's counter and returns the count after it; throws after writing when `fail`. */
function* count(kind: string, fail = false): Steps<number> {
  const [row] = yield* query<{ events: number | bigint }>(sql`
    INSERT INTO "KindTally" ("branchId", "year", "kind", "events", "personTimes") VALUES (${branchId}, ${2026}, ${kind}, ${1}, ${0})
    ON CONFLICT ("branchId", "year", "kind") DO UPDATE SET "events" = "KindTally"."events" + 1 RETURNING "events"`);
  if (fail) throw new Error(`${kind} refused`);
  return Number(row?.events);
}

const counts = async () =>
  (await db.prisma.kindTally.findMany({ where: { branchId }, orderBy: { kind: "asc" } })).map((r) => [r.kind, r.events]);

test("transactions started together: each sees the ones before it, one that throws is undone alone", async () => {
  const results = await Promise.allSettled([
    runner.transaction(count("party_lecture")),
    runner.transaction(count("branch_committee", true)),
    runner.transaction(count("party_lecture")),
  ]);
  expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
    1,
    "branch_committee refused",
    2,
  ]);
  expect(await counts()).toEqual([["party_lecture", 2]]);
  // SQLite: one commit (one wait for the disk) for the three.
  if (db.sqlite) expect(statements.filter((s) => s === "COMMIT")).toEqual(["COMMIT"]);
});

test("a transaction alone that throws leaves nothing; the next one commits", async () => {
  await expect(runner.transaction(count("party_lecture", true))).rejects.toThrow("party_lecture refused");
  expect(await counts()).toEqual([]);
  expect(await runner.transaction(count("party_lecture"))).toBe(1);
  const rows = await runner.run(query<{ n: number | bigint }>(sql`SELECT COUNT(*) AS n FROM "KindTally"`));
  expect(rows.map((r) => Number(r.n))).toEqual([1]);
});

test("a kept read is read again once its tables were written: by this connection (Prisma or direct) or by another process", async () => {
  function* kinds(): Steps<string[]> {
    return (yield* query<{ kind: string }>(sql`SELECT kind FROM "KindTally" WHERE "branchId" = ${branchId} ORDER BY kind`)).map(
      (r) => r.kind,
    );
  }
  const kept = keptReads(runner, db.sqlite);
  const read = () => kept.read(`kinds:${branchId}`, ["KindTally"], kinds);
  const selects = () => statements.filter((s) => s.includes(`SELECT kind FROM "KindTally"`)).length;

  expect(await read()).toEqual([]);
  expect(await read()).toEqual([]);
  // Another table written: still kept.
  await db.prisma.branch.update({ where: { id: branchId }, data: { name: "第二党支部" } });
  expect(await read()).toEqual([]);
  if (db.sqlite) expect(selects()).toBe(1);

  await runner.transaction(count("party_lecture"));
  expect(await read()).toEqual(["party_lecture"]);
  await db.prisma.kindTally.create({ data: { branchId, year: 2026, kind: "branch_committee", events: 1, personTimes: 0 } });
  expect(await read()).toEqual(["branch_committee", "party_lecture"]);

  // Another process on the same database (the admin command line, say).
  const other = await openDatabase(testDb.url);
  try {
    await other.prisma.kindTally.deleteMany({ where: { kind: "party_lecture" } });
  } finally {
    await other.close();
  }
  expect(await read()).toEqual(["branch_committee"]);
  expect(await read()).toEqual(["branch_committee"]);
  if (db.sqlite) expect(selects()).toBe(4);
});

test("SQLite: durable writes resolve once synced, many at once share the syncs, and the connection is back to synchronous=FULL", async () => {
  const direct = db.sqlite;
  if (!direct) return; // PostgreSQL commits durably itself
  const writes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      direct.runDurably((d) =>
        d.transaction(() =>
          d.query<{ events: number }>(
            `INSERT INTO "KindTally" ("branchId", "year", "kind", "events", "personTimes") VALUES (?, ?, ?, 1, 0) RETURNING "events"`,
            [branchId, 2000 + i, "study"],
          ),
        ),
      ),
    ),
  );
  expect(writes.flat()).toHaveLength(20);
  const refused = direct.runDurably((d) =>
    d.transaction(() => {
      d.query(`INSERT INTO "KindTally" ("branchId", "year", "kind", "events", "personTimes") VALUES (?, 1999, 'study', 1, 0)`, [branchId]);
      throw new Error("refused");
    }),
  );
  await expect(refused).rejects.toThrow("refused");
  expect(await direct.run((d) => d.query<{ synchronous: bigint }>("PRAGMA synchronous", []))).toEqual([{ synchronous: 2n }]);
  expect(await db.prisma.kindTally.count({ where: { branchId } })).toBe(20);
});

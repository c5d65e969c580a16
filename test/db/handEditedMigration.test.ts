// The hand_edited_fields migration keeps every record: run the migrations before it on a database
// with records of every shape, then it, and compare.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { schemaLayout } from "../../src/db/migrations/migrator.js";

const { migrationsDir } = schemaLayout("sqlite");
const names = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const target = names.find((n) => n.endsWith("_hand_edited_fields"))!;
const sqlOf = (name: string) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-mig-b-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the hand_edited_fields migration", () => {
  it("keeps every record, and drops only the reporter's automatic attendance on publicity and disclosure", () => {
    const db = new Database(path.join(dir, "old.db"));
    for (const name of names.filter((n) => n < target)) db.exec(sqlOf(name));
    db.exec(`
      INSERT INTO "Member" (id, telegramId, name) VALUES (1, 11, '王建国'), (2, 12, '张华'), (3, 13, '李明');
      INSERT INTO "Branch" (id, name, timeZone) VALUES (1, '第一党支部', 'Asia/Shanghai');
      INSERT INTO "Activity" (id, branchId, reporterId, occurredAt, title, presentCount, personTimes, details, updatedAt) VALUES
        (1, 1, 2, 1688443200000, '宣传稿', NULL, 1, '{"absentees":[]}', 1688443200000),
        (2, 1, 2, 1688443200000, '支委会', 5, 5, '{"absentees":[]}', 1688443200000),
        (3, 1, 1, 1688443200000, '党务公开', NULL, 1, '{"itemsPublished":3,"absentees":[]}', 1688443200000),
        (4, 1, 2, 1688443200000, '主题党日暨宣传', NULL, 2, '{"absentees":[]}', 1688443200000),
        (5, 1, 3, 1688443200000, '宣讲', NULL, 27, '{"personTimes":27,"absentees":[]}', 1688443200000);
      INSERT INTO "ActivityKind" (activityId, kind) VALUES (1, 'publicity'), (2, 'branch_committee'), (3, 'disclosure'),
        (4, 'theme_day'), (4, 'publicity'), (5, 'publicity');
      INSERT INTO "Attendance" (activityId, memberId, present) VALUES (1, 2, 1), (2, 1, 1), (2, 2, 1), (3, 1, 1), (4, 1, 1), (4, 2, 1), (5, 3, 1);
    `);
    const before = db.prepare(`SELECT id, title, presentCount, details FROM "Activity" ORDER BY id`).all();
    db.exec(sqlOf(target));
    const after = db.prepare(`SELECT id, title, presentCount, details FROM "Activity" ORDER BY id`).all();
    expect(after).toEqual(before);
    const edited = db.prepare(`SELECT DISTINCT editedFields FROM "Activity"`).all();
    expect(edited).toEqual([{ editedFields: "[]" }]);
    const attendance = db.prepare(`SELECT activityId, memberId FROM "Attendance" ORDER BY activityId, memberId`).all();
    expect(attendance).toEqual([
      { activityId: 2, memberId: 1 },
      { activityId: 2, memberId: 2 },
      { activityId: 4, memberId: 1 },
      { activityId: 4, memberId: 2 },
    ]);
    const personTimes = db.prepare(`SELECT id, personTimes FROM "Activity" ORDER BY id`).all();
    expect(personTimes).toEqual([
      { id: 1, personTimes: 0 },
      { id: 2, personTimes: 5 },
      { id: 3, personTimes: 0 },
      { id: 4, personTimes: 2 },
      { id: 5, personTimes: 27 },
    ]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "ActivityKind"`).get()).toEqual({ n: 6 });
    db.close();
  });
});

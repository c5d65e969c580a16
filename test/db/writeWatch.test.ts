// The tables a statement writes, as Prisma's SQLite queries and our plain SQL spell them.
import { WriteWatch } from "../../src/db/writeWatch.js";

const CASES: [string, string[]][] = [
  ["INSERT INTO `main`.`Membership` (`branchId`, `memberId`) VALUES (?,?) RETURNING `id`", ["Membership"]],
  ["UPDATE `main`.`Member` SET `name` = ? WHERE (`main`.`Member`.`id` = ? AND 1=1)", ["Member"]],
  ["DELETE FROM `main`.`PartyGroup` WHERE `main`.`PartyGroup`.`id` = ?", ["PartyGroup"]],
  [`INSERT INTO "Session" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, ["Session"]],
  [`  UPDATE "InboxUpdate" SET "status" = 'done' WHERE "updateId" IN (?)`, ["InboxUpdate"]],
  ["INSERT OR REPLACE INTO KindTally (branchId) VALUES (?)", ["KindTally"]],
  [`SELECT ms."memberId" FROM "Membership" ms`, []],
  ["PRAGMA synchronous = FULL", []],
  ["BEGIN IMMEDIATE", []],
  [`WITH x AS (SELECT 1) UPDATE "Member" SET name = 'a'`, ["*"]],
  ["VACUUM", ["*"]],
];

test.each(CASES)("%s", (sql, written) => {
  const watch = new WriteWatch();
  const tables = ["Membership", "Member", "PartyGroup", "Session", "InboxUpdate", "KindTally"];
  const before = Object.fromEntries(tables.map((t) => [t, watch.writesTo([t])]));
  watch.saw(sql);
  watch.saw(sql); // the second time from memory, the same
  const grew = tables.filter((t) => watch.writesTo([t]) > (before[t] ?? 0));
  // An unrecognised write counts against every table.
  expect(grew).toEqual(written.includes("*") ? tables : written);
});

// The year counters (KindTally): 次 and 人次 of a branch's live events per local year and kind, kept in
// the same transaction as every write of a record, so a report's reply reads (or gets back from its own
// write) a few rows however full the year is. kind "*" is the distinct-event total. A year whose "*" row is
// missing was never counted (its records predate the table): its first write counts it from the records.
// Each function is steps (src/db/statements.ts): run inside the caller's transaction on either engine.
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { localYearBounds } from "../../domain/calendar/index.js";
import type { ActivityKind } from "../../domain/kinds.js";
import type { KindTally } from "../../domain/tally/types.js";
import { query, type Steps } from "../statements.js";

type Num = bigint | number | null;
const num = (v: Num | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const TOTAL = "*";

/** What a record adds to its year's counters: nothing unless it is a live branch event with a kind. */
export interface Counted {
  occurredAt: Date;
  kinds: readonly ActivityKind[];
  personTimes: number;
  /** Live, not personal self-study, with at least one kind. */
  counts: boolean;
}

export const countedOf = (r: {
  occurredAt: Date | string;
  kinds: readonly ActivityKind[];
  personTimes: number;
  personal: boolean;
  deleted: boolean;
}): Counted => ({
  occurredAt: new Date(r.occurredAt),
  kinds: [...new Set(r.kinds)],
  personTimes: r.personTimes,
  counts: !r.deleted && !r.personal && r.kinds.length > 0,
});

const sameCount = (a: Counted, b: Counted, timeZone: string) =>
  a.counts === b.counts &&
  (!a.counts ||
    (localYearBounds(a.occurredAt, timeZone).year === localYearBounds(b.occurredAt, timeZone).year &&
      a.personTimes === b.personTimes &&
      a.kinds.length === b.kinds.length &&
      a.kinds.every((k) => b.kinds.includes(k))));

function pick(rows: { kind: string; events: Num; personTimes: Num }[], kinds: readonly ActivityKind[]): KindTally[] {
  return kinds.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return { kind, events: num(r?.events), personTimes: num(r?.personTimes) };
  });
}

/** The live branch events of [start, end) per kind and in total, from the records (the counters' definition). */
function countFromRecords(branchId: number, start: Date, end: Date) {
  const live = sql`a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND NOT a."personal" AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end}`;
  return query<{ kind: string; events: Num; personTimes: Num }>(sql`
    SELECT k.kind AS kind, COUNT(*) AS events, SUM(a."personTimes") AS "personTimes"
    FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId" WHERE ${live} GROUP BY k.kind
    UNION ALL
    SELECT '*' AS kind, COUNT(*) AS events, SUM(a."personTimes") AS "personTimes" FROM "Activity" a
    WHERE ${live} AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a.id)`);
}

/** Counts a year again from its records (its first write, or counters found out of step). */
function* recount(branchId: number, at: Date, timeZone: string) {
  const { year, start, end } = localYearBounds(at, timeZone);
  const rows = yield* countFromRecords(branchId, start, end);
  yield sql`DELETE FROM "KindTally" WHERE "branchId" = ${branchId} AND "year" = ${year}`;
  const values = rows.map((r) => sql`(${branchId}, ${year}, ${r.kind}, ${num(r.events)}, ${num(r.personTimes)})`);
  yield sql`INSERT INTO "KindTally" ("branchId", "year", "kind", "events", "personTimes") VALUES ${join(values)}`;
  return rows;
}

/**
 * Adds one event (`add`) or nothing to the counters of its year and kinds, and returns those kinds' tallies
 * after it, in one statement. The first event of a year checks the year was counted from its start.
 */
export function* addToTally(branchId: number, timeZone: string, c: Counted, add: boolean): Steps<KindTally[]> {
  const { year, start, end } = localYearBounds(c.occurredAt, timeZone);
  const events = add ? 1 : 0;
  const personTimes = add ? c.personTimes : 0;
  const values = [...c.kinds, TOTAL].map((kind) => sql`(${branchId}, ${year}, ${kind}, ${events}, ${personTimes})`);
  const rows = yield* query<{ kind: string; events: Num; personTimes: Num }>(sql`
    INSERT INTO "KindTally" ("branchId", "year", "kind", "events", "personTimes") VALUES ${join(values)}
    ON CONFLICT ("branchId", "year", "kind") DO UPDATE SET
      "events" = "KindTally"."events" + excluded."events", "personTimes" = "KindTally"."personTimes" + excluded."personTimes"
    RETURNING "kind", "events", "personTimes"`);
  const total = rows.find((r) => r.kind === TOTAL);
  if (num(total?.events) !== events) return pick(rows, c.kinds);
  // No event counted in this year before this one: was the year counted at all?
  const [live] = yield* query<{ n: Num }>(sql`
    SELECT COUNT(*) AS n FROM "Activity" a WHERE a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND NOT a."personal"
      AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end} AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a.id)`);
  if (num(live?.n) === events) return pick(rows, c.kinds);
  return pick(yield* recount(branchId, c.occurredAt, timeZone), c.kinds);
}

/** Takes a counted event off its year's counters (a year never counted has none to take off). */
export function* removeFromTally(branchId: number, timeZone: string, c: Counted): Steps<void> {
  const { year } = localYearBounds(c.occurredAt, timeZone);
  yield sql`
    UPDATE "KindTally" SET "events" = "events" - 1, "personTimes" = "personTimes" - ${c.personTimes}
    WHERE "branchId" = ${branchId} AND "year" = ${year} AND "kind" IN (${join([...c.kinds, TOTAL])})`;
}

/** Moves a record's contribution when a write changes whether, where or how much it counts. */
export function* moveInTally(branchId: number, timeZone: string, before: Counted, after: Counted): Steps<void> {
  if (sameCount(before, after, timeZone)) return;
  if (before.counts) yield* removeFromTally(branchId, timeZone, before);
  if (after.counts) yield* addToTally(branchId, timeZone, after, true);
}

/** 次 and 人次 of these kinds in the local year of `at` (from the records when the year was never counted). */
export function* readTally(branchId: number, timeZone: string, at: Date, kinds: readonly ActivityKind[]): Steps<KindTally[]> {
  const { year, start, end } = localYearBounds(at, timeZone);
  const rows = yield* query<{ kind: string; events: Num; personTimes: Num }>(sql`
    SELECT "kind", "events", "personTimes" FROM "KindTally"
    WHERE "branchId" = ${branchId} AND "year" = ${year} AND "kind" IN (${join([...kinds, TOTAL])})`);
  if (rows.some((r) => r.kind === TOTAL)) return pick(rows, kinds);
  return pick(yield* countFromRecords(branchId, start, end), kinds);
}

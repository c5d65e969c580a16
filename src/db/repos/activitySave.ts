// Writing a new record: its row, kinds, attendees, photos, audit entry and year counters as plain
// statements in one transaction (steps, statements.ts), and the "same event?" check made on the way.
import { join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import type { ActivityRecord } from "../../domain/activity.js";
import type { ActivityKind } from "../../domain/kinds.js";
import type { KindTally } from "../../domain/tally/types.js";
import type { Prisma } from "../client.js";
import { query, type Steps } from "../statements.js";
import { ACTIVITY_COLUMNS, include, rowOf, toRecord } from "./activityRows.js";
import { addToTally, countedOf } from "./kindTallies.js";

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  // A raw INSERT's unique violation comes as a failed raw query (P2010) whose cause names the constraint;
  // on SQLite's direct path, as better-sqlite3's error.
  return (
    e?.code === "P2002" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    (e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")
  );
}

const ACTIVITY_COLUMN_LIST = raw(
  Object.keys(ACTIVITY_COLUMNS)
    .map((c) => `"${c}"`)
    .join(", "),
);

/** One INSERT of a new record's row, its id back (a plain statement: the ORM's create costs twice the CPU). */
export function* insertActivity(data: Record<string, unknown>): Steps<number> {
  const values = Object.entries(ACTIVITY_COLUMNS).map(([column, fallback]) => {
    const value = data[column] ?? fallback;
    if (value === undefined) throw new Error(`insertActivity: ${column} is required`);
    return value;
  });
  const now = new Date();
  const [row] = yield* query<{ id: number | bigint }>(sql`
    INSERT INTO "Activity" (${ACTIVITY_COLUMN_LIST}, "createdAt", "updatedAt") VALUES (${join(values)}, ${now}, ${now}) RETURNING id`);
  if (!row) throw new Error("insertActivity: no id returned");
  return Number(row.id);
}

/** "Is this the same event?" asked when saving: the day's bounds, the kinds to share (talks left out), the test. */
export interface SameEventCheck {
  kinds: ActivityKind[];
  start: string;
  end: string;
  /** Whether a candidate's title is the same event's. */
  isSame(title: string | null): boolean;
}

/** A record saved, or found saved before from the same message (duplicate; deleted since, perhaps). */
export type Saved = { record: ActivityRecord; duplicate: boolean; deleted: boolean; tallies: KindTally[] };
export type CreateOutcome = Saved | { sameEvent: ActivityRecord };

/** Thrown inside a save to roll it back: a live record of the same event exists. */
export class SameEvent extends Error {
  constructor(readonly id: number) {
    super("same event");
  }
}

/** Live branch events between two instants sharing one of the kinds, oldest first. */
export async function sameDayIn(
  db: Pick<Prisma, "activity">,
  branchId: number,
  day: Omit<SameEventCheck, "isSame">,
): Promise<ActivityRecord[]> {
  const where = {
    branchId,
    personal: false,
    deletedAt: null,
    occurredAt: { gte: new Date(day.start), lt: new Date(day.end) },
    kinds: { some: { kind: { in: day.kinds } } },
  };
  // Usually there is none: look for ids first, so an empty answer costs one statement, not three.
  const ids = await db.activity.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  if (!ids.length) return [];
  const rows = await db.activity.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include, orderBy: { id: "asc" } });
  return rows.map(toRecord);
}

/** Ids and titles of live branch events between two instants sharing one of the kinds, oldest first. */
export function* sameDayTitles(branchId: number, day: Omit<SameEventCheck, "isSame">): Steps<{ id: number; title: string | null }[]> {
  const rows = yield* query<{ id: number | bigint; title: string | null }>(sql`
    SELECT a.id, a.title FROM "Activity" a
    WHERE a."branchId" = ${branchId} AND NOT a."personal" AND a."deletedAt" IS NULL
      AND a."occurredAt" >= ${new Date(day.start)} AND a."occurredAt" < ${new Date(day.end)}
      AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a.id AND k.kind IN (${join(day.kinds)}))
    ORDER BY a.id`);
  return rows.map((r) => ({ id: Number(r.id), title: r.title }));
}

/** The branch's party groups and the reporter's own, in one statement. */
export function* groupsOf(
  branchId: number,
  reporterId: number,
): Steps<{ groups: { id: number; name: string }[]; reportersGroup: number | null }> {
  const rows = yield* query<{ id: number | bigint | null; name: string | null; mine: number | bigint }>(sql`
    SELECT g.id, g.name, 0 AS mine FROM "PartyGroup" g WHERE g."branchId" = ${branchId}
    UNION ALL
    SELECT ms."partyGroupId", NULL, 1 FROM "Membership" ms WHERE ms."branchId" = ${branchId} AND ms."memberId" = ${reporterId}`);
  const groups = rows.flatMap((r) =>
    Number(r.mine) === 0 && r.id !== null && r.name !== null ? [{ id: Number(r.id), name: r.name }] : [],
  );
  const own = rows.find((r) => Number(r.mine) === 1)?.id;
  return { groups, reportersGroup: own === null || own === undefined ? null : Number(own) };
}

/**
 * The record's kinds; with a check, the same statement says whether another live event of that day shares one
 * (the common answer, no, costs no statement of its own).
 */
export function* insertKinds(
  record: { id: number; branchId: number; kinds: string[] },
  check?: Omit<SameEventCheck, "isSame">,
): Steps<boolean> {
  const values = join(record.kinds.map((kind) => sql`(${record.id}, ${kind})`));
  if (!check?.kinds.length) {
    yield sql`INSERT INTO "ActivityKind" ("activityId", "kind") VALUES ${values}`;
    return false;
  }
  const rows = yield* query<{ other: number | bigint | null }>(sql`
    INSERT INTO "ActivityKind" ("activityId", "kind") VALUES ${values}
    RETURNING (SELECT MIN(a.id) FROM "Activity" a
      WHERE a."branchId" = ${record.branchId} AND a.id <> ${record.id} AND NOT a."personal" AND a."deletedAt" IS NULL
        AND a."occurredAt" >= ${new Date(check.start)} AND a."occurredAt" < ${new Date(check.end)}
        AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a.id AND k.kind IN (${join(check.kinds)}))) AS "other"`);
  return rows.some((r) => r.other !== null);
}

/** A new record's rows: the record, its kinds, attendees, photos, audit entry and year counters. */
export function* saveSteps(
  data: Record<string, unknown> & { branchId: number; reporterId: number; personTimes: number },
  lists: { kinds: ActivityKind[]; attendeeIds: number[]; photos: string[] },
  timeZone: string,
  check?: SameEventCheck,
): Steps<{ record: ActivityRecord; tallies: KindTally[] }> {
  const { kinds, attendeeIds, photos } = lists;
  const id = yield* insertActivity(data);
  if (yield* insertKinds({ id, branchId: data.branchId, kinds }, check)) {
    const same = check && (yield* sameDayTitles(data.branchId, check)).find((c) => c.id !== id && check.isSame(c.title));
    if (same) throw new SameEvent(same.id);
  }
  const now = new Date();
  if (attendeeIds.length) {
    yield sql`INSERT INTO "Attendance" ("activityId", "memberId", "present") VALUES ${join(attendeeIds.map((memberId) => sql`(${id}, ${memberId}, ${true})`))}`;
  }
  if (photos.length) {
    yield sql`INSERT INTO "ActivityPhoto" ("activityId", "fileId", "createdAt") VALUES ${join(photos.map((fileId) => sql`(${id}, ${fileId}, ${now})`))}`;
  }
  const record = toRecord(rowOf(id, data, kinds, attendeeIds));
  yield sql`INSERT INTO "AuditLog" ("branchId", "activityId", "actorId", "action", "after", "at")
    VALUES (${data.branchId}, ${id}, ${data.reporterId}, ${"create"}, ${JSON.stringify(record)}, ${now})`;
  const counted = countedOf({ ...record, personTimes: data.personTimes, deleted: false });
  const tallies = yield* addToTally(data.branchId, timeZone, counted, counted.counts);
  return { record, tallies };
}

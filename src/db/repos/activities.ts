import { join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import { personTimes, type ActivityRecord } from "../../domain/activity.js";
import type { ActivityKind } from "../../domain/kinds.js";
import type { NewActivity, ActivityPatch } from "../../domain/recordInput.js";
import { groupNamedIn } from "../../domain/rules/groups.js";
import type { KindTally } from "../../domain/tally/types.js";
import type { Prisma } from "../client.js";
import type { RecordTouches } from "../recordTouches.js";
import { query, runOn, type SqlRunner, type Steps } from "../statements.js";
import { columns, countedRow, include, rowOf, toRecord } from "./activityRows.js";
import { addToTally, countedOf, moveInTally, readTally, removeFromTally } from "./kindTallies.js";

export type { NewActivity, ActivityPatch } from "../../domain/recordInput.js";
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  // A raw INSERT's unique violation comes as a failed raw query (P2010) whose cause names the constraint;
  // on SQLite's direct path, as better-sqlite3's error.
  return e?.code === "P2002" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || (e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}

/** The Activity columns a new record writes, with the defaults the schema gives when a report says nothing. */
const ACTIVITY_COLUMNS = {
  branchId: undefined, reporterId: undefined, personal: false, occurredAt: undefined, hasTime: false, title: null, location: null, host: null,
  recorder: null, speaker: null, expectedCount: null, presentCount: null, durationHours: null, personTimes: 0, notes: null, observers: null,
  resolutions: null, voteKind: null, votesFor: null, votesAgainst: null, votesAbstain: null, partyGroupId: null, details: "{}", sourceText: null,
  sourceChatId: null, sourceMessageId: null, editedFields: "[]",
} as const;
const ACTIVITY_COLUMN_LIST = raw(Object.keys(ACTIVITY_COLUMNS).map((c) => `"${c}"`).join(", "));

/** One INSERT of a new record's row, its id back (a plain statement: the ORM's create costs twice the CPU). */
function* insertActivity(data: Record<string, unknown>): Steps<number> {
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
class SameEvent extends Error {
  constructor(readonly id: number) {
    super("same event");
  }
}

/** Live branch events between two instants sharing one of the kinds, oldest first. */
async function sameDayIn(db: Pick<Prisma, "activity">, branchId: number, day: Omit<SameEventCheck, "isSame">): Promise<ActivityRecord[]> {
  const where = { branchId, personal: false, deletedAt: null, occurredAt: { gte: new Date(day.start), lt: new Date(day.end) }, kinds: { some: { kind: { in: day.kinds } } } };
  // Usually there is none: look for ids first, so an empty answer costs one statement, not three.
  const ids = await db.activity.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  if (!ids.length) return [];
  const rows = await db.activity.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include, orderBy: { id: "asc" } });
  return rows.map(toRecord);
}

/** Ids and titles of live branch events between two instants sharing one of the kinds, oldest first. */
function* sameDayTitles(branchId: number, day: Omit<SameEventCheck, "isSame">): Steps<{ id: number; title: string | null }[]> {
  const rows = yield* query<{ id: number | bigint; title: string | null }>(sql`
    SELECT a.id, a.title FROM "Activity" a
    WHERE a."branchId" = ${branchId} AND NOT a."personal" AND a."deletedAt" IS NULL
      AND a."occurredAt" >= ${new Date(day.start)} AND a."occurredAt" < ${new Date(day.end)}
      AND EXISTS (SELECT 1 FROM "ActivityKind" k WHERE k."activityId" = a.id AND k.kind IN (${join(day.kinds)}))
    ORDER BY a.id`);
  return rows.map((r) => ({ id: Number(r.id), title: r.title }));
}

/** The branch's party groups and the reporter's own, in one statement. */
function* groupsOf(branchId: number, reporterId: number): Steps<{ groups: { id: number; name: string }[]; reportersGroup: number | null }> {
  const rows = yield* query<{ id: number | bigint | null; name: string | null; mine: number | bigint }>(sql`
    SELECT g.id, g.name, 0 AS mine FROM "PartyGroup" g WHERE g."branchId" = ${branchId}
    UNION ALL
    SELECT ms."partyGroupId", NULL, 1 FROM "Membership" ms WHERE ms."branchId" = ${branchId} AND ms."memberId" = ${reporterId}`);
  const groups = rows.flatMap((r) => (Number(r.mine) === 0 && r.id !== null && r.name !== null ? [{ id: Number(r.id), name: r.name }] : []));
  const own = rows.find((r) => Number(r.mine) === 1)?.id;
  return { groups, reportersGroup: own === null || own === undefined ? null : Number(own) };
}

/**
 * The record's kinds; with a check, the same statement says whether another live event of that day shares one
 * (the common answer, no, costs no statement of its own).
 */
function* insertKinds(record: { id: number; branchId: number; kinds: string[] }, check?: Omit<SameEventCheck, "isSame">): Steps<boolean> {
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
function* saveSteps(
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

/**
 * Every write to the record tables (RECORD_TABLES) is made here, and noted once its transaction has ended
 * (`touches`), committed or not: kept periods then read again only the records noted.
 */
export function activitiesRepo(prisma: Prisma, runner: SqlRunner, touches?: RecordTouches) {
  async function noting<T>(ids: number[], write: () => Promise<T>): Promise<T> {
    const before = touches?.writes() ?? 0;
    try {
      return await write();
    } finally {
      touches?.note(ids, before);
    }
  }

  async function get(id: number): Promise<ActivityRecord | null> {
    const r = await prisma.activity.findFirst({ where: { id, deletedAt: null }, include });
    return r && toRecord(r);
  }

  /**
   * The party group of a 党小组会: as given, else the branch's group named in the title or the report
   * ("第一党小组…"), else the reporter's group at the time of saving (a later move does not change it).
   */
  async function groupOf(input: NewActivity): Promise<number | null> {
    if (input.partyGroupId !== undefined && input.partyGroupId !== null) return input.partyGroupId;
    if (!input.kinds.includes("group_meeting")) return null;
    const { groups, reportersGroup } = await runner.run(groupsOf(input.branchId, input.reporterId));
    const named = groupNamedIn([input.title, input.source?.text, input.notes].filter((t): t is string => !!t).join(" "), groups);
    return named ? named.id : reportersGroup;
  }

  /** The branch's time zone, when the caller did not say (its local year keys the counters). */
  async function zoneOf(db: Pick<Prisma, "branch">, branchId: number, given?: string): Promise<string> {
    return given ?? (await db.branch.findUniqueOrThrow({ where: { id: branchId }, select: { timeZone: true } })).timeZone;
  }

  async function create(input: NewActivity, options?: { timeZone?: string }): Promise<Saved>;
  async function create(input: NewActivity, options: { timeZone?: string; unlessSameEvent: SameEventCheck }): Promise<CreateOutcome>;
  async function create(input: NewActivity, options: { timeZone?: string; unlessSameEvent?: SameEventCheck } = {}): Promise<CreateOutcome> {
    const before = touches?.writes() ?? 0;
    const partyGroupId = await groupOf(input);
    const kinds = [...new Set(input.kinds)];
    const attendeeIds = [...new Set(input.attendeeIds)];
    const photos = input.photos ?? [];
    const data = {
      ...columns(input),
      partyGroupId,
      branchId: input.branchId,
      reporterId: input.reporterId,
      occurredAt: new Date(input.occurredAt),
      details: JSON.stringify({ ...input.details, absentees: input.absentees }),
      personTimes: personTimes({ details: input.details, presentCount: input.presentCount, attendeeIds }),
      sourceChatId: input.source ? BigInt(input.source.chatId) : null,
      sourceMessageId: input.source?.messageId ?? null,
      sourceText: input.source?.text ?? null,
    };
    const check = options.unlessSameEvent;
    const timeZone = await zoneOf(prisma, input.branchId, options.timeZone);
    try {
      // The record is what was written: no reading back (one INSERT per table, the audit entry, the counters).
      const saved = await runner.transaction(saveSteps(data, { kinds, attendeeIds, photos }, timeZone, check)).catch((error: unknown) => {
        touches?.note([], before);
        throw error;
      });
      touches?.note([saved.record.id], before);
      return { ...saved, duplicate: false, deleted: false };
    } catch (error) {
      if (error instanceof SameEvent) {
        const record = await get(error.id);
        // Deleted since the check: nothing stands in the way any more.
        return record ? { sameEvent: record } : create(input, { timeZone });
      }
      // The message was saved before (a delivery again, or two racing): its record, live or deleted.
      if (input.source && isUniqueViolation(error)) {
        const existing = await prisma.activity.findUniqueOrThrow({
          where: { sourceChatId_sourceMessageId: { sourceChatId: BigInt(input.source.chatId), sourceMessageId: input.source.messageId } },
          include,
        });
        const record = toRecord(existing);
        const tallies = await runner.run(readTally(record.branchId, await zoneOf(prisma, record.branchId, options.timeZone), existing.occurredAt, record.kinds));
        return { record, duplicate: true, deleted: existing.deletedAt !== null, tallies };
      }
      throw error;
    }
  }

  return {
    get,
    /** Also soft-deleted records (to restore them). */
    async getAny(id: number): Promise<ActivityRecord | null> {
      const r = await prisma.activity.findUnique({ where: { id }, include });
      return r && toRecord(r);
    },
    /**
     * Saves a record with its kinds, attendees, an audit entry and its year's counters, all or nothing, and
     * returns it with those counters. A message already saved (the unique source key) yields its record. With
     * `unlessSameEvent`, a live record of the same day sharing a kind that `isSame` accepts is returned
     * instead and nothing is saved (looked for in the kinds' INSERT, so a day without one costs nothing).
     */
    create,
    /** 次 and 人次 of these kinds in the branch's local year of `at` (the year counters, one small read). */
    async yearTally(branchId: number, timeZone: string, at: string, kinds: readonly ActivityKind[]): Promise<KindTally[]> {
      return runner.run(readTally(branchId, timeZone, new Date(at), kinds));
    },

    /**
     * The record made from a chat message, deleted or not: the one check every way in makes before reading a
     * report (a message whose record was deleted is not saved again, it can be restored).
     */
    async bySource(chatId: number, messageId: number): Promise<(ActivityRecord & { deleted: boolean }) | null> {
      const r = await prisma.activity.findUnique({ where: { sourceChatId_sourceMessageId: { sourceChatId: BigInt(chatId), sourceMessageId: messageId } }, include });
      return r && { ...toRecord(r), deleted: r.deletedAt !== null };
    },
    /** Live records of the branch between two instants sharing a kind (candidates for "same event?"). */
    async sameDay(branchId: number, kinds: ActivityKind[], start: string, end: string): Promise<ActivityRecord[]> {
      return sameDayIn(prisma, branchId, { kinds, start, end });
    },
    /** Changes fields (and kinds/attendees when given); audit entry with before and after. */
    async update(id: number, patch: ActivityPatch, by: number | { actorId: number; timeZone?: string }, action: "update" | "merge" = "update"): Promise<ActivityRecord | null> {
      const { actorId, timeZone } = typeof by === "number" ? { actorId: by, timeZone: undefined } : by;
      return noting([id], () => prisma.$transaction(async (tx) => {
        const before = await tx.activity.findFirst({ where: { id, deletedAt: null }, include });
        if (!before) return null;
        const old = toRecord(before);
        const merged = { details: patch.details ?? old.details, absentees: patch.absentees ?? old.absentees };
        await tx.activity.update({ where: { id }, data: columns({ ...patch, ...merged }) });
        if (patch.kinds) {
          await tx.activityKind.deleteMany({ where: { activityId: id } });
          await tx.activityKind.createMany({ data: [...new Set(patch.kinds)].map((kind) => ({ activityId: id, kind })) });
        }
        if (patch.attendeeIds) {
          await tx.attendance.deleteMany({ where: { activityId: id } });
          await tx.attendance.createMany({ data: [...new Set(patch.attendeeIds)].map((memberId) => ({ activityId: id, memberId })) });
        }
        const afterRow = await tx.activity.findUniqueOrThrow({ where: { id }, include });
        const after = toRecord(afterRow);
        const newPersonTimes = personTimes(after);
        await tx.activity.update({ where: { id }, data: { personTimes: newPersonTimes } });
        await runOn(tx, moveInTally(before.branchId, await zoneOf(tx, before.branchId, timeZone), countedRow(before), { ...countedRow(afterRow), personTimes: newPersonTimes }));
        await tx.auditLog.create({ data: { branchId: before.branchId, activityId: id, actorId, action, before: JSON.stringify(old), after: JSON.stringify(after) } });
        return after;
      }));
    },
    async softDelete(id: number, actorId: number, now: Date, timeZone?: string): Promise<boolean> {
      return noting([id], () => prisma.$transaction(async (tx) => {
        const before = await tx.activity.findFirst({ where: { id, deletedAt: null }, include });
        if (!before) return false;
        await tx.activity.update({ where: { id }, data: { deletedAt: now } });
        const counted = countedRow(before);
        if (counted.counts) await runOn(tx, removeFromTally(before.branchId, await zoneOf(tx, before.branchId, timeZone), counted));
        await tx.auditLog.create({ data: { branchId: before.branchId, activityId: id, actorId, action: "delete", before: JSON.stringify(toRecord(before)) } });
        return true;
      }));
    },
    async restore(id: number, actorId: number, branchId: number, timeZone?: string): Promise<boolean> {
      return noting([id], () => prisma.$transaction(async (tx) => {
        const row = await tx.activity.findFirst({ where: { id, branchId, deletedAt: { not: null } }, include });
        if (!row) return false;
        await tx.activity.update({ where: { id }, data: { deletedAt: null } });
        const counted = countedRow({ ...row, deletedAt: null });
        if (counted.counts) await runOn(tx, addToTally(row.branchId, await zoneOf(tx, row.branchId, timeZone), counted, true));
        await tx.auditLog.create({ data: { branchId: row.branchId, activityId: id, actorId, action: "restore" } });
        return true;
      }));
    },
    async recentInBranch(branchId: number, limit: number): Promise<ActivityRecord[]> {
      const rows = await prisma.activity.findMany({ where: { branchId, deletedAt: null }, include, orderBy: { id: "desc" }, take: limit });
      return rows.map(toRecord);
    },
    async recentByReporter(branchId: number, reporterId: number, limit: number): Promise<ActivityRecord[]> {
      const rows = await prisma.activity.findMany({ where: { branchId, reporterId, deletedAt: null }, include, orderBy: { id: "desc" }, take: limit });
      return rows.map(toRecord);
    },
    /** The branch's live records in [start, end) with reporter and attendee names, oldest first (for the export). */
    async ledgerRows(branchId: number, start: Date, end: Date): Promise<(ActivityRecord & { reporterName: string | null; attendeeNames: string[]; photos: number })[]> {
      const rows = await prisma.activity.findMany({
        where: { branchId, deletedAt: null, occurredAt: { gte: start, lt: end } },
        include: { ...include, reporter: { select: { name: true, username: true } }, attendance: { include: { member: { select: { name: true } } } }, _count: { select: { photos: true } } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map((r) => ({
        ...toRecord(r),
        reporterName: r.reporter.name ?? r.reporter.username,
        attendeeNames: r.attendance.filter((a) => a.present).map((a) => a.member.name ?? "?"),
        photos: r._count.photos,
      }));
    },
    /**
     * Live records of the branch carrying one of `kinds` (in [start, end), or the one record `id`), with what a
     * 会议记录 shows besides the record: attendee names, photo count, the party group's name. Oldest first.
     */
    async meetingRecords(branchId: number, kinds: readonly ActivityKind[], range: { start: Date; end: Date } | { id: number }) {
      const rows = await prisma.activity.findMany({
        where: {
          branchId, deletedAt: null, personal: false, kinds: { some: { kind: { in: [...kinds] } } },
          ...("id" in range ? { id: range.id } : { occurredAt: { gte: range.start, lt: range.end } }),
        },
        include: {
          ...include, attendance: { include: { member: { select: { name: true } } } }, partyGroup: { select: { name: true } },
          photos: { select: { fileId: true }, orderBy: { id: "asc" } },
        },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map((r) => ({
        record: toRecord(r),
        attendeeNames: r.attendance.filter((a) => a.present).flatMap((a) => (a.member.name ? [a.member.name] : [])),
        photos: r.photos.length,
        /** Telegram file ids of the record's photos, oldest first. */
        photoIds: r.photos.map((p) => p.fileId),
        groupName: r.partyGroup?.name ?? null,
      }));
    },
    async addPhoto(activityId: number, fileId: string): Promise<void> {
      await prisma.activityPhoto.create({ data: { activityId, fileId } });
    },
    async photoCount(activityId: number): Promise<number> {
      return prisma.activityPhoto.count({ where: { activityId } });
    },
  };
}

export type ActivitiesRepo = ReturnType<typeof activitiesRepo>;

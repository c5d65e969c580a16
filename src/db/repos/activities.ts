import { personTimes, type ActivityRecord } from "../../domain/activity.js";
import type { ActivityKind } from "../../domain/kinds.js";
import type { NewActivity, ActivityPatch } from "../../domain/recordInput.js";
import { groupNamedIn } from "../../domain/rules/groups.js";
import type { KindTally } from "../../domain/tally/types.js";
import type { Prisma } from "../client.js";
import type { RecordTouches } from "../recordTouches.js";
import { runOn, type SqlRunner } from "../statements.js";
import { columns, countedRow, include, toRecord } from "./activityRows.js";
import {
  groupsOf, isUniqueViolation, sameDayIn, SameEvent, saveSteps, type CreateOutcome, type SameEventCheck, type Saved,
} from "./activitySave.js";
import { addToTally, moveInTally, readTally, removeFromTally } from "./kindTallies.js";

export type { NewActivity, ActivityPatch } from "../../domain/recordInput.js";
export type { CreateOutcome, SameEventCheck, Saved } from "./activitySave.js";
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

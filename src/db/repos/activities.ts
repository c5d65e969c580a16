import { isRecordField, personTimes, VOTE_KINDS, type ActivityDetails, type ActivityRecord, type VoteKind, type VoteResult } from "../../domain/activity.js";
import { inKindOrder, isActivityKind, type ActivityKind } from "../../domain/kinds.js";
import { groupNamedIn } from "../../domain/rules/groups.js";
import type { Prisma } from "../client.js";

/** What a new record needs (a record without its id); occurredAt is an ISO UTC instant. */
export type NewActivity = Omit<ActivityRecord, "id" | "editedFields"> & {
  editedFields?: ActivityRecord["editedFields"];
  source?: { chatId: number; messageId: number; text: string };
  /** Telegram file ids of photos sent with the report. */
  photos?: string[];
};

export type ActivityPatch = Partial<Omit<NewActivity, "branchId" | "reporterId" | "source" | "photos">>;

function parseEditedFields(text: string): ActivityRecord["editedFields"] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === "string").filter(isRecordField) : [];
  } catch {
    return [];
  }
}

const include = { kinds: true, attendance: true } as const;

type Row = {
  id: number; branchId: number; reporterId: number; personal: boolean; occurredAt: Date; hasTime: boolean;
  title: string | null; location: string | null; host: string | null; recorder: string | null; speaker: string | null;
  expectedCount: number | null; presentCount: number | null; durationHours: number | null; notes: string | null; details: string; editedFields: string;
  observers: string | null; resolutions: string | null; voteKind: string | null; votesFor: number | null; votesAgainst: number | null;
  votesAbstain: number | null; partyGroupId: number | null;
  kinds: { kind: string }[]; attendance: { memberId: number; present: boolean }[];
};

function toRecord(r: Row): ActivityRecord {
  const { absentees = [], ...details } = JSON.parse(r.details) as ActivityDetails & { absentees?: ActivityRecord["absentees"] };
  return {
    id: r.id, branchId: r.branchId, reporterId: r.reporterId, personal: r.personal,
    kinds: inKindOrder(r.kinds.map((k) => k.kind).filter(isActivityKind)),
    occurredAt: r.occurredAt.toISOString(), hasTime: r.hasTime,
    title: r.title, location: r.location, host: r.host, recorder: r.recorder, speaker: r.speaker,
    expectedCount: r.expectedCount, presentCount: r.presentCount, durationHours: r.durationHours, notes: r.notes,
    details, absentees,
    attendeeIds: r.attendance.filter((a) => a.present).map((a) => a.memberId),
    editedFields: parseEditedFields(r.editedFields),
    observers: r.observers, resolutions: r.resolutions, partyGroupId: r.partyGroupId,
    vote: isVoteKind(r.voteKind) ? { kind: r.voteKind, for: r.votesFor, against: r.votesAgainst, abstain: r.votesAbstain } : null,
  };
}

const isVoteKind = (v: string | null): v is VoteKind => (VOTE_KINDS as readonly (string | null)[]).includes(v);

/** The vote as its four columns (undefined leaves them unchanged). */
function voteColumns(vote: VoteResult | null | undefined) {
  if (vote === undefined) return {};
  return { voteKind: vote?.kind ?? null, votesFor: vote?.for ?? null, votesAgainst: vote?.against ?? null, votesAbstain: vote?.abstain ?? null };
}

function columns(a: ActivityPatch & { source?: unknown; branchId?: unknown; reporterId?: unknown; photos?: unknown }) {
  const { kinds: _k, attendeeIds: _a, absentees, details, occurredAt, source: _s, branchId: _b, reporterId: _r, photos: _p, vote, editedFields, ...rest } = a;
  return {
    ...rest,
    ...voteColumns(vote),
    ...(editedFields !== undefined ? { editedFields: JSON.stringify([...new Set(editedFields)]) } : {}),
    ...(occurredAt !== undefined ? { occurredAt: new Date(occurredAt) } : {}),
    ...(details !== undefined || absentees !== undefined ? { details: JSON.stringify({ ...(details ?? {}), absentees: absentees ?? [] }) } : {}),
  };
}

/** The row as stored by an INSERT of `data` (column defaults where data says nothing). */
function rowOf(id: number, data: Record<string, unknown>, kinds: string[], attendeeIds: number[]): Row {
  const defaults = {
    personal: false, hasTime: false, title: null, location: null, host: null, recorder: null, speaker: null,
    expectedCount: null, presentCount: null, durationHours: null, notes: null, editedFields: "[]", observers: null,
    resolutions: null, voteKind: null, votesFor: null, votesAgainst: null, votesAbstain: null, partyGroupId: null,
  };
  const given = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return {
    ...defaults, ...given, id,
    kinds: kinds.map((kind) => ({ kind })),
    attendance: attendeeIds.map((memberId) => ({ memberId, present: true })),
  } as Row;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

export function activitiesRepo(prisma: Prisma) {
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
    const groups = await prisma.partyGroup.findMany({ where: { branchId: input.branchId }, select: { id: true, name: true } });
    const named = groupNamedIn([input.title, input.source?.text, input.notes].filter((t): t is string => !!t).join(" "), groups);
    if (named) return named.id;
    const membership = await prisma.membership.findUnique({ where: { branchId_memberId: { branchId: input.branchId, memberId: input.reporterId } }, select: { partyGroupId: true } });
    return membership?.partyGroupId ?? null;
  }

  return {
    get,
    /** Also soft-deleted records (to restore them). */
    async getAny(id: number): Promise<ActivityRecord | null> {
      const r = await prisma.activity.findUnique({ where: { id }, include });
      return r && toRecord(r);
    },
    /** Saves a record with its kinds, attendees and an audit entry, all or nothing. A message already saved yields its record. */
    async create(input: NewActivity): Promise<{ record: ActivityRecord; duplicate: boolean }> {
      // The caller looked the source message up once (bySource); a race between two deliveries ends at the unique key.
      const partyGroupId = await groupOf(input);
      try {
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
        // The record is what was written: no reading back (one INSERT per table, then the audit entry).
        const record = await prisma.$transaction(async (tx) => {
          const { id } = await tx.activity.create({ data, select: { id: true } });
          await tx.activityKind.createMany({ data: kinds.map((kind) => ({ activityId: id, kind })) });
          if (attendeeIds.length) await tx.attendance.createMany({ data: attendeeIds.map((memberId) => ({ activityId: id, memberId, present: true })) });
          if (photos.length) await tx.activityPhoto.createMany({ data: photos.map((fileId) => ({ activityId: id, fileId })) });
          const written = toRecord(rowOf(id, data, kinds, attendeeIds));
          await tx.auditLog.create({
            data: { branchId: input.branchId, activityId: id, actorId: input.reporterId, action: "create", after: JSON.stringify(written) },
            select: { id: true },
          });
          return written;
        });
        return { record, duplicate: false };
      } catch (error) {
        // Two deliveries of one message raced: the other one saved it.
        if (input.source && isUniqueViolation(error)) {
          const existing = await prisma.activity.findUniqueOrThrow({
            where: { sourceChatId_sourceMessageId: { sourceChatId: BigInt(input.source.chatId), sourceMessageId: input.source.messageId } },
            include,
          });
          return { record: toRecord(existing), duplicate: true };
        }
        throw error;
      }
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
      const where = { branchId, personal: false, deletedAt: null, occurredAt: { gte: new Date(start), lt: new Date(end) }, kinds: { some: { kind: { in: kinds } } } };
      // Usually there is none: look for ids first, so an empty answer costs one statement, not three.
      const ids = await prisma.activity.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
      if (!ids.length) return [];
      const rows = await prisma.activity.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include, orderBy: { id: "asc" } });
      return rows.map(toRecord);
    },
    /** Changes fields (and kinds/attendees when given); audit entry with before and after. */
    async update(id: number, patch: ActivityPatch, actorId: number, action: "update" | "merge" = "update"): Promise<ActivityRecord | null> {
      return prisma.$transaction(async (tx) => {
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
        const after = toRecord(await tx.activity.findUniqueOrThrow({ where: { id }, include }));
        await tx.activity.update({ where: { id }, data: { personTimes: personTimes(after) } });
        await tx.auditLog.create({ data: { branchId: before.branchId, activityId: id, actorId, action, before: JSON.stringify(old), after: JSON.stringify(after) } });
        return after;
      });
    },
    async softDelete(id: number, actorId: number, now: Date): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const before = await tx.activity.findFirst({ where: { id, deletedAt: null }, include });
        if (!before) return false;
        await tx.activity.update({ where: { id }, data: { deletedAt: now } });
        await tx.auditLog.create({ data: { branchId: before.branchId, activityId: id, actorId, action: "delete", before: JSON.stringify(toRecord(before)) } });
        return true;
      });
    },
    async restore(id: number, actorId: number, branchId: number): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const row = await tx.activity.findFirst({ where: { id, branchId, deletedAt: { not: null } } });
        if (!row) return false;
        await tx.activity.update({ where: { id }, data: { deletedAt: null } });
        await tx.auditLog.create({ data: { branchId: row.branchId, activityId: id, actorId, action: "restore" } });
        return true;
      });
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

// Activity rows as Prisma reads them (its payload types) to records as the domain knows them, and back to columns.
import {
  isRecordField,
  VOTE_KINDS,
  type ActivityDetails,
  type ActivityRecord,
  type VoteKind,
  type VoteResult,
} from "../../domain/activity.js";
import { inKindOrder, isActivityKind } from "../../domain/kinds.js";
import type { ActivityPatch } from "../../domain/recordInput.js";
import type { Prisma as Db } from "../../generated/sqlite/client.js";
import { countedOf, type Counted } from "./kindTallies.js";

export function parseEditedFields(text: string): ActivityRecord["editedFields"] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === "string").filter(isRecordField) : [];
  } catch {
    return [];
  }
}

export const include = { kinds: true, attendance: true } as const;

/** A record row as read with its kinds and attendance (Prisma's own payload type). */
export type Row = Db.ActivityGetPayload<{ include: typeof include }>;
/** What a record is made of: a row as read, or as just written (built from its INSERT). */
export type RecordRow = Omit<
  Row,
  "kinds" | "attendance" | "personTimes" | "sourceText" | "sourceChatId" | "sourceMessageId" | "createdAt" | "updatedAt" | "deletedAt"
> & {
  kinds: Pick<Row["kinds"][number], "kind">[];
  attendance: Pick<Row["attendance"][number], "memberId" | "present">[];
};

/** What a record adds to its year's counters. */
export const countedRow = (r: Row): Counted =>
  countedOf({
    occurredAt: r.occurredAt,
    kinds: r.kinds.map((k) => k.kind).filter(isActivityKind),
    personTimes: r.personTimes,
    personal: r.personal,
    deleted: r.deletedAt !== null,
  });

export function toRecord(r: RecordRow): ActivityRecord {
  const { absentees = [], ...details } = JSON.parse(r.details) as ActivityDetails & { absentees?: ActivityRecord["absentees"] };
  return {
    id: r.id,
    branchId: r.branchId,
    reporterId: r.reporterId,
    personal: r.personal,
    kinds: inKindOrder(r.kinds.map((k) => k.kind).filter(isActivityKind)),
    occurredAt: r.occurredAt.toISOString(),
    hasTime: r.hasTime,
    title: r.title,
    location: r.location,
    host: r.host,
    recorder: r.recorder,
    speaker: r.speaker,
    expectedCount: r.expectedCount,
    presentCount: r.presentCount,
    durationHours: r.durationHours,
    notes: r.notes,
    details,
    absentees,
    attendeeIds: r.attendance.filter((a) => a.present).map((a) => a.memberId),
    editedFields: parseEditedFields(r.editedFields),
    observers: r.observers,
    resolutions: r.resolutions,
    partyGroupId: r.partyGroupId,
    vote: isVoteKind(r.voteKind) ? { kind: r.voteKind, for: r.votesFor, against: r.votesAgainst, abstain: r.votesAbstain } : null,
  };
}

const isVoteKind = (v: string | null): v is VoteKind => (VOTE_KINDS as readonly (string | null)[]).includes(v);

/** The vote as its four columns (undefined leaves them unchanged). */
export function voteColumns(vote: VoteResult | null | undefined) {
  if (vote === undefined) return {};
  return {
    voteKind: vote?.kind ?? null,
    votesFor: vote?.for ?? null,
    votesAgainst: vote?.against ?? null,
    votesAbstain: vote?.abstain ?? null,
  };
}

export function columns(a: ActivityPatch & { source?: unknown; branchId?: unknown; reporterId?: unknown; photos?: unknown }) {
  const {
    kinds: _k,
    attendeeIds: _a,
    absentees,
    details,
    occurredAt,
    source: _s,
    branchId: _b,
    reporterId: _r,
    photos: _p,
    vote,
    editedFields,
    ...rest
  } = a;
  return {
    ...rest,
    ...voteColumns(vote),
    ...(editedFields !== undefined ? { editedFields: JSON.stringify([...new Set(editedFields)]) } : {}),
    ...(occurredAt !== undefined ? { occurredAt: new Date(occurredAt) } : {}),
    ...(details !== undefined || absentees !== undefined
      ? { details: JSON.stringify({ ...(details ?? {}), absentees: absentees ?? [] }) }
      : {}),
  };
}

/** The Activity columns a new record writes, with the defaults the schema gives when a report says nothing. */
export const ACTIVITY_COLUMNS = {
  branchId: undefined,
  reporterId: undefined,
  personal: false,
  occurredAt: undefined,
  hasTime: false,
  title: null,
  location: null,
  host: null,
  recorder: null,
  speaker: null,
  expectedCount: null,
  presentCount: null,
  durationHours: null,
  personTimes: 0,
  notes: null,
  observers: null,
  resolutions: null,
  voteKind: null,
  votesFor: null,
  votesAgainst: null,
  votesAbstain: null,
  partyGroupId: null,
  details: "{}",
  sourceText: null,
  sourceChatId: null,
  sourceMessageId: null,
  editedFields: "[]",
} as const;

/** The row as stored by an INSERT of `data` (column defaults where data says nothing). */
export function rowOf(id: number, data: Record<string, unknown>, kinds: string[], attendeeIds: number[]): RecordRow {
  const given = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  const row: Record<string, unknown> = {
    ...ACTIVITY_COLUMNS,
    ...given,
    id,
    kinds: kinds.map((kind) => ({ kind })),
    attendance: attendeeIds.map((memberId) => ({ memberId, present: true })),
  };
  return row as RecordRow;
}

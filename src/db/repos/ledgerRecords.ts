// A period's records read whole, one row per record with its kinds and ticked attendees as lists:
// the facts /check and /summary judge (/stats' figures: periodFacts.ts). Written as steps (statements.ts)
// so that SQLite runs them on its direct path and a finished read can be kept (keptReads).
import { join, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { ActivityDetails } from "../../domain/activity.js";
import { isActivityKind, type ActivityKind } from "../../domain/kinds.js";
import type { ActivityFact, MemberParticipation } from "../../domain/tally/types.js";
import { query, type Steps } from "../statements.js";
import type { DatabaseKind } from "../url.js";
import { RECORD_TABLES } from "../recordTouches.js";

type Num = bigint | number | null;
export type Participation = MemberParticipation & { partyGroupId: number | null };
export const num = (v: Num | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * What a kept roster may change with: memberships and members, and the rows whose deletion reaches them
 * (ON DELETE CASCADE from a branch, SET NULL from a party group: no statement names Membership).
 */
export const ROSTER_TABLES = ["Membership", "Member", "PartyGroup", "Branch"] as const;

/** What the ledger's kept reads may change with: the records and the roster (whose deletions reach the records too). */
export const LEDGER_TABLES = [...RECORD_TABLES, ...ROSTER_TABLES] as const;

/** Raw DateTime values: Date, unix ms or text, depending on the adapter. */
export function isoOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v)).toISOString();
  const s = String(v);
  return new Date(/^\d+$/.test(s) ? Number(s) : s).toISOString();
}

export function parseDetails(text: string | null): ActivityDetails {
  try {
    const { absentees: _a, ...details } = JSON.parse(text ?? "{}") as ActivityDetails & { absentees?: unknown };
    return details;
  } catch {
    return {};
  }
}

/** A raw boolean column: true/false, or 1/0 from SQLite. */
export const isTrue = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "true";

/** How many people a 列席 entry names ("张三、李四（群众）" → 2). */
function countNames(text: string | null): number {
  if (!text?.trim()) return 0;
  return text.split(/[、，,;；\s]+/u).filter((p) => p.trim().length > 0).length;
}

/** SQL: the values of `column` in each group as one comma-separated text ("3,17,42"); null for none. */
const textList = (kind: DatabaseKind, column: Sql) =>
  kind === "postgresql" ? sql`string_agg(${column}, ',')` : sql`group_concat(${column}, ',')`;

/** "3,17,42" → ["3", "17", "42"]; [] for null or "". */
export const splitList = (text: unknown): string[] => (typeof text === "string" && text !== "" ? text.split(",") : []);

/**
 * SQL: each record's kinds and ticked attendees as lists (`a` is the Activity alias), so that a period is
 * one row per record: the nested findMany (a row per attendee, 80,000 on a 5,000-record year) took about
 * five times as long.
 */
export const listsOf = (kind: DatabaseKind) => sql`
  (SELECT ${textList(kind, sql`k.kind`)} FROM "ActivityKind" k WHERE k."activityId" = a.id) AS kinds,
  (SELECT ${textList(kind, sql`CAST(t."memberId" AS TEXT)`)} FROM "Attendance" t WHERE t."activityId" = a.id AND t."present") AS members`;

const kindsOf = (r: { kinds: unknown }) => splitList(r.kinds).sort().filter(isActivityKind);
const membersOf = (r: { members: unknown }) =>
  splitList(r.members)
    .map(Number)
    .sort((x, y) => x - y);

interface FactRow {
  id: Num;
  occurredAt: unknown;
  personal: unknown;
  reporterId: Num;
  personTimes: Num;
  presentCount: Num;
  expectedCount: Num;
  durationHours: Num;
  title: string | null;
  speaker: string | null;
  details: string | null;
  observers: string | null;
  voteKind: string | null;
  partyGroupId: Num;
  kinds: unknown;
  members: unknown;
}

/**
 * Live records of [start, end) as facts for the rules: kinds, who took part (ticked attendees), the
 * reporter, the vote, 列席 and the party group. Personal 自学 included (marked). Oldest first. `only`: just
 * those of these records (to bring kept facts up to date).
 */
export function* ruleFactsSteps(
  kind: DatabaseKind,
  branchId: number,
  start: Date,
  end: Date,
  onlyKind?: ActivityKind,
  only?: readonly number[],
): Steps<ActivityFact[]> {
  if (only?.length === 0) return [];
  const ofKind = onlyKind
    ? sql` AND EXISTS (SELECT 1 FROM "ActivityKind" ok WHERE ok."activityId" = a.id AND ok.kind = ${onlyKind})`
    : sql``;
  const some = only ? sql` AND a.id IN (${join(only)})` : sql``;
  const rows = yield* query<FactRow>(sql`
    SELECT a.id AS id, a."occurredAt" AS "occurredAt", a."personal" AS personal, a."reporterId" AS "reporterId",
      a."personTimes" AS "personTimes", a."presentCount" AS "presentCount", a."expectedCount" AS "expectedCount",
      a."durationHours" AS "durationHours", a.title AS title, a.speaker AS speaker, a.details AS details, a.observers AS observers,
      a."voteKind" AS "voteKind", a."partyGroupId" AS "partyGroupId", ${listsOf(kind)}
    FROM "Activity" a
    WHERE a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end}${ofKind}${some}
    ORDER BY a."occurredAt", a.id`);
  const nullable = (v: Num) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    id: num(r.id),
    kinds: kindsOf(r),
    occurredAt: isoOf(r.occurredAt),
    personTimes: num(r.personTimes),
    presentCount: nullable(r.presentCount),
    expectedCount: nullable(r.expectedCount),
    durationHours: nullable(r.durationHours),
    title: r.title,
    speaker: r.speaker,
    details: parseDetails(r.details),
    attendeeIds: membersOf(r),
    partyGroupId: nullable(r.partyGroupId),
    personal: isTrue(r.personal),
    reporterId: num(r.reporterId),
    vote: r.voteKind === "none" || r.voteKind === "vote" || r.voteKind === "election" ? r.voteKind : null,
    observerCount: countNames(r.observers),
  }));
}

// /stats' figures from one fact per record of the period: 次 and 人次 per kind, and each active member's
// events and 学时. The facts are kept record by record (keptReads' `facts`): after a report, only that
// record is read again, not the period's 5,000.
import { sqltag as sql, join } from "@prisma/client/runtime/client";
import { TAKES_ATTENDANCE } from "../../domain/attendance.js";
import { isActivityKind, type ActivityKind } from "../../domain/kinds.js";
import type { RuleSettings } from "../../domain/rules/settings.js";
import { studyHoursByMember, studyRecordOf, type StudyRecord } from "../../domain/rules/study.js";
import type { FactsSource } from "../keptReads.js";
import { query, type Steps } from "../statements.js";
import type { DatabaseKind } from "../url.js";
import type { PeriodTallies } from "./ledgerQueries.js";
import { isTrue, listsOf, num, parseDetails, splitList, type Participation } from "./ledgerRecords.js";

type Num = bigint | number | null;

/** What /stats reads of one live record. */
export interface PeriodFact {
  id: number;
  personal: boolean;
  presentCount: number | null;
  personTimes: number;
  /** Known kinds, in any order (events and 学时 only count them). */
  kinds: ActivityKind[];
  /** Whether it has a kind at all (the totals count such records). */
  hasKind: boolean;
  attendeeIds: number[];
  /** As the 学时 rule reads it. */
  study: StudyRecord;
}

interface PeriodFactRow {
  id: Num;
  personal: unknown;
  reporterId: Num;
  durationHours: Num;
  presentCount: Num;
  personTimes: Num;
  title: string | null;
  details: string | null;
  kinds: unknown;
  members: unknown;
}

/** The branch's live records (personal 自学 included) in [start, end), as facts. */
export function periodFactsSource(kind: DatabaseKind, branchId: number, start: Date, end: Date): FactsSource<PeriodFact> {
  function* read(only?: readonly number[]): Steps<PeriodFact[]> {
    if (only?.length === 0) return [];
    const some = only ? sql` AND a.id IN (${join(only)})` : sql``;
    // Only what the figures read (ruleFacts' other columns cost time on every record).
    const rows = yield* query<PeriodFactRow>(sql`
      SELECT a.id AS id, a."personal" AS personal, a."reporterId" AS "reporterId", a."durationHours" AS "durationHours",
        a."presentCount" AS "presentCount", a."personTimes" AS "personTimes", a.title AS title, a.details AS details, ${listsOf(kind)}
      FROM "Activity" a
      WHERE a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end}${some}`);
    return rows.map(factOf);
  }
  // Deleting a member takes its attendance; a branch, its records.
  return { tables: ["Member", "Branch"], all: () => read(), some: (ids) => read(ids) };
}

function factOf(r: PeriodFactRow): PeriodFact {
  const id = num(r.id);
  const allKinds = splitList(r.kinds);
  const kinds = allKinds.filter(isActivityKind);
  const attendeeIds = splitList(r.members).map(Number);
  const personal = isTrue(r.personal);
  const durationHours = r.durationHours === null ? null : Number(r.durationHours);
  // Only the tags are read: most records carry none, and their details need not be parsed.
  const details = r.details?.includes('"tags"') ? parseDetails(r.details) : {};
  return {
    id,
    personal,
    kinds,
    attendeeIds,
    hasKind: allKinds.length > 0,
    presentCount: r.presentCount === null ? null : Number(r.presentCount),
    personTimes: num(r.personTimes),
    study: studyRecordOf({ id, kinds, title: r.title, durationHours, personal, reporterId: num(r.reporterId), attendeeIds, details }),
  };
}

/** 次 and 人次 per kind of the branch events (not personal 自学); a two-kind event counts once in each kind, once in the total. */
export function periodTalliesOf(facts: readonly PeriodFact[]): PeriodTallies {
  const byKind = new Map<ActivityKind, { events: number; personTimes: number }>();
  const totals = { events: 0, personTimes: 0 };
  for (const f of facts) {
    if (f.personal || !f.hasKind) continue;
    totals.events += 1;
    totals.personTimes += f.personTimes;
    for (const kind of new Set(f.kinds)) {
      const t = byKind.get(kind) ?? { events: 0, personTimes: 0 };
      t.events += 1;
      t.personTimes += f.personTimes;
      byKind.set(kind, t);
    }
  }
  return { tallies: [...byKind].map(([kind, t]) => ({ kind, ...t })), totals };
}

/** An active member as /stats lists them. */
export type ListedMember = Omit<Participation, "events" | "hours">;

interface MemberNameRow {
  memberId: Num;
  name: string | null;
  username: string | null;
  telegramId: Num;
  groupId: Num;
}

/** The branch's active members. */
export function* activeMembersSteps(branchId: number): Steps<ListedMember[]> {
  const rows = yield* query<MemberNameRow>(sql`
    SELECT ms."memberId" AS "memberId", m.name AS name, m.username AS username, m."telegramId" AS "telegramId", ms."partyGroupId" AS "groupId"
    FROM "Membership" ms JOIN "Member" m ON m.id = ms."memberId"
    WHERE ms."branchId" = ${branchId} AND ms.status = 'active'`);
  return rows.map((r) => ({
    memberId: num(r.memberId),
    name: r.name ?? (r.username ? `@${r.username}` : `#${num(r.telegramId)}`),
    partyGroupId: r.groupId === null ? null : num(r.groupId),
  }));
}

/**
 * /stats per member: every active member's branch events taken part in (ticked present; as participation
 * counts them) and 学时 by the domain's one rule (studyHoursByMember, as /check and the .xlsx), sorted by
 * name; and the records without a participant list (kinds that take attendance, 实到 above those ticked).
 */
export function memberFiguresOf(
  facts: readonly PeriodFact[],
  listed: readonly ListedMember[],
  settings: RuleSettings,
): { members: Participation[]; unlisted: number } {
  const events = new Map<number, number>();
  for (const f of facts) if (!f.personal) for (const id of f.attendeeIds) events.set(id, (events.get(id) ?? 0) + 1);
  const hours = new Map(
    studyHoursByMember(
      facts.map((f) => f.study),
      listed,
      settings,
    ).map((h) => [h.memberId, h.hours]),
  );
  const unlisted = facts.filter(
    (f) => !f.personal && f.presentCount !== null && f.presentCount > f.attendeeIds.length && f.kinds.some((k) => TAKES_ATTENDANCE[k]),
  ).length;
  return {
    members: listed
      .map((m) => ({ ...m, events: events.get(m.memberId) ?? 0, hours: hours.get(m.memberId) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.memberId - b.memberId),
    unlisted,
  };
}

// Grouped queries behind /stats, /check and /summary: the database counts, TypeScript only shapes.
// Month boundaries are the branch's local midnights (built with @date-fns/tz), so months are
// zone- and DST-correct while each figure stays one grouped query. Live records only.
import { join, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { isActivityKind, KIND_GROUP, KIND_GROUPS, type ActivityKind } from "../../domain/kinds.js";
import { localDateOf, localMidnightUtc } from "../../domain/calendar/index.js";
import type { LocalDate } from "../../domain/activity.js";
import { storedLocalDate } from "../../domain/membership.js";
import { isRole } from "../../domain/roles.js";
import { complianceInputFromFacts } from "../../domain/rules/fromFacts.js";
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from "../../domain/rules/settings.js";
import { studyHoursByMember, studyRecordOf } from "../../domain/rules/study.js";
import type { ComplianceInput, KindMonthCount, MeetingAttendance, MemberStudyHours, PartyGroupRef, RosterPerson, YearMonth } from "../../domain/rules/types.js";
import type { ActivityFact, KindTally, TallyTotals } from "../../domain/tally/types.js";
import type { MonthlyGroupCounts } from "../../domain/tally/types.js";
import type { Prisma } from "../client.js";
import { keptReads, type KeptReads } from "../keptReads.js";
import { prismaRunner } from "../statements.js";
import type { DatabaseKind } from "../url.js";
import {
  isoOf, LEDGER_TABLES, num, parseDetails, ROSTER_TABLES, ruleFactsSteps, type Participation,
} from "./ledgerRecords.js";
import { activeMembersSteps, memberFiguresOf, periodFactsSource, periodTalliesOf } from "./periodFacts.js";
import { talkRoster } from "./roster.js";

type Num = bigint | number | null;


/** Facts in the order ruleFactsSteps reads them: by time, then id (ISO times compare as text). */
const oldestFirst = (facts: readonly ActivityFact[]): ActivityFact[] =>
  [...facts].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));

/** The 13 local-midnight instants that bound the months of `year` in `timeZone`. */
export function monthBounds(year: number, timeZone: string): Date[] {
  return Array.from({ length: 13 }, (_, i) => new Date(localMidnightUtc(year, i + 1, 1, timeZone)));
}

/** SQL: the month (1-12) an activity's occurredAt falls in, given the year's bounds. */
function monthCase(bounds: Date[]): Sql {
  const whens = bounds.slice(1, 12).map((b, i) => sql`WHEN a."occurredAt" < ${b} THEN ${i + 1}`);
  return sql`CASE ${join(whens, " ")} ELSE 12 END`;
}

const groupCase = sql`CASE k.kind ${join(
  Object.entries(KIND_GROUP).map(([kind, group]) => sql`WHEN ${kind} THEN ${group}`),
  " ",
)} ELSE 'other' END`;

/** Live branch events (not personal self-study) of the branch in [start, end); `a` is the Activity alias. */
const liveEvents = (branchId: number, start: Date, end: Date) =>
  sql`a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND NOT a."personal" AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end}`;

export interface PeriodTallies {
  tallies: KindTally[];
  totals: TallyTotals;
}

export interface RosterCounts {
  /** Active members, probationary included. */
  memberCount: number;
  /** Active full members (a vote at 党员大会). */
  votingMemberCount: number;
  /** Secretary and committee members (支委会 quorum). */
  committeeSize: number;
}

/** The database parts of a compliance check (the caller adds today and the settings). */
export type ComplianceData = Omit<ComplianceInput, "today" | "settings" | "since"> &
  Required<Pick<ComplianceInput, "year" | "counts" | "partyGroups" | "meetings" | "talks" | "roster" | "studyHours">> &
  RosterCounts & {
    /** The local month the branch was created in (it keeps its ledger from then on); null for an unknown branch. */
    since: YearMonth | null;
  };

/** `kept`: where the large reads are kept (on PostgreSQL, and by default, nowhere: read every time). */
export function ledgerQueriesRepo(prisma: Prisma, kind: DatabaseKind = "sqlite", kept: KeptReads = keptReads(prismaRunner(prisma), undefined)) {
  const repo = {
    /** 次 and 人次 per kind, and distinct-event totals (a two-kind event counts once in each kind, once in the total). */
    async periodTallies(branchId: number, start: Date, end: Date): Promise<PeriodTallies> {
      // The period's facts kept record by record (keptReads); each caller gets its own rows.
      const { tallies, totals } = await kept.facts(`periodFacts:${branchId}:${start.getTime()}:${end.getTime()}`, periodFactsSource(kind, branchId, start, end), {
        key: "tallies",
        of: periodTalliesOf,
      });
      return { tallies: tallies.map((t) => ({ ...t })), totals: { ...totals } };
    },

    /** Events per local month and kind of a year; 党小组会 rows carry the group that held them (named on the record). */
    async monthlyKindCounts(branchId: number, year: number, timeZone: string): Promise<KindMonthCount[]> {
      const b = monthBounds(year, timeZone);
      const rows = await prisma.$queryRaw<{ month: Num; kind: string; groupId: Num; count: Num }[]>`
        SELECT ${monthCase(b)} AS month, k.kind AS kind,
          CASE WHEN k.kind = 'group_meeting' THEN a."partyGroupId" END AS "groupId", COUNT(*) AS count
        FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId"
        WHERE ${liveEvents(branchId, b[0]!, b[12]!)}
        GROUP BY 1, 2, 3`;
      return rows.filter((r) => isActivityKind(r.kind)).map((r) => ({
        month: num(r.month),
        kind: r.kind as ActivityKind,
        count: num(r.count),
        ...(r.kind === "group_meeting" ? { partyGroupId: r.groupId === null ? null : num(r.groupId) } : {}),
      }));
    },

    /** Distinct events per local month and summary group (for the chart); 12 entries. */
    async monthlyGroupCounts(branchId: number, year: number, timeZone: string): Promise<MonthlyGroupCounts[]> {
      const b = monthBounds(year, timeZone);
      const rows = await prisma.$queryRaw<{ month: Num; grp: string; count: Num }[]>`
        SELECT ${monthCase(b)} AS month, ${groupCase} AS grp, COUNT(DISTINCT a.id) AS count
        FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId"
        WHERE ${liveEvents(branchId, b[0]!, b[12]!)}
        GROUP BY 1, 2`;
      const months: MonthlyGroupCounts[] = Array.from({ length: 12 }, (_, i) => ({
        month: i + 1, political: 0, organisation: 0, business: 0, integrity: 0, other: 0,
      }));
      for (const r of rows) {
        const slot = months[num(r.month) - 1];
        const group = KIND_GROUPS.find((g) => g === r.grp);
        if (slot && group) slot[group] += num(r.count);
      }
      return months;
    },

    /** Branch events the member took part in, per local month of the year (12 numbers). */
    async ownMonthly(branchId: number, memberId: number, year: number, timeZone: string): Promise<number[]> {
      const b = monthBounds(year, timeZone);
      const rows = await prisma.$queryRaw<{ month: Num; count: Num }[]>`
        SELECT ${monthCase(b)} AS month, COUNT(*) AS count
        FROM "Attendance" t JOIN "Activity" a ON a.id = t."activityId"
        WHERE t."memberId" = ${memberId} AND t."present" AND ${liveEvents(branchId, b[0]!, b[12]!)}
        GROUP BY 1`;
      const out = new Array<number>(12).fill(0);
      for (const r of rows) out[num(r.month) - 1] = num(r.count);
      return out;
    },

    /** /stats per member (memberFiguresOf): the period's facts and the active members, each kept (keptReads). */
    async memberFigures(
      branchId: number, start: Date, end: Date, settings: RuleSettings = DEFAULT_RULE_SETTINGS,
    ): Promise<{ members: Participation[]; unlisted: number }> {
      const listed = await kept.read(`activeMembers:${branchId}`, ROSTER_TABLES, () => activeMembersSteps(branchId));
      const { members, unlisted } = await kept.facts(`periodFacts:${branchId}:${start.getTime()}:${end.getTime()}`, periodFactsSource(kind, branchId, start, end), {
        key: `figures:${JSON.stringify(settings)}`,
        input: listed,
        of: (facts) => memberFiguresOf(facts, listed, settings),
      });
      return { members: members.map((m) => ({ ...m })), unlisted };
    },

    /** 支委会 and 党员大会 with 应到/实到, for the quorum check. */
    async meetings(branchId: number, start: Date, end: Date, timeZone: string): Promise<MeetingAttendance[]> {
      const rows = await prisma.$queryRaw<
        { id: Num; kind: string; occurredAt: unknown; title: string | null; expected: Num; present: Num }[]
      >`
        SELECT a.id AS id, k.kind AS kind, a."occurredAt" AS "occurredAt", a.title AS title,
          a."expectedCount" AS expected, a."presentCount" AS present
        FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId"
        WHERE k.kind IN ('branch_committee', 'general_assembly') AND ${liveEvents(branchId, start, end)}
        ORDER BY a."occurredAt", a.id`;
      return rows.map((r) => ({
        id: num(r.id),
        kind: r.kind as ActivityKind,
        date: localDateOf(isoOf(r.occurredAt), timeZone),
        title: r.title,
        expected: r.expected === null ? null : num(r.expected),
        present: r.present === null ? null : num(r.present),
      }));
    },

    /** 谈心谈话 records and the pair labels they name ("书记–委员" …). */
    async talkPairs(branchId: number, start: Date, end: Date): Promise<{ events: number; pairs: string[] }> {
      const rows = await prisma.$queryRaw<{ details: string | null }[]>`
        SELECT a.details AS details FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId"
        WHERE k.kind = 'talk' AND ${liveEvents(branchId, start, end)}`;
      return { events: rows.length, pairs: rows.flatMap((r) => parseDetails(r.details).talkPairs ?? []) };
    },

    /** Active members, full members and committee size, in one grouped query. */
    async roster(branchId: number): Promise<RosterCounts> {
      const [row] = await prisma.$queryRaw<{ members: Num; voting: Num; committee: Num }[]>`
        SELECT COUNT(*) AS members, SUM(CASE WHEN ms.probationary THEN 0 ELSE 1 END) AS voting,
          SUM(CASE WHEN ms.role IN ('secretary', 'committee') THEN 1 ELSE 0 END) AS committee
        FROM "Membership" ms WHERE ms."branchId" = ${branchId} AND ms.status = 'active'`;
      return { memberCount: num(row?.members), votingMemberCount: num(row?.voting), committeeSize: num(row?.committee) };
    },

    async partyGroups(branchId: number): Promise<PartyGroupRef[]> {
      return prisma.partyGroup.findMany({ where: { branchId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    },

    /** The local month (in `timeZone`) the branch was created in, or null when there is no such branch. */
    async branchSince(branchId: number, timeZone: string): Promise<YearMonth | null> {
      const branch = await prisma.branch.findUnique({ where: { id: branchId }, select: { createdAt: true } });
      if (!branch) return null;
      const { year, month } = localDateOf(branch.createdAt.toISOString(), timeZone);
      return { year, month };
    },

    /** Active members with ids, names, roles and whether probationary (per-person rules). */
    async people(branchId: number): Promise<RosterPerson[]> {
      const rows = await prisma.membership.findMany({
        where: { branchId, status: "active" },
        select: { memberId: true, role: true, probationary: true, fullMemberSince: true, member: { select: { name: true, username: true, telegramId: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({
        memberId: r.memberId,
        name: r.member.name ?? (r.member.username ? `@${r.member.username}` : `#${r.member.telegramId}`),
        role: isRole(r.role) ? r.role : "member",
        probationary: r.probationary,
        fullMemberSince: storedLocalDate(r.fullMemberSince),
      }));
    },

    /**
     * Live records of [start, end) as facts for the rules (ruleFactsSteps), oldest first. Kept record by
     * record (keptReads' facts): the array is the caller's, its facts are shared and not to be changed.
     */
    async ruleFacts(branchId: number, start: Date, end: Date, onlyKind?: ActivityKind): Promise<ActivityFact[]> {
      const key = `ruleFacts:${branchId}:${start.getTime()}:${end.getTime()}:${onlyKind ?? ""}`;
      const source = {
        // A deleted party group empties a record's partyGroupId (SET NULL): no statement names Activity.
        tables: ["Member", "Branch", "PartyGroup"],
        all: () => ruleFactsSteps(kind, branchId, start, end, onlyKind),
        some: (ids: readonly number[]) => ruleFactsSteps(kind, branchId, start, end, onlyKind, ids),
      };
      return [...(await kept.facts(key, source, { key: "oldest first", of: oldestFirst }))];
    },

    /** 学时 of the active members over [start, end), by the domain's one rule (studyHoursByMember), in roster order. */
    async studyHours(branchId: number, start: Date, end: Date, settings: RuleSettings = DEFAULT_RULE_SETTINGS): Promise<MemberStudyHours[]> {
      const [facts, people] = [await repo.ruleFacts(branchId, start, end), await repo.people(branchId)];
      return studyHoursByMember(facts.map(studyRecordOf), people, settings);
    },

    /** The last election (选举) held by a 党员大会 before `end`, as a local date. */
    async lastElection(branchId: number, end: Date, timeZone: string): Promise<LocalDate | null> {
      const row = await prisma.activity.findFirst({
        where: { branchId, deletedAt: null, personal: false, voteKind: "election", occurredAt: { lt: end }, kinds: { some: { kind: "general_assembly" } } },
        select: { occurredAt: true },
        orderBy: { occurredAt: "desc" },
      });
      return row ? localDateOf(row.occurredAt.toISOString(), timeZone) : null;
    },

    /**
     * Everything /check needs from the database for a year in the branch's time zone: the year's records
     * (and the next year's 组织生活会, which may cover this one) through complianceInputFromFacts. `yearFacts`:
     * the year's ruleFacts when the caller has already loaded them (/summary), else they are loaded here.
     * Kept until a LEDGER_TABLES write (keptReads): then the year's records are read inside, since ones
     * read before the change stamp might be older than it.
     */
    async complianceData(
      branchId: number, year: number, timeZone: string, settings: RuleSettings = DEFAULT_RULE_SETTINGS, yearFacts?: readonly ActivityFact[],
    ): Promise<ComplianceData> {
      if (!kept.keeps) return readComplianceData(branchId, year, timeZone, settings, yearFacts);
      const key = `complianceData:${branchId}:${year}:${timeZone}:${JSON.stringify(settings)}`;
      return { ...(await kept.keep(key, LEDGER_TABLES, () => readComplianceData(branchId, year, timeZone, settings))) };
    },
  };

  async function readComplianceData(
    branchId: number, year: number, timeZone: string, settings: RuleSettings, yearFacts?: readonly ActivityFact[],
  ): Promise<ComplianceData> {
    const b = monthBounds(year, timeZone);
    const next = monthBounds(year + 1, timeZone);
    const [start, end] = [b[0]!, b[12]!];
    const facts = yearFacts ?? (await repo.ruleFacts(branchId, start, end));
    const following = await repo.ruleFacts(branchId, end, next[12]!, "org_life_meeting");
    const people = await repo.people(branchId);
    const partyGroups = await repo.partyGroups(branchId);
    const counts = await repo.roster(branchId);
    const input = complianceInputFromFacts({
      year, today: { year, month: 1, day: 1 }, timeZone, facts: [...facts, ...following], settings, people, partyGroups, ...counts,
    });
    const [since, roster, lastElection] = [await repo.branchSince(branchId, timeZone), await talkRoster(prisma, branchId), await repo.lastElection(branchId, end, timeZone)];
    return {
      ...input, year, partyGroups, roster, since, lastElection, ...counts,
      counts: input.counts, meetings: input.meetings ?? [], talks: input.talks ?? { events: 0, pairs: [] }, studyHours: input.studyHours ?? [],
    };
  }
  return repo;
}

export type LedgerQueriesRepo = ReturnType<typeof ledgerQueriesRepo>;

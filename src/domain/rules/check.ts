// Compliance of a branch's year against its rule settings. Only periods already begun are judged.
import type { LocalDate } from "../activity.js";
import type { RuleSettings } from "./settings.js";
import { monthKey, monthsOfQuarter, quarterKey, quarterOfMonth, type Quarter } from "../calendar/index.js";
import { DEFAULT_RULE_SETTINGS, SCHEDULED_KINDS, type Frequency, type ScheduledKind } from "./settings.js";
import { requiredStudyHours } from "./study.js";
import { talkCoverage } from "./talkCoverage.js";
import { TALK_CATEGORIES, talkCategoriesOf } from "./talks.js";
import type {
  ComplianceInput,
  ComplianceItem,
  ComplianceReport,
  ComplianceStatus,
  KindMonthCount,
  YearMonth,
} from "./types.js";

type PeriodState = "ended" | "current" | "future";

function monthState(year: number, month: number, today: LocalDate): PeriodState {
  if (year !== today.year) return year < today.year ? "ended" : "future";
  return month < today.month ? "ended" : month === today.month ? "current" : "future";
}

function quarterState(year: number, quarter: Quarter, today: LocalDate): PeriodState {
  if (year !== today.year) return year < today.year ? "ended" : "future";
  const current = quarterOfMonth(today.month);
  return quarter < current ? "ended" : quarter === current ? "current" : "future";
}

function yearState(year: number, today: LocalDate): PeriodState {
  return year < today.year ? "ended" : year === today.year ? "current" : "future";
}

function statusOf(count: number, required: number, state: PeriodState): ComplianceStatus {
  if (count >= required) return "done";
  return state === "ended" ? "missing" : "in_progress";
}

interface Window {
  period: string;
  state: PeriodState;
  months: number[];
}

/** Whether the ledger began after January of `year` (so some or all of the year is not judged). */
function limits(year: number, since: YearMonth | null | undefined): since is YearMonth {
  return !!since && (since.year > year || (since.year === year && since.month > 1));
}

/** The periods of a year at a frequency, with their state; future ones and those ended before `since` left out. */
function windows(year: number, frequency: Frequency, today: LocalDate, since?: YearMonth | null): Window[] {
  const all: Window[] = [];
  if (frequency === "monthly") {
    for (let m = 1; m <= 12; m++) all.push({ period: monthKey(year, m), state: monthState(year, m, today), months: [m] });
  } else if (frequency === "quarterly") {
    for (const q of [1, 2, 3, 4] as const) {
      all.push({ period: quarterKey(year, q), state: quarterState(year, q, today), months: monthsOfQuarter(q) });
    }
  } else if (frequency === "yearly") {
    all.push({ period: String(year), state: yearState(year, today), months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  }
  const first = limits(year, since) ? (since.year > year ? 13 : since.month) : 1;
  return all.filter((w) => w.state !== "future" && Math.max(...w.months) >= first);
}

function countIn(rows: readonly KindMonthCount[], kind: ScheduledKind, months: number[], groupId?: number): number {
  return rows
    .filter((r) => r.kind === kind && months.includes(r.month) && (groupId === undefined || r.partyGroupId === groupId))
    .reduce((n, r) => n + r.count, 0);
}

/** 正式党员 7 or more: the branch has a 支部委员会 (支部工作条例第六章), unless the branch sets it. */
export function hasCommittee(settings: RuleSettings, votingMemberCount: number | null | undefined): boolean {
  if (settings.committee !== "auto") return settings.committee === "yes";
  return votingMemberCount === null || votingMemberCount === undefined || votingMemberCount >= 7;
}

/**
 * 组织生活会 by the year it covers (所属年度): a 2022年度 meeting held in January 2023 counts for 2022.
 * The covered year stays open until the end of January after it.
 */
function orgLifeItems(input: ComplianceInput, settings: RuleSettings): ComplianceItem[] | null {
  if (!input.orgLifeMeetings || settings.frequency.org_life_meeting !== "yearly") return null;
  const state = yearState(input.year, input.today);
  if (state === "future") return [];
  const count = input.orgLifeMeetings.filter((m) => m.coversYear === input.year).length;
  const graceOver = input.today.year > input.year + 1 || (input.today.year === input.year + 1 && input.today.month > 1);
  const status: ComplianceStatus = count >= 1 ? "done" : graceOver ? "missing" : "in_progress";
  return [{ rule: "org_life_meeting", period: String(input.year), status, count, required: 1 }];
}

function scheduledItems(input: ComplianceInput, kind: ScheduledKind): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const frequency = settings.frequency[kind];
  if (frequency === "off") return [];
  if (kind === "branch_committee" && !hasCommittee(settings, input.votingMemberCount)) return [];
  if (kind === "org_life_meeting") {
    const byCoveredYear = orgLifeItems(input, settings);
    if (byCoveredYear) return byCoveredYear;
  }
  const ws = windows(input.year, frequency, input.today, input.since);
  const item = (w: Window, count: number, subject?: { id: number; name: string }): ComplianceItem => ({
    rule: kind,
    period: w.period,
    status: statusOf(count, 1, w.state),
    count,
    required: 1,
    ...(subject ? { subject } : {}),
  });
  if (kind === "group_meeting") {
    const groups = input.partyGroups ?? [];
    if (groups.length === 0) return []; // a branch without party groups holds no 党小组会
    if (settings.groupMeetingPerGroup) {
      return groups.flatMap((g) => ws.map((w) => item(w, countIn(input.counts, kind, w.months, g.id), g)));
    }
  }
  return ws.map((w) => item(w, countIn(input.counts, kind, w.months)));
}

/**
 * 支委会: more than half of the committee present (支部工作条例第十二条). 党员大会, when something was put to
 * a vote: more than half of the members with a vote present (第十一条); an election: more than four fifths
 * of those due (基层组织选举工作条例). 预备党员 and 列席 have no vote: 实到 less 列席 is an upper bound
 * when attendees were not ticked one by one, so a meeting is flagged only when even that bound fails.
 */
function quorumItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const committee = hasCommittee(settings, input.votingMemberCount);
  const items: ComplianceItem[] = [];
  for (const m of input.meetings ?? []) {
    if (m.date.year !== input.year) continue;
    let base: number | null | undefined;
    let present: number | null;
    let bound = false;
    let quorumFor: "committee" | "vote" | "election";
    if (m.kind === "branch_committee") {
      if (!settings.quorum.branch_committee || !committee) continue;
      base = m.expected ?? input.committeeSize;
      present = m.present;
      quorumFor = "committee";
    } else if (m.kind === "general_assembly") {
      if (!settings.quorum.general_assembly || (m.vote !== "vote" && m.vote !== "election")) continue;
      quorumFor = m.vote;
      base = m.votingMembers ?? input.votingMemberCount ?? m.expected;
      if (m.votingPresent !== null && m.votingPresent !== undefined) present = m.votingPresent;
      else {
        present = m.present === null ? null : Math.max(0, m.present - (m.observers ?? 0));
        bound = true;
      }
    } else continue;
    if (base === null || base === undefined || base <= 0 || present === null) continue; // nothing to judge
    const enough = quorumFor === "election" ? present * 5 > base * 4 : present * 2 > base;
    if (enough) continue;
    items.push({
      rule: "quorum",
      period: monthKey(m.date.year, m.date.month),
      status: "warning",
      count: present,
      required: base,
      detail: { meetingId: m.id, kind: m.kind, date: m.date, title: m.title ?? null, present, base, quorumFor, ...(bound ? { bound } : {}) },
    });
  }
  return items.sort((a, b) => a.period.localeCompare(b.period) || (a.detail?.date?.day ?? 0) - (b.detail?.date?.day ?? 0));
}

function talkItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const state = yearState(input.year, input.today);
  if (!settings.talkPairsYearly || state === "future") return [];
  if (input.people && input.talkRecords) return []; // judged per person instead (talkCoverageItems)
  const talks = input.talks ?? { events: 0, pairs: [] };
  const found = talkCategoriesOf(talks.pairs, input.roster ?? []);
  const missing = TALK_CATEGORIES.filter((c) => !found.has(c));
  let status: ComplianceStatus;
  if (missing.length === 0 && talks.events > 0) status = "done";
  else if (state === "current") status = "in_progress";
  else status = talks.events > 0 ? "warning" : "missing";
  return [
    {
      rule: "talk_pairs",
      period: String(input.year),
      status,
      count: talks.events,
      required: TALK_CATEGORIES.length,
      detail: { missingTalkCategories: missing },
    },
  ];
}

/** 学时 per member: 56 for 书记 and 支委, 32 for the others (党员教育管理工作条例); 自学 shown apart. */
function studyItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const state = yearState(input.year, input.today);
  if (settings.studyHoursPerYear <= 0 || state === "future") return [];
  return (input.studyHours ?? []).map((m) => {
    const hours = Math.round(m.hours * 10) / 10;
    const required = requiredStudyHours(m.role, settings);
    return {
      rule: "study_hours" as const,
      period: String(input.year),
      status: statusOf(hours, required, state),
      count: hours,
      required,
      subject: { id: m.memberId, name: m.name },
      detail: { ...(m.role ? { role: m.role } : {}), ...(m.selfStudyHours ? { selfStudyHours: m.selfStudyHours } : {}) },
    };
  });
}

/** 谈心谈话 per person, when the year's talk records name their members. */
function talkCoverageItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const state = yearState(input.year, input.today);
  if (!settings.talkPairsYearly || state === "future" || !input.people || !input.talkRecords) return [];
  const coverage = talkCoverage(input.people, input.talkRecords);
  const items: ComplianceItem[] = [];
  const push = (side: "secretary" | "committee" | "member", missing: readonly { name: string }[] | null) => {
    if (missing === null) return;
    const status: ComplianceStatus = missing.length === 0 ? "done" : state === "current" ? "in_progress" : "missing";
    items.push({ rule: "talk_coverage", period: String(input.year), status, count: missing.length, required: 0, detail: { coverage: side, people: missing.map((p) => p.name) } });
  };
  if (input.people.some((p) => p.role === "secretary")) push("secretary", coverage.secretary);
  push("committee", coverage.committee);
  push("member", coverage.member);
  return items;
}

/** A 书记's name without 同志 and the like, for matching a 党课's speaker. */
const bare = (name: string) => name.normalize("NFKC").replace(/\s+/g, "").replace(/(?:同志|支部书记|书记)$/u, "");

/** The 书记 gives at least one 党课 a year (党员教育管理工作条例). */
function secretaryLectureItems(input: ComplianceInput): ComplianceItem[] {
  const state = yearState(input.year, input.today);
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const secretary = input.people?.find((p) => p.role === "secretary");
  if (!secretary || !input.lectureSpeakers || state === "future" || settings.frequency.party_lecture === "off") return [];
  const name = bare(secretary.name);
  const surname = name.slice(0, 1);
  const given = input.lectureSpeakers.filter((s) => {
    if (!s) return false;
    const raw = s.normalize("NFKC").replace(/\s+/g, "");
    const b = bare(s);
    return b === name || raw === "书记" || raw === "支部书记" || (raw.endsWith("书记") && b === surname);
  }).length;
  return [{ rule: "secretary_lecture", period: String(input.year), status: statusOf(given, 1, state), count: given, required: 1, subject: { id: secretary.memberId, name: secretary.name } }];
}

/** 换届: the term (3 years by default; 村、社区 5) runs from the last election on record. */
function termItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const last = input.lastElection;
  if (!last || settings.termYears <= 0 || yearState(input.year, input.today) === "future") return [];
  const termEnds = { year: last.year + settings.termYears, month: last.month, day: last.day };
  if (termEnds.year > input.year) return [];
  const t = input.today;
  const due = termEnds.year < t.year || (termEnds.year === t.year && (termEnds.month < t.month || (termEnds.month === t.month && termEnds.day <= t.day)));
  return [{ rule: "term", period: String(input.year), status: due ? "missing" : "warning", count: 0, required: 1, detail: { lastElection: last, termEnds } }];
}

/**
 * Checks a year: scheduled meetings by month/quarter/year, quorum, 谈心谈话 pairs and 学时 per member.
 * Nothing before the branch's ledger began (`since`) is judged; a year before it not at all.
 */
export function checkCompliance(input: ComplianceInput): ComplianceReport {
  const scope = yearState(input.year, input.today);
  const since = limits(input.year, input.since) ? input.since : undefined;
  const items: ComplianceItem[] =
    scope === "future" || (since && since.year > input.year)
      ? []
      : [
          ...SCHEDULED_KINDS.flatMap((k) => scheduledItems(input, k)),
          ...secretaryLectureItems(input),
          ...quorumItems(input),
          ...talkItems(input),
          ...talkCoverageItems(input),
          ...studyItems(input),
          ...termItems(input),
        ];
  const tally: Record<ComplianceStatus, number> = { done: 0, missing: 0, in_progress: 0, warning: 0 };
  for (const i of items) tally[i.status] += 1;
  return {
    year: input.year,
    asOf: input.today,
    scope: scope === "ended" ? "past" : scope,
    ...(since ? { since: { year: since.year, month: since.month } } : {}),
    items,
    tally,
    hasCommittee: hasCommittee(input.settings ?? DEFAULT_RULE_SETTINGS, input.votingMemberCount),
  };
}

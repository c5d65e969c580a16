// Compliance of a branch's year against its rule settings. Only periods already begun are judged.
import type { LocalDate } from "../activity.js";
import { monthKey, monthsOfQuarter, quarterKey, quarterOfMonth, type Quarter } from "../calendar/index.js";
import { DEFAULT_RULE_SETTINGS, SCHEDULED_KINDS, type Frequency, type ScheduledKind } from "./settings.js";
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

function scheduledItems(input: ComplianceInput, kind: ScheduledKind): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const frequency = settings.frequency[kind];
  if (frequency === "off") return [];
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

function quorumItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const items: ComplianceItem[] = [];
  for (const m of input.meetings ?? []) {
    if (m.date.year !== input.year) continue;
    let fallback: number | null | undefined;
    if (m.kind === "branch_committee" && settings.quorum.branch_committee) fallback = input.committeeSize;
    else if (m.kind === "general_assembly" && settings.quorum.general_assembly) fallback = input.votingMemberCount;
    else continue;
    const base = m.expected ?? fallback ?? null;
    if (base === null || base <= 0 || m.present === null) continue; // nothing to judge: ask for the figures elsewhere
    if (m.present * 2 > base) continue;
    items.push({
      rule: "quorum",
      period: monthKey(m.date.year, m.date.month),
      status: "warning",
      count: m.present,
      required: base,
      detail: { meetingId: m.id, kind: m.kind, date: m.date, title: m.title ?? null, present: m.present, base },
    });
  }
  return items.sort((a, b) => a.period.localeCompare(b.period) || (a.detail?.date?.day ?? 0) - (b.detail?.date?.day ?? 0));
}

function talkItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const state = yearState(input.year, input.today);
  if (!settings.talkPairsYearly || state === "future") return [];
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

function studyItems(input: ComplianceInput): ComplianceItem[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  const required = settings.studyHoursPerYear;
  const state = yearState(input.year, input.today);
  if (required <= 0 || state === "future") return [];
  return (input.studyHours ?? []).map((m) => {
    const hours = Math.round(m.hours * 10) / 10;
    return {
      rule: "study_hours" as const,
      period: String(input.year),
      status: statusOf(hours, required, state),
      count: hours,
      required,
      subject: { id: m.memberId, name: m.name },
    };
  });
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
          ...quorumItems(input),
          ...talkItems(input),
          ...studyItems(input),
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
  };
}

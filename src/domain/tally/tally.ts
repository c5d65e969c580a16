// Pure functions that count and organise tallies for display.
import { ACTIVITY_KINDS, KIND_GROUP, KIND_GROUPS, type ActivityKind } from "../kinds.js";
import { DEFAULT_STUDY_KINDS } from "../rules/settings.js";
import type {
  ActivityFact,
  GroupTallies,
  KindTally,
  MemberParticipation,
  MemberRef,
  OrganisedTallies,
  TallyTotals,
} from "./types.js";

const KNOWN_KINDS: ReadonlySet<ActivityKind> = new Set(ACTIVITY_KINDS);

/** The distinct kinds of a fact, in canonical order (a kind listed twice counts once). */
export function distinctKinds(kinds: readonly ActivityKind[]): ActivityKind[] {
  // Most records carry one kind: no set to build for them (a year's summary asks thousands of times).
  if (kinds.length === 1) {
    const [only] = kinds;
    return only !== undefined && KNOWN_KINDS.has(only) ? [only] : [];
  }
  const set = new Set(kinds);
  return ACTIVITY_KINDS.filter((k) => set.has(k));
}

/** 次 and 人次 per kind: one event with several kinds counts once in each kind, never twice in one kind. */
export function tallyFacts(facts: readonly ActivityFact[]): KindTally[] {
  const byKind = new Map<ActivityKind, KindTally>();
  const seen = new Set<string>();
  for (const fact of facts) {
    for (const kind of distinctKinds(fact.kinds)) {
      const key = `${fact.id}:${kind}`;
      if (seen.has(key)) continue; // the same row passed twice
      seen.add(key);
      const row = byKind.get(kind) ?? { kind, events: 0, personTimes: 0 };
      row.events += 1;
      row.personTimes += fact.personTimes;
      byKind.set(kind, row);
    }
  }
  return ACTIVITY_KINDS.flatMap((k) => {
    const row = byKind.get(k);
    return row ? [row] : [];
  });
}

/** Distinct events and their person-times (an event with several kinds counts once). */
export function totalsOfFacts(facts: readonly ActivityFact[]): TallyTotals {
  const byId = new Map<number, ActivityFact>();
  for (const f of facts) if (f.kinds.length > 0) byId.set(f.id, f);
  let personTimes = 0;
  for (const f of byId.values()) personTimes += f.personTimes;
  return { events: byId.size, personTimes };
}

/** Merges rows for the same kind (e.g. from several queries) by adding them up. */
export function mergeTallies(...lists: readonly (readonly KindTally[])[]): KindTally[] {
  const byKind = new Map<ActivityKind, KindTally>();
  for (const list of lists) {
    for (const t of list) {
      const row = byKind.get(t.kind) ?? { kind: t.kind, events: 0, personTimes: 0 };
      row.events += t.events;
      row.personTimes += t.personTimes;
      byKind.set(t.kind, row);
    }
  }
  return ACTIVITY_KINDS.flatMap((k) => {
    const row = byKind.get(k);
    return row ? [row] : [];
  });
}

export function tallyOf(tallies: readonly KindTally[], kind: ActivityKind): KindTally {
  const found = tallies.filter((t) => t.kind === kind);
  return {
    kind,
    events: found.reduce((n, t) => n + t.events, 0),
    personTimes: found.reduce((n, t) => n + t.personTimes, 0),
  };
}

/**
 * Groups per-kind tallies by KindGroup in summary order (political, organisation, business, integrity, other).
 * `totals` are the distinct-event totals (summing kinds would count a two-kind event twice).
 */
export function organiseTallies(
  tallies: readonly KindTally[],
  totals: TallyTotals,
  options: { includeZero?: boolean } = {},
): OrganisedTallies {
  const merged = mergeTallies(tallies);
  const groups: GroupTallies[] = [];
  for (const group of KIND_GROUPS) {
    const kinds = ACTIVITY_KINDS.filter((k) => KIND_GROUP[k] === group)
      .map((k) => merged.find((t) => t.kind === k) ?? { kind: k, events: 0, personTimes: 0 })
      .filter((t) => options.includeZero || t.events > 0 || t.personTimes > 0);
    if (kinds.length > 0) groups.push({ group, kinds });
  }
  return { groups, totals };
}

/**
 * Participation per member from facts, sorted by name. Hours are 学时: those of attended events that carry
 * one of `studyKinds`, and of personal self-study records whatever their kind.
 */
export function participationFromFacts(
  facts: readonly ActivityFact[],
  members: readonly MemberRef[],
  studyKinds: readonly ActivityKind[] = DEFAULT_STUDY_KINDS,
): MemberParticipation[] {
  const rows = new Map<number, MemberParticipation>(
    members.map((m) => [m.memberId, { memberId: m.memberId, name: m.name, events: 0, hours: 0 }]),
  );
  const seen = new Set<number>();
  for (const fact of facts) {
    if (seen.has(fact.id)) continue;
    seen.add(fact.id);
    const study = fact.personal === true || fact.kinds.some((k) => studyKinds.includes(k));
    for (const id of new Set(fact.attendeeIds)) {
      const row = rows.get(id);
      if (!row) continue;
      row.events += 1;
      if (study) row.hours += fact.durationHours ?? 0;
    }
  }
  return sortByName([...rows.values()]);
}

/**
 * Members who took part in nothing over the period ("who has not attended anything this quarter").
 * Members missing from `participation` count as not having attended. Sorted by name, no ranking.
 */
export function membersWithoutAttendance(
  members: readonly MemberRef[],
  participation: readonly MemberParticipation[],
): MemberRef[] {
  const attended = new Set(participation.filter((p) => p.events > 0).map((p) => p.memberId));
  return sortByName(members.filter((m) => !attended.has(m.memberId)));
}

function sortByName<T extends { name: string; memberId: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.memberId - b.memberId);
}

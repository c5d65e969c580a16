// Builds the compliance input from in-memory activity rows (when the caller has facts rather than grouped counts).
import type { LocalDate } from "../activity.js";
import { compareLocalDate, localDateOf } from "../calendar/index.js";
import { distinctKinds } from "../tally/tally.js";
import type { ActivityFact, MemberRef } from "../tally/types.js";
import type { RuleSettings } from "./settings.js";
import { DEFAULT_RULE_SETTINGS } from "./settings.js";
import { studyHoursByMember, studyRecordOf } from "./study.js";
import { talkParticipantsAmong } from "./talkCoverage.js";
import type { ComplianceInput, KindMonthCount, MeetingAttendance, OrgLifeMeeting, PartyGroupRef, RosterPerson, YearMonth } from "./types.js";

export interface ComplianceFactsInput {
  year: number;
  today: LocalDate;
  timeZone: string;
  /** The year's facts; 组织生活会 of the following year may be included (a 2022年度 meeting held in January 2023). */
  facts: readonly ActivityFact[];
  settings?: RuleSettings;
  /** The month the branch began keeping its ledger; earlier periods are not judged. */
  since?: YearMonth | null;
  partyGroups?: readonly PartyGroupRef[];
  /** Members whose 学时 are checked (personal study facts must list the member in attendeeIds). */
  members?: readonly MemberRef[];
  /** The roster with roles: 学时 by role (32/56), 谈心谈话 per person, the 书记's 党课. Takes precedence over members. */
  people?: readonly RosterPerson[];
  committeeSize?: number | null;
  votingMemberCount?: number | null;
  memberCount?: number | null;
}

/** The year a 组织生活会 covers: the one it states (2022年度), else the year it was held. */
export function coveredYear(fact: Pick<ActivityFact, "details">, heldYear: number): number {
  const stated = fact.details.coversYear;
  return typeof stated === "number" && Number.isInteger(stated) ? stated : heldYear;
}

/** Counts per local month and kind (党小组会 also per group), meetings for quorum, talks and 学时. */
export function complianceInputFromFacts(input: ComplianceFactsInput): ComplianceInput {
  const all = dedupe(input.facts);
  // Each record's local date, placed once (the year's filter and its month both read it).
  const dates = new Map(all.map((f) => [f, localDateOf(f.occurredAt, input.timeZone)]));
  const dateOf = (f: ActivityFact): LocalDate => dates.get(f) ?? localDateOf(f.occurredAt, input.timeZone);
  const inYear = all.filter((f) => dateOf(f).year === input.year);
  const branchEvents = inYear.filter((f) => !f.personal);
  const people = input.people;
  const talkParticipants = people ? talkParticipantsAmong(people) : null;
  // Who had a vote on a date: full members, from their 转正 date when one is registered. The set is
  // made once for each number of registered 转正 dates passed (a year's hundreds of meetings share a few).
  const full = (people ?? []).filter((p) => !p.probationary);
  const voters = new Map<number, Set<number>>();
  const votingOn = (date: LocalDate) => {
    const passed = full.filter((p) => p.fullMemberSince && compareLocalDate(p.fullMemberSince, date) <= 0).length;
    let set = voters.get(passed);
    if (!set) voters.set(passed, (set = new Set(full.filter((p) => !p.fullMemberSince || compareLocalDate(p.fullMemberSince, date) <= 0).map((p) => p.memberId))));
    return set;
  };
  const counts = new Map<string, KindMonthCount>();
  const meetings: MeetingAttendance[] = [];
  const talkPairs: string[] = [];
  const talkRecords: { id: number; memberIds: number[] }[] = [];
  const lectureSpeakers: (string | null)[] = [];
  let talkEvents = 0;
  let lastElection: LocalDate | null = null;
  for (const fact of branchEvents) {
    const date = dateOf(fact);
    for (const kind of distinctKinds(fact.kinds)) {
      const groupId = kind === "group_meeting" ? (fact.partyGroupId ?? null) : null;
      const key = `${date.month}:${kind}:${groupId ?? ""}`;
      const row = counts.get(key) ?? { month: date.month, kind, count: 0, ...(groupId !== null ? { partyGroupId: groupId } : {}) };
      row.count += 1;
      counts.set(key, row);
      if (kind === "branch_committee" || kind === "general_assembly") {
        const voting = people ? votingOn(date) : null;
        const ticked = voting && fact.attendeeIds.length > 1 ? fact.attendeeIds.filter((id) => voting.has(id)).length : null;
        meetings.push({
          id: fact.id, kind, date, title: fact.title, expected: fact.expectedCount, present: fact.presentCount,
          vote: fact.vote ?? null, observers: fact.observerCount ?? 0, votingPresent: ticked,
          ...(voting && kind === "general_assembly" ? { votingMembers: voting.size } : {}),
        });
        if (kind === "general_assembly" && fact.vote === "election") lastElection = date;
      }
      if (kind === "talk") {
        talkEvents += 1;
        talkPairs.push(...(fact.details.talkPairs ?? []));
        if (talkParticipants) talkRecords.push({ id: fact.id, memberIds: talkParticipants(fact.attendeeIds, fact.details.talkPairs ?? []) });
      }
      if (kind === "party_lecture") lectureSpeakers.push(fact.speaker);
    }
  }
  const orgLifeMeetings: OrgLifeMeeting[] = all
    .filter((f) => !f.personal && f.kinds.includes("org_life_meeting"))
    .map((f) => {
      const date = dateOf(f);
      return { id: f.id, date, coversYear: coveredYear(f, date.year) };
    });
  const result: ComplianceInput = {
    year: input.year,
    today: input.today,
    counts: [...counts.values()],
    meetings,
    talks: { events: talkEvents, pairs: talkPairs },
    committeeSize: input.committeeSize ?? null,
    votingMemberCount: input.votingMemberCount ?? null,
    memberCount: input.memberCount ?? null,
    orgLifeMeetings,
    lectureSpeakers,
    lastElection,
  };
  if (input.settings) result.settings = input.settings;
  if (input.since) result.since = input.since;
  if (input.partyGroups) result.partyGroups = input.partyGroups;
  if (people) {
    result.people = people;
    result.talkRecords = talkRecords;
    result.roster = people.map((p) => ({ name: p.name, role: p.role }));
    result.studyHours = studyHoursByMember(inYear.map(studyRecordOf), people, input.settings ?? DEFAULT_RULE_SETTINGS);
  } else if (input.members) {
    result.studyHours = studyHoursByMember(inYear.map(studyRecordOf), input.members, input.settings ?? DEFAULT_RULE_SETTINGS);
  }
  return result;
}

function dedupe(facts: readonly ActivityFact[]): ActivityFact[] {
  const byId = new Map<number, ActivityFact>();
  for (const f of facts) byId.set(f.id, f);
  return [...byId.values()];
}

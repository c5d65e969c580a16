// Builds the compliance input from in-memory activity rows (when the caller has facts rather than grouped counts).
import type { LocalDate } from "../activity.js";
import { localDateOf } from "../calendar/index.js";
import { distinctKinds, participationFromFacts } from "../tally/tally.js";
import type { ActivityFact, MemberRef } from "../tally/types.js";
import type { RuleSettings } from "./settings.js";
import type { ComplianceInput, KindMonthCount, MeetingAttendance, PartyGroupRef, YearMonth } from "./types.js";

export interface ComplianceFactsInput {
  year: number;
  today: LocalDate;
  timeZone: string;
  facts: readonly ActivityFact[];
  settings?: RuleSettings;
  /** The month the branch began keeping its ledger; earlier periods are not judged. */
  since?: YearMonth | null;
  partyGroups?: readonly PartyGroupRef[];
  /** Members whose 学时 are checked (personal study facts must list the member in attendeeIds). */
  members?: readonly MemberRef[];
  committeeSize?: number | null;
  votingMemberCount?: number | null;
  memberCount?: number | null;
}

/** Counts per local month and kind (党小组会 also per group), meetings for quorum, talks and 学时. */
export function complianceInputFromFacts(input: ComplianceFactsInput): ComplianceInput {
  const inYear = input.facts.filter((f) => localDateOf(f.occurredAt, input.timeZone).year === input.year);
  const branchEvents = dedupe(inYear.filter((f) => !f.personal));
  const counts = new Map<string, KindMonthCount>();
  const meetings: MeetingAttendance[] = [];
  const talkPairs: string[] = [];
  let talkEvents = 0;
  for (const fact of branchEvents) {
    const date = localDateOf(fact.occurredAt, input.timeZone);
    for (const kind of distinctKinds(fact.kinds)) {
      const groupId = kind === "group_meeting" ? (fact.partyGroupId ?? null) : null;
      const key = `${date.month}:${kind}:${groupId ?? ""}`;
      const row = counts.get(key) ?? { month: date.month, kind, count: 0, ...(groupId !== null ? { partyGroupId: groupId } : {}) };
      row.count += 1;
      counts.set(key, row);
      if (kind === "branch_committee" || kind === "general_assembly") {
        meetings.push({ id: fact.id, kind, date, title: fact.title, expected: fact.expectedCount, present: fact.presentCount });
      }
      if (kind === "talk") {
        talkEvents += 1;
        talkPairs.push(...(fact.details.talkPairs ?? []));
      }
    }
  }
  const result: ComplianceInput = {
    year: input.year,
    today: input.today,
    counts: [...counts.values()],
    meetings,
    talks: { events: talkEvents, pairs: talkPairs },
    committeeSize: input.committeeSize ?? null,
    votingMemberCount: input.votingMemberCount ?? null,
    memberCount: input.memberCount ?? null,
  };
  if (input.settings) result.settings = input.settings;
  if (input.since) result.since = input.since;
  if (input.partyGroups) result.partyGroups = input.partyGroups;
  if (input.members) {
    result.studyHours = participationFromFacts(inYear, input.members, input.settings?.studyKinds).map((p) => ({
      memberId: p.memberId,
      name: p.name,
      hours: p.hours,
    }));
  }
  return result;
}

function dedupe(facts: readonly ActivityFact[]): ActivityFact[] {
  const byId = new Map<number, ActivityFact>();
  for (const f of facts) byId.set(f.id, f);
  return [...byId.values()];
}

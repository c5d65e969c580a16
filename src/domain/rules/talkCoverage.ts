// 谈心谈话 coverage per person (支部工作条例): the 书记 with every 支委 and every 党员, 支委 with 党员,
// 党员 with each other, at least once a year. Who talked with whom comes from the members a talk names.
import type { RosterPerson, TalkParticipants } from "./types.js";

export interface TalkCoverage {
  /** Members the 书记 has not talked with (empty when there is no 书记 on the roster). */
  secretary: RosterPerson[];
  /** 党员 no 支委 has talked with (null: the branch has no 支委 besides the 书记). */
  committee: RosterPerson[] | null;
  /** 党员 who have not talked with another 党员 (null: fewer than two 党员). */
  member: RosterPerson[] | null;
}

const isMember = (p: RosterPerson) => p.role === "member" || p.role === "group_leader";

/** Who is not yet covered, by side; people keep the roster's order. */
export function talkCoverage(people: readonly RosterPerson[], talks: readonly TalkParticipants[]): TalkCoverage {
  const talked = new Map<number, Set<number>>();
  for (const t of talks) {
    const ids = [...new Set(t.memberIds)];
    for (const a of ids) for (const b of ids) if (a !== b) talked.set(a, (talked.get(a) ?? new Set()).add(b));
  }
  const partners = (id: number) => talked.get(id) ?? new Set<number>();
  const secretary = people.find((p) => p.role === "secretary");
  const committee = people.filter((p) => p.role === "committee");
  const members = people.filter(isMember);
  const withAny = (p: RosterPerson, others: readonly RosterPerson[]) => others.some((o) => o.memberId !== p.memberId && partners(p.memberId).has(o.memberId));
  return {
    secretary: secretary ? people.filter((p) => p.memberId !== secretary.memberId && !partners(secretary.memberId).has(p.memberId)) : [],
    committee: committee.length > 0 ? members.filter((p) => !withAny(p, committee)) : null,
    member: members.length > 1 ? members.filter((p) => !withAny(p, members)) : null,
  };
}

/** The members a talk record names: those ticked, and roster names in its pair labels ("书记与王某某"; 书记 → the secretary). */
export function talkParticipantsOf(
  attendeeIds: readonly number[],
  pairLabels: readonly string[],
  people: readonly RosterPerson[],
): number[] {
  return talkParticipantsAmong(people)(attendeeIds, pairLabels);
}

/**
 * talkParticipantsOf for many records of one roster: the names are normalised and ordered once
 * (a year's hundreds of talks each did it again for every member).
 */
export function talkParticipantsAmong(
  people: readonly RosterPerson[],
): (attendeeIds: readonly number[], pairLabels: readonly string[]) => number[] {
  // Longest names first, so that 王小明 is found before 王小 can take part of it.
  const names = [...people]
    .sort((a, b) => b.name.length - a.name.length)
    .map((p) => ({ memberId: p.memberId, name: p.name.normalize("NFKC").trim() }))
    .filter((p) => p.name !== "");
  const secretary = people.find((p) => p.role === "secretary");
  return (attendeeIds, pairLabels) => {
    const ids = new Set(attendeeIds);
    let rest = pairLabels.join(" ").normalize("NFKC");
    for (const p of names) {
      if (rest.includes(p.name)) {
        ids.add(p.memberId);
        rest = rest.split(p.name).join(" ");
      }
    }
    // A bare 书记 (not 张书记) names the branch's secretary.
    if (secretary && (/(?:^|[^\p{Script=Han}]|[与和同对、–—-])(?:支部)?书记/u.test(rest) || /^(?:支部)?书记/u.test(rest.trim()))) {
      ids.add(secretary.memberId);
    }
    return [...ids];
  };
}

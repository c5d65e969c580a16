// People in a report → people in the ledger: names matched to the branch roster, 全体党员 to everyone,
// and who took part. Pure: the roster comes in as plain data.
import type { ActivityDetails } from "./activity.js";
import { takesAttendance } from "./attendance.js";
import type { ActivityKind } from "./kinds.js";
import type { Absentee } from "./parse/types.js";
import type { Role } from "./roles.js";

/** One active member of the branch, as the report is read. */
export interface RosterPerson {
  memberId: number;
  name: string;
  role: Role;
  committeeTitle?: string | null;
}

/** What the parser read about people (a subset of the draft). */
export interface PeopleInReport {
  kinds: ActivityKind[];
  host: string | null;
  recorder: string | null;
  speaker: string | null;
  expectedCount: number | null;
  presentCount: number | null;
  absentees: Absentee[];
  everyone: boolean;
  participants: string[];
  details: ActivityDetails;
}

export interface ResolvedPeople {
  host: string | null;
  recorder: string | null;
  speaker: string | null;
  expectedCount: number | null;
  presentCount: number | null;
  absentees: Absentee[];
  /** Members who took part (ids), in roster order. */
  attendeeIds: number[];
  details: ActivityDetails;
  /** Names written in the line that match nobody on the roster (kept as text, never made members). */
  unmatched: string[];
}

const TITLE_ROLES: Record<string, readonly Role[]> = {
  书记: ["secretary"], 支书: ["secretary"], 副书记: ["committee"], 委员: ["committee", "secretary"],
  组织委员: ["committee"], 宣传委员: ["committee"], 纪检委员: ["committee"], 支委: ["committee", "secretary"],
  组长: ["group_leader"], 党小组长: ["group_leader"],
};
const SELF = "我";

/** The roster member a written name means: 李明, 李明同志, 王书记 or 张委员 when only one fits. */
export function matchMember(written: string, roster: readonly RosterPerson[]): RosterPerson | null {
  const name = written.normalize("NFKC").trim().replace(/同志$/, "").trim();
  if (name.length < 2) return null;
  // 书记 (or 支部书记) alone: the branch's secretary.
  if (/^(?:党?支部)?书记$|^支书$/.test(name)) {
    const secretaries = roster.filter((p) => p.role === "secretary");
    return secretaries.length === 1 ? (secretaries[0] ?? null) : null;
  }
  const exact = roster.filter((p) => p.name.normalize("NFKC").trim() === name);
  if (exact.length === 1) return exact[0] ?? null;
  if (exact.length > 1) return null;
  const titled = /^(.{1,3}?)(副书记|书记|支书|组织委员|宣传委员|纪检委员|委员|支委|党小组长|组长)$/u.exec(name);
  if (!titled?.[1] || !titled[2]) return null;
  const [, surname, title] = titled;
  const fits = roster.filter((p) => p.name.startsWith(surname) && ((TITLE_ROLES[title] ?? []).includes(p.role) || p.committeeTitle === title));
  return fits.length === 1 ? (fits[0] ?? null) : null;
}

/**
 * The reporter takes part when nothing at all says who did (no names, counts or 全体党员) and the kind
 * has attendance (a meeting): never for 宣传报道, 党务公开 or talks.
 */
export function reporterTakesPart(r: Pick<PeopleInReport, "kinds" | "expectedCount" | "presentCount" | "everyone" | "participants" | "details">): boolean {
  return takesAttendance(r.kinds) && !r.everyone && r.participants.length === 0 && r.expectedCount === null && r.presentCount === null && r.details.personTimes === undefined;
}

/**
 * Reads the people of a report against the roster. Participants are the people named as taking part,
 * the host, speaker and recorder, talk partners, or everyone (全体党员) but the absentees. The reporter
 * takes part only when nothing else is known about who did, and only for kinds with attendance.
 */
export function resolvePeople(r: PeopleInReport, roster: readonly RosterPerson[], reporter: { memberId: number; name: string | null }): ResolvedPeople {
  const unmatched: string[] = [];
  const attendees = new Set<number>();
  const attends = takesAttendance(r.kinds);
  const link = (written: string | null): RosterPerson | null => {
    if (written === null) return null;
    const m = matchMember(written, roster);
    if (!m && /^[\p{Script=Han}·]{2,4}$/u.test(written) && !/书记|委员|组长|某/.test(written)) unmatched.push(written);
    return m;
  };
  const roleName = (written: string | null): string | null => {
    const m = link(written);
    if (m && attends) attendees.add(m.memberId);
    return m ? m.name : written;
  };
  const host = roleName(r.host);
  const speaker = roleName(r.speaker);
  const recorder = roleName(r.recorder);

  const absentees = r.absentees.map((a) => {
    const m = a.name ? link(a.name) : null;
    return m ? { name: m.name, reason: a.reason } : a;
  });
  const absentIds = new Set(absentees.map((a) => roster.find((p) => p.name === a.name)?.memberId).filter((id): id is number => id !== undefined));

  for (const written of r.participants) {
    const m = link(written);
    if (m) attendees.add(m.memberId);
  }

  let details = r.details;
  if (r.details.talkPairs) {
    const pairs = r.details.talkPairs.map((pair) =>
      pair.split("–").map((side) => {
        if (side === SELF) {
          if (reporter.name) attendees.add(reporter.memberId);
          return reporter.name ?? side;
        }
        const m = link(side);
        if (m) attendees.add(m.memberId);
        return m ? m.name : side;
      }).join("–"),
    );
    details = { ...r.details, talkPairs: pairs };
  }

  let expectedCount = r.expectedCount;
  let presentCount = r.presentCount;
  if (r.everyone && attends) {
    // 支委会，大家都在: everyone on the committee.
    const committee = r.kinds.every((k) => k === "branch_committee");
    const pool = committee ? roster.filter((p) => p.role === "secretary" || p.role === "committee") : roster;
    for (const p of pool) if (!absentIds.has(p.memberId)) attendees.add(p.memberId);
    expectedCount ??= pool.length;
    presentCount ??= pool.length - absentees.length;
  }
  for (const id of absentIds) attendees.delete(id);
  // 李明、赵六参加 with the speaker: 实到 counts everyone named as taking part.
  if (attends && !r.everyone && r.participants.length > 0 && presentCount === null) presentCount = Math.max(r.participants.length, attendees.size);

  if (attendees.size === 0 && reporterTakesPart({ ...r, expectedCount, presentCount })) attendees.add(reporter.memberId);

  const order = new Map(roster.map((p, i) => [p.memberId, i]));
  const attendeeIds = [...attendees].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a - b);
  return {
    host, speaker, recorder, expectedCount, presentCount: attends ? presentCount : r.presentCount, absentees, attendeeIds, details, unmatched: [...new Set(unmatched)],
  };
}

/** A record of a kind with attendance that gives a number of people but not (all) their names. */
export function needsPeople(kinds: readonly ActivityKind[], presentCount: number | null, attendees: number): boolean {
  return takesAttendance(kinds) && presentCount !== null && attendees < presentCount;
}

// 学时 (《中国共产党党员教育管理工作条例》): 集中学习培训 credited to every participant of a record with
// study content; a member's own 自学 kept apart. 书记 and 支委 need 56, other members 32 a year.
import type { ActivityKind } from "../kinds.js";
import type { Role } from "../roles.js";
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from "./settings.js";
import type { MemberStudyHours, RosterPerson } from "./types.js";

/** Meetings that carry study when their topic is study (三会, 主题党日, 组织生活会). */
const MEETING_KINDS: readonly ActivityKind[] = ["general_assembly", "branch_committee", "group_meeting", "theme_day", "org_life_meeting"];

/** Topic words that make a meeting's time 学时: "党小组会 学习…", "支委会 传达学习…精神". */
const STUDY_TOPIC = /学习|研学|研讨|读书|党课|宣讲|理论|第一议题|中心组|警示教育/u;

/** What 学时 are read from: a record's kinds, topic, hours and who took part. */
export interface StudyRecord {
  id: number;
  kinds: readonly ActivityKind[];
  title: string | null;
  durationHours: number | null;
  /** A member's own 自学 (credited to the reporter only). */
  personal: boolean;
  reporterId: number;
  /** Members who took part (ticked, named, or 全体党员). */
  participantIds: readonly number[];
  /** Tags the report carried (“第一议题”, 中心组): study whatever the kind. */
  tags?: readonly string[];
}

/** Whether a branch event is 集中学习: a study kind, a study tag, or a meeting whose topic is study. */
export function hasStudyContent(
  r: Pick<StudyRecord, "kinds" | "title" | "tags">,
  studyKinds: readonly ActivityKind[] = DEFAULT_RULE_SETTINGS.studyKinds,
): boolean {
  if (r.kinds.some((k) => studyKinds.includes(k))) return true;
  if ((r.tags ?? []).length > 0) return true;
  return r.kinds.some((k) => MEETING_KINDS.includes(k)) && STUDY_TOPIC.test(r.title ?? "");
}

export const isLeader = (role: Role | undefined): boolean => role === "secretary" || role === "committee";

/** The 学时 a member needs in a year: 56 for 书记 and 支委, 32 for the others (as the branch sets them). */
export function requiredStudyHours(role: Role | undefined, settings: RuleSettings = DEFAULT_RULE_SETTINGS): number {
  const leader = settings.leaderStudyHoursPerYear > 0 ? settings.leaderStudyHoursPerYear : settings.studyHoursPerYear;
  return isLeader(role) ? leader : settings.studyHoursPerYear;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** What one record credits: `hours` to each of `memberIds`, as 集中学习 or as 自学 (`self`); null when nothing. */
export interface StudyCredit {
  hours: number;
  memberIds: number[];
  self: boolean;
}

/**
 * The one rule for 学时, used by /check, /stats and the .xlsx: a branch record with study content gives its
 * hours to each of its participants (never to a reporter who did not take part); a member's own 自学 gives
 * its hours to that member, as 自学.
 */
export function studyCredit(r: StudyRecord, settings: RuleSettings = DEFAULT_RULE_SETTINGS): StudyCredit | null {
  const hours = r.durationHours ?? 0;
  if (!(hours > 0)) return null;
  if (r.personal) return { hours, memberIds: [r.reporterId], self: true };
  if (!hasStudyContent(r, settings.studyKinds)) return null;
  return { hours, memberIds: [...new Set(r.participantIds)], self: false };
}

/** A stored record as the 学时 rule reads it. */
export function studyRecordOf(a: {
  id: number;
  kinds: readonly ActivityKind[];
  title: string | null;
  durationHours: number | null;
  personal?: boolean | null;
  reporterId?: number | null;
  attendeeIds: readonly number[];
  details: { tags?: readonly string[] };
}): StudyRecord {
  return {
    id: a.id, kinds: a.kinds, title: a.title, durationHours: a.durationHours, personal: a.personal === true,
    reporterId: a.reporterId ?? a.attendeeIds[0] ?? 0, participantIds: a.attendeeIds, tags: a.details.tags ?? [],
  };
}

/**
 * 学时 of each member over the records (studyCredit): 集中学习 in `hours`; 自学 in `selfStudyHours`, and
 * in `hours` too only when the branch counts it. Every member is listed (0 when nothing), in the order given.
 */
export function studyHoursByMember(
  records: readonly StudyRecord[],
  people: readonly (Pick<RosterPerson, "memberId" | "name"> & { role?: Role })[],
  settings: RuleSettings = DEFAULT_RULE_SETTINGS,
): MemberStudyHours[] {
  const collective = new Map<number, number>();
  const self = new Map<number, number>();
  const seen = new Set<number>();
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const credit = studyCredit(r, settings);
    if (!credit) continue;
    const into = credit.self ? self : collective;
    for (const id of credit.memberIds) into.set(id, (into.get(id) ?? 0) + credit.hours);
  }
  return people.map((p) => {
    const own = round(self.get(p.memberId) ?? 0);
    const together = round(collective.get(p.memberId) ?? 0);
    const hours = round(together + (settings.selfStudyCounts ? own : 0));
    return { memberId: p.memberId, name: p.name, ...(p.role ? { role: p.role } : {}), hours, selfStudyHours: own };
  });
}

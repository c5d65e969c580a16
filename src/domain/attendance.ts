// Which kinds of activity have people taking part (attendance), and so per-member figures.
import type { ActivityKind } from "./kinds.js";

/**
 * true: people attend (a meeting, a lecture, a visit) — 应到/实到, participants, 人次.
 * false: a published item or a disclosure has no attendees; a talk has its two sides, never a headcount.
 */
export const TAKES_ATTENDANCE: Record<ActivityKind, boolean> = {
  branch_committee: true,
  general_assembly: true,
  group_meeting: true,
  party_lecture: true,
  theme_day: true,
  org_life_meeting: true,
  member_review: true,
  study: true,
  briefing: true,
  publicity: false,
  ideology_meeting: true,
  integrity_education: true,
  integrity_meeting: true,
  talk: false,
  volunteer: true,
  research: true,
  disclosure: false,
  other: true,
};

/** Whether an event of these kinds has attendees: any of its kinds takes attendance. */
export function takesAttendance(kinds: readonly ActivityKind[]): boolean {
  return kinds.some((k) => TAKES_ATTENDANCE[k]);
}

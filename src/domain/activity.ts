import type { ActivityKind } from "./kinds.js";
import type { LocalDate } from "./calendar/index.js";

export type { LocalDate };

/** Kind-specific figures an activity may carry (all optional; never invented). */
export interface ActivityDetails {
  problemsFound?: number; // 组织生活会 查找问题 / 调研 发现问题
  problemsFixed?: number; // 整改
  resultsApplied?: number; // 调研 成果转化
  itemsPublished?: number; // 党务公开 items
  reflections?: number; // 心得体会 collected
  films?: string[]; // 警示教育片 watched
  talkPairs?: string[]; // 谈心谈话: "书记–委员" etc.
  personTimes?: number; // 覆盖 N 人次 stated explicitly
}

/** An activity as the domain sees it (plain data, no database types). */
export interface ActivityRecord {
  id: number;
  branchId: number;
  reporterId: number;
  personal: boolean;
  kinds: ActivityKind[];
  occurredAt: string; // ISO-8601 UTC
  hasTime: boolean;
  title: string | null;
  location: string | null;
  host: string | null;
  recorder: string | null;
  speaker: string | null;
  expectedCount: number | null;
  presentCount: number | null;
  durationHours: number | null;
  notes: string | null;
  details: ActivityDetails;
  attendeeIds: number[];
  absentees: { name: string; reason: string | null }[];
}

/** 人次 of one activity: the explicit figure, else those present, else ticked attendees, else 0. */
export function personTimes(a: Pick<ActivityRecord, "details" | "presentCount" | "attendeeIds">): number {
  return a.details.personTimes ?? a.presentCount ?? a.attendeeIds.length;
}

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
  coversYear?: number; // 组织生活会: the year it covers (所属年度), when it differs from the year held
  tags?: ("first_topic" | "central_group")[]; // study sub-figures: “第一议题”, 理论中心组学习
}

/** 是否表决: no vote taken, a vote (表决) or an election (选举). */
export const VOTE_KINDS = ["none", "vote", "election"] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** 表决结果 of a meeting as recorded; a blank count stays null (never guessed). */
export interface VoteResult {
  kind: VoteKind;
  for: number | null;
  against: number | null;
  abstain: number | null;
}

/** 会议记录 fields beyond the common ones (all optional: records made before them have none). */
export interface MeetingFields {
  /** 列席人员, as written. */
  observers?: string | null;
  /** 决议事项. */
  resolutions?: string | null;
  vote?: VoteResult | null;
}

/** An activity as the domain sees it (plain data, no database types). */
export interface ActivityCore {
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
  /** Fields a member or secretary set by hand; re-reading an edited source message keeps them. */
  editedFields: RecordField[];
  /** 党小组会: the party group that held it. */
  partyGroupId?: number | null;
}

/** The fields of a record a person can set, by hand or through the text of a report. */
export const RECORD_FIELDS = [
  "kinds", "date", "title", "location", "host", "recorder", "speaker", "expectedCount", "presentCount", "durationHours",
  "absentees", "attendees", "notes", "details",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export function isRecordField(value: string): value is RecordField {
  return (RECORD_FIELDS as readonly string[]).includes(value);
}

type Comparable = Pick<ActivityRecord, "kinds" | "occurredAt" | "title" | "location" | "host" | "recorder" | "speaker" | "expectedCount" | "presentCount" | "durationHours" | "absentees" | "attendeeIds" | "notes" | "details">;

/** The fields whose values differ between two versions of a record. */
export function changedFields(before: Comparable, after: Comparable): RecordField[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y);
  const pairs: [RecordField, unknown, unknown][] = [
    ["kinds", [...before.kinds].sort(), [...after.kinds].sort()],
    ["date", before.occurredAt, after.occurredAt],
    ["title", before.title, after.title],
    ["location", before.location, after.location],
    ["host", before.host, after.host],
    ["recorder", before.recorder, after.recorder],
    ["speaker", before.speaker, after.speaker],
    ["expectedCount", before.expectedCount, after.expectedCount],
    ["presentCount", before.presentCount, after.presentCount],
    ["durationHours", before.durationHours, after.durationHours],
    ["absentees", before.absentees, after.absentees],
    ["attendees", sorted(before.attendeeIds), sorted(after.attendeeIds)],
    ["notes", before.notes, after.notes],
    ["details", before.details, after.details],
  ];
  return pairs.filter(([, a, b]) => !same(a, b)).map(([f]) => f);
}

/** An activity with its 会议记录 fields. */
export type ActivityRecord = ActivityCore & MeetingFields;

/** 人次 of one activity: the explicit figure, else those present, else ticked attendees, else 0. */
export function personTimes(a: Pick<ActivityRecord, "details" | "presentCount" | "attendeeIds">): number {
  return a.details.personTimes ?? a.presentCount ?? a.attendeeIds.length;
}

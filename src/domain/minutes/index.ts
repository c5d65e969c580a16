// 会议记录: one page per meeting with the fields inspections look for, filled from the record only.
// A field the record does not state stays blank (null) for the branch to fill in by hand; nothing is guessed.
import type { ActivityRecord, VoteResult } from "../activity.js";
import { formatLocalDateZh, localClockOf, localDateOf, pad2 } from "../calendar/index.js";
import { THREE_MEETINGS_ONE_LESSON, type ActivityKind } from "../kinds.js";

/** The records that get a 会议记录: 三会一课 and 主题党日 (and 组织生活会, held as a meeting). */
export const MINUTES_KINDS: readonly ActivityKind[] = [...THREE_MEETINGS_ONE_LESSON, "theme_day", "org_life_meeting"];

export { parseVoteText } from "./vote.js";

export const hasMinutes = (kinds: readonly ActivityKind[]): boolean => kinds.some((k) => MINUTES_KINDS.includes(k));

export const MINUTES_FIELDS = [
  "会议名称", "时间", "地点", "主持人", "主讲人", "记录人", "应到/实到", "参加人员", "缺席人员及原因", "列席人员",
  "议题", "内容摘要", "决议事项", "表决结果", "照片",
] as const;
export type MinutesField = (typeof MINUTES_FIELDS)[number];

/** Fields given more room when blank (written by hand). */
export const LONG_FIELDS: readonly MinutesField[] = ["参加人员", "内容摘要", "决议事项"];

export interface MeetingMinutes {
  recordId: number;
  /** "支部委员会会议记录" */
  heading: string;
  fields: { label: MinutesField; value: string | null }[];
}

const MEETING_NAME: Partial<Record<ActivityKind, string>> = {
  branch_committee: "支部委员会会议",
  general_assembly: "支部党员大会",
  group_meeting: "党小组会",
  party_lecture: "党课",
  theme_day: "主题党日",
  org_life_meeting: "组织生活会",
};

/** What the record adds to 会议记录 besides itself. */
export interface MinutesContext {
  timeZone: string;
  /** Names of the ticked attendees. */
  attendeeNames?: readonly string[];
  photos?: number;
  /** Photos attached to the document after the table (the first few), and how many of those could not be fetched. */
  photosAttached?: number;
  photosMissing?: number;
  /** The party group that held a 党小组会. */
  groupName?: string | null;
}

const BLANK = "____";

/** "赞成12票，反对0票，弃权1票"; a count not recorded stays a blank to fill in. */
export function voteText(vote: VoteResult): string {
  if (vote.kind === "none") return "未表决";
  const n = (v: number | null) => (v === null ? BLANK : String(v));
  const counts = `赞成${n(vote.for)}票，反对${n(vote.against)}票，弃权${n(vote.abstain)}票`;
  return vote.kind === "election" ? `选举：${counts}` : counts;
}

/** 照片: how many the record has, how many follow the table, and a note when some could not be fetched. */
export function photoText(ctx: Pick<MinutesContext, "photos" | "photosAttached" | "photosMissing">): string | null {
  const n = ctx.photos ?? 0;
  if (n <= 0) return null;
  const attached = ctx.photosAttached ?? 0;
  const missing = ctx.photosMissing ?? 0;
  const parts = [`已存照片${n}张`];
  if (attached > 0) parts.push(attached === n ? "附后" : `附后${attached}张`);
  const note = missing > 0 ? "【照片未能取回】" : "";
  const rest = attached + missing < n ? "（其余见台账）" : "";
  if (attached === 0 && missing === 0) return `已存照片${n}张（见台账）`;
  return `${parts.join("，")}${rest}${note}`;
}

/** 会议记录 of one record. */
export function meetingMinutesOf(r: ActivityRecord, ctx: MinutesContext): MeetingMinutes {
  const names = r.kinds.flatMap((k) => (MEETING_NAME[k] ? [k === "group_meeting" && ctx.groupName ? `党小组会（${ctx.groupName}）` : MEETING_NAME[k]] : []));
  const name = names.length > 0 ? names.join("、") : null;
  const date = localDateOf(r.occurredAt, ctx.timeZone);
  const clock = localClockOf(r.occurredAt, ctx.timeZone);
  const time = `${formatLocalDateZh(date)}${r.hasTime ? ` ${pad2(clock.hour)}:${pad2(clock.minute)}` : ""}`;
  const counts =
    r.expectedCount === null && r.presentCount === null
      ? null
      : `应到${r.expectedCount ?? BLANK}人，实到${r.presentCount ?? BLANK}人`;
  const absentees =
    r.absentees.length > 0
      ? r.absentees.map((a) => (a.reason ? `${a.name}（${a.reason}）` : a.name)).join("、")
      : r.expectedCount !== null && r.presentCount !== null && r.expectedCount === r.presentCount
        ? "无"
        : null;
  const attendees = (ctx.attendeeNames ?? []).filter((n) => n.trim().length > 0);
  const lecture = r.kinds.includes("party_lecture");
  const fields: MeetingMinutes["fields"] = [
    { label: "会议名称", value: name },
    { label: "时间", value: time },
    { label: "地点", value: r.location },
    { label: "主持人", value: r.host },
    ...(lecture ? [{ label: "主讲人" as const, value: r.speaker }] : []),
    { label: "记录人", value: r.recorder },
    { label: "应到/实到", value: counts },
    { label: "参加人员", value: attendees.length > 1 ? attendees.join("、") : null },
    { label: "缺席人员及原因", value: absentees },
    { label: "列席人员", value: r.observers?.trim() || null },
    { label: "议题", value: r.title },
    { label: "内容摘要", value: r.notes?.trim() || null },
    { label: "决议事项", value: r.resolutions?.trim() || null },
    { label: "表决结果", value: r.vote ? voteText(r.vote) : null },
    { label: "照片", value: photoText(ctx) },
  ];
  return { recordId: r.id, heading: `${name ?? "会议"}记录`, fields };
}

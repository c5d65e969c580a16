// How a record or a draft reads in chat, in Chinese or English. Wording of the domain, no chat API.
import type { ActivityRecord, LocalDate, MeetingFields } from "./activity.js";
import { voteText } from "./minutes/index.js";
import { takesAttendance } from "./attendance.js";
import { THREE_MEETINGS_ONE_LESSON, type ActivityKind } from "./kinds.js";
import type { ActivityDraft } from "./parse/types.js";
import { formatLocalDate, formatLocalDateZh, localDateOf } from "./calendar/index.js";
import type { Lang } from "./lang.js";
import { kindsLabel } from "./tally/labels.js";

// Kinds are named through the one label table.
export { kindLabel, kindsLabel } from "./tally/labels.js";

/** The fields shown on a card, shared by drafts and saved records. */
export type CardFields = Pick<
  ActivityRecord,
  "title" | "location" | "host" | "recorder" | "speaker" | "expectedCount" | "presentCount" | "durationHours" | "notes"
> & {
  date: LocalDate | null;
  kinds: readonly ActivityKind[];
  personTimes: number | null;
  absentees: readonly ActivityRecord["absentees"][number][];
  /** Names of the members who took part, when known. */
  participants: readonly string[];
} & MeetingFields;

/** A draft as a card; `extra` adds what a flow collected beside the parse (ticked people, 备注). */
export function fieldsOfDraft(d: ActivityDraft, extra: { notes?: string | null; participants?: readonly string[]; minutes?: MeetingFields } = {}): CardFields {
  return {
    ...(extra.minutes ?? {}),
    date: d.date, kinds: d.kinds, title: d.title, location: d.location, host: d.host, recorder: d.recorder, speaker: d.speaker,
    expectedCount: d.expectedCount, presentCount: d.presentCount, durationHours: d.durationHours,
    personTimes: d.details.personTimes ?? null, absentees: d.absentees, notes: extra.notes ?? null, participants: extra.participants ?? [],
  };
}

/** A saved record as a card; `names` maps member ids to names for the participants line. */
export function fieldsOfRecord(r: ActivityRecord, timeZone: string, names?: ReadonlyMap<number, string>): CardFields {
  return {
    date: localDateOf(r.occurredAt, timeZone), kinds: r.kinds, title: r.title, location: r.location, host: r.host, recorder: r.recorder,
    speaker: r.speaker, expectedCount: r.expectedCount, presentCount: r.presentCount,
    durationHours: r.durationHours, personTimes: r.details.personTimes ?? null, absentees: r.absentees, notes: r.notes,
    participants: names ? r.attendeeIds.map((id) => names.get(id)).filter((n): n is string => n !== undefined) : [],
    observers: r.observers ?? null, resolutions: r.resolutions ?? null, vote: r.vote ?? null,
  };
}

/** 缺席及原因 as a secretary writes it: 张三（出差）、2人（病假）; nameless absentees grouped by reason. */
export function formatAbsentees(absentees: readonly ActivityRecord["absentees"][number][], lang: Lang = "zh"): string {
  const named = absentees.filter((a) => a.name !== "").map((a) => (a.reason ? `${a.name}（${a.reason}）` : a.name));
  const byReason = new Map<string, number>();
  for (const a of absentees) if (a.name === "") byReason.set(a.reason ?? "", (byReason.get(a.reason ?? "") ?? 0) + 1);
  const nameless = [...byReason].map(([reason, n]) => `${lang === "zh" ? `${n}人` : `${n} ${n === 1 ? "person" : "people"}`}${reason ? `（${reason}）` : ""}`);
  return [...named, ...nameless].join("、");
}

const L = {
  zh: { observers: "列席", resolutions: "决议", vote: "表决结果", date: "时间", kind: "类型", title: "主题", location: "地点", host: "主持人", recorder: "记录人", speaker: "主讲人", people: "人数", hours: "学时", absent: "缺席", participants: "参加人员", notes: "备注", missing: "待补充", expected: "应到", present: "实到", pt: "人次", hoursUnit: "小时", none: "—" },
  en: { observers: "Observers", resolutions: "Resolutions", vote: "Vote", date: "Date", kind: "Kind", title: "Topic", location: "Place", host: "Host", recorder: "Recorder", speaker: "Speaker", people: "People", hours: "Hours", absent: "Absent", participants: "Participants", notes: "Notes", missing: "Still missing", expected: "expected", present: "present", pt: "person-times", hoursUnit: "h", none: "—" },
} as const;

/** Fields inspections look for, by kind: meetings need place, host, recorder and attendance. */
export function missingForInspection(f: CardFields): (keyof typeof L.zh)[] {
  const meeting = f.kinds.some((k) => THREE_MEETINGS_ONE_LESSON.includes(k) || k === "theme_day" || k === "org_life_meeting");
  const out: (keyof typeof L.zh)[] = [];
  // Every record needs its subject; a talk's subject is its pair.
  if (!f.title && !f.kinds.every((k) => k === "talk")) out.push("title");
  if (!meeting) return out;
  if (!f.location) out.push("location");
  if (!f.host && !f.speaker) out.push(f.kinds.includes("party_lecture") ? "speaker" : "host");
  if (!f.recorder) out.push("recorder");
  if (f.presentCount === null) out.push("people");
  return out;
}

export function describeCard(f: CardFields, lang: Lang): string {
  const l = L[lang];
  const lines: string[] = [];
  const date = f.date ? (lang === "zh" ? formatLocalDateZh(f.date) : formatLocalDate(f.date)) : l.none;
  lines.push(`${l.date}${lang === "zh" ? "：" : ": "}${date}`);
  lines.push(`${l.kind}${lang === "zh" ? "：" : ": "}${f.kinds.length ? kindsLabel(f.kinds, lang) : l.none}`);
  const sep = lang === "zh" ? "：" : ": ";
  if (f.title) lines.push(`${l.title}${sep}${f.title}`);
  if (f.speaker) lines.push(`${l.speaker}${sep}${f.speaker}`);
  if (f.host) lines.push(`${l.host}${sep}${f.host}`);
  if (f.recorder) lines.push(`${l.recorder}${sep}${f.recorder}`);
  if (f.location) lines.push(`${l.location}${sep}${f.location}`);
  const people = [
    f.expectedCount !== null ? `${l.expected} ${f.expectedCount}` : null,
    f.presentCount !== null ? `${l.present} ${f.presentCount}` : null,
    f.personTimes !== null ? `${f.personTimes} ${l.pt}` : null,
  ].filter(Boolean);
  if (people.length) lines.push(`${l.people}${sep}${people.join(lang === "zh" ? "，" : ", ")}`);
  if (f.participants.length) lines.push(`${l.participants}${sep}${f.participants.join(lang === "zh" ? "、" : ", ")}`);
  if (f.absentees.length) lines.push(`${l.absent}${sep}${formatAbsentees(f.absentees, lang)}`);
  if (f.observers) lines.push(`${l.observers}${sep}${f.observers}`);
  // 学时 are counted in hours (1 hour = 1 学时): "学时：2".
  if (f.durationHours !== null) lines.push(lang === "zh" ? `${l.hours}${sep}${f.durationHours}` : `${l.hours}${sep}${f.durationHours} ${l.hoursUnit}`);
  if (f.notes) lines.push(`${l.notes}${sep}${f.notes}`);
  if (f.resolutions) lines.push(`${l.resolutions}${sep}${f.resolutions}`);
  if (f.vote) lines.push(`${l.vote}${sep}${lang === "zh" ? voteText(f.vote) : voteTextEn(f.vote)}`);
  const missing = missingForInspection(f);
  if (missing.length) lines.push(`${l.missing}${sep}${missing.map((k) => l[k]).join(lang === "zh" ? "、" : ", ")}`);
  return lines.join("\n");
}

function voteTextEn(v: NonNullable<MeetingFields["vote"]>): string {
  if (v.kind === "none") return "no vote";
  const n = (x: number | null) => (x === null ? "—" : String(x));
  return `${v.kind === "election" ? "election" : "vote"}: ${n(v.for)} for, ${n(v.against)} against, ${n(v.abstain)} abstaining`;
}

/** One line for lists (/mine): "2023-03-15 支委会 研究部署年度党建工作（5人）". */
export function describeShort(r: ActivityRecord, timeZone: string, lang: Lang): string {
  const date = formatLocalDate(localDateOf(r.occurredAt, timeZone));
  const people = r.presentCount ?? (takesAttendance(r.kinds) ? r.attendeeIds.length || null : null);
  const count = people !== null ? (lang === "zh" ? `（${people}人）` : ` (${people})`) : "";
  return `${date} ${kindsLabel(r.kinds, lang)}${r.title ? ` ${r.title}` : ""}${count}`;
}


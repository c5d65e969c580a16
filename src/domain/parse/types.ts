import type { ActivityDetails, LocalDate } from "../activity.js";
import type { ActivityKind } from "../kinds.js";

export type PartOfDay = "morning" | "afternoon" | "evening";

export interface ClockTime {
  hour: number; // 0-23
  minute: number; // 0-59
}

/** One absent person; `name` is "" when the line gives only a number (缺席1人（出差）). */
export interface Absentee {
  name: string;
  reason: string | null;
}

/** What one chat message says about an activity. Plain serialisable data (no Date objects). */
export interface ActivityDraft {
  date: LocalDate | null;
  time: ClockTime | null;
  partOfDay: PartOfDay | null;
  kinds: ActivityKind[];
  title: string | null;
  location: string | null;
  host: string | null;
  recorder: string | null;
  speaker: string | null;
  expectedCount: number | null;
  presentCount: number | null;
  durationHours: number | null;
  absentees: Absentee[];
  /** 全体党员参加 / 大家都来了: everyone on the roster took part (but the absentees). */
  everyone: boolean;
  /** People named as taking part (参加人员：张三、李四; 张三、李四参加), as written. */
  participants: string[];
  details: ActivityDetails;
  /** A count was given loosely (20余次, 60余人次, 十几人, 约20人): the number is kept, but flagged. */
  approximate: boolean;
  /** What a save still needs. */
  missing: ("date" | "kind")[];
}

export type ParseProblemCode = "no_kind" | "no_date" | "impossible_date" | "future_date" | "empty";

export interface ParseProblem {
  code: ParseProblemCode;
  /** The offending piece of the message, when there is one. */
  text?: string;
}

export type ParseResult =
  | { ok: true; draft: ActivityDraft }
  | { ok: false; draft: ActivityDraft; problems: ParseProblem[] };

export interface ParseOptions {
  now: Date;
  timeZone: string;
}

/** [start, end) offsets into the normalised message. */
export type Span = readonly [number, number];

export function emptyDraft(): ActivityDraft {
  return {
    date: null,
    time: null,
    partOfDay: null,
    kinds: [],
    title: null,
    location: null,
    host: null,
    recorder: null,
    speaker: null,
    expectedCount: null,
    presentCount: null,
    durationHours: null,
    absentees: [],
    everyone: false,
    participants: [],
    details: {},
    approximate: false,
    missing: [],
  };
}

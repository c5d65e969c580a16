// Input and output of the compliance check.
import type { LocalDate } from "../activity.js";
import type { ActivityKind } from "../kinds.js";
import type { RuleSettings, ScheduledKind } from "./settings.js";
import type { TalkCategory, TalkRosterMember } from "./talks.js";

/** Events of one kind in one local month (党小组会 rows carry their party group). */
export interface KindMonthCount {
  month: number; // 1-12 of the checked year, branch time
  kind: ActivityKind;
  count: number;
  partyGroupId?: number | null;
}

/** A 支委会 or 党员大会 with its attendance, for the quorum check. */
export interface MeetingAttendance {
  id: number;
  kind: ActivityKind;
  date: LocalDate;
  title?: string | null;
  expected: number | null;
  present: number | null;
}

export interface MemberStudyHours {
  memberId: number;
  name: string;
  hours: number;
}

/** A local month. */
export interface YearMonth {
  year: number;
  month: number;
}

export interface PartyGroupRef {
  id: number;
  name: string;
}

export interface ComplianceInput {
  year: number;
  /** Today in the branch's time zone: earlier months are judged, this month is in progress, later ones are not judged. */
  today: LocalDate;
  /** Defaults to DEFAULT_RULE_SETTINGS. */
  settings?: RuleSettings;
  /**
   * The month the branch began keeping its ledger (branch time). Months and quarters that end before it,
   * and whole years before it, are not judged; periods that include it are.
   */
  since?: YearMonth | null;
  counts: readonly KindMonthCount[];
  /** The branch's party groups; without any, 党小组会 is not checked. */
  partyGroups?: readonly PartyGroupRef[];
  meetings?: readonly MeetingAttendance[];
  /** Committee members (支委会 quorum when a meeting has no 应到). */
  committeeSize?: number | null;
  /** Full members with a vote (党员大会 quorum when a meeting has no 应到). */
  votingMemberCount?: number | null;
  /** All members (probationary included); informative. */
  memberCount?: number | null;
  /** 谈心谈话 of the year: how many records and the pair labels recorded ("书记–委员", …). */
  talks?: { events: number; pairs: readonly string[] };
  /** The branch's members by name and role: a pair side naming one ("书记–王某某") takes their role. */
  roster?: readonly TalkRosterMember[];
  /** 学时 per member for the year; members with 0 hours must be listed too. */
  studyHours?: readonly MemberStudyHours[];
}

export type ComplianceStatus = "done" | "missing" | "in_progress" | "warning";

export type ComplianceRule = ScheduledKind | "quorum" | "talk_pairs" | "study_hours";

export interface ComplianceItem {
  rule: ComplianceRule;
  /** "2023-10", "2023-Q3" or "2023". */
  period: string;
  status: ComplianceStatus;
  /** Events held (scheduled kinds, talks), people present (quorum) or hours (study). */
  count: number;
  /** What the rule asks for: events per period, more than `required / 2` present, or hours. */
  required: number;
  /** The party group (党小组会) or member (学时) the item is about. */
  subject?: { id: number; name: string };
  detail?: ComplianceDetail;
}

export interface ComplianceDetail {
  /** Quorum: the meeting. */
  meetingId?: number;
  kind?: ActivityKind;
  date?: LocalDate;
  title?: string | null;
  present?: number;
  /** Quorum: the number present must exceed half of this. */
  base?: number;
  /** 谈心谈话: categories with no record yet. */
  missingTalkCategories?: TalkCategory[];
}

export interface ComplianceReport {
  year: number;
  asOf: LocalDate;
  /** "past": the whole year is judged; "current": up to today; "future": nothing is judged. */
  scope: "past" | "current" | "future";
  /**
   * Set when the branch's ledger began after January of this year or later: the months before it are
   * not judged (the whole year when `since.year` is later than the year).
   */
  since?: YearMonth;
  items: ComplianceItem[];
  tally: Record<ComplianceStatus, number>;
}

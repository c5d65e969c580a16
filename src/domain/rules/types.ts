// Input and output of the compliance check.
import type { LocalDate, VoteKind } from "../activity.js";
import type { Role } from "../roles.js";
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
  /** 实到 as recorded: may include 预备党员 and 列席. */
  present: number | null;
  /** 正式党员 among the ticked attendees (null: attendees not ticked one by one). */
  votingPresent?: number | null;
  /** 列席 people counted in 实到 (they have no vote). */
  observers?: number;
  /** Members with a vote on the meeting's date (正式党员, from their registered 转正 date); else the roster's count is used. */
  votingMembers?: number | null;
  /** 是否表决: null when the record does not say. */
  vote?: VoteKind | null;
}

export interface MemberStudyHours {
  memberId: number;
  name: string;
  /** 集中学习 学时 (and 自学 when the branch counts it). */
  hours: number;
  /** 自学 学时, kept apart. */
  selfStudyHours?: number;
  /** 书记 and 支委 need 56 学时. */
  role?: Role;
}

/** A 组织生活会 and the year it covers (所属年度), which decides the year it counts for. */
export interface OrgLifeMeeting {
  id: number;
  date: LocalDate;
  coversYear: number;
}

/** A member as the per-person rules see them. */
export interface RosterPerson {
  memberId: number;
  name: string;
  role: Role;
  probationary?: boolean;
  /** 转正 date when registered: before it the member was a 预备党员 without a vote. */
  fullMemberSince?: LocalDate | null;
}

/** One 谈心谈话 record: the members taking part (both sides). */
export interface TalkParticipants {
  id: number;
  memberIds: readonly number[];
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
  /** 组织生活会 held in the year and the following one, with the year each covers (所属年度). */
  orgLifeMeetings?: readonly OrgLifeMeeting[];
  /** Active members with ids and roles (谈心谈话 coverage by name, the 书记's 党课). */
  people?: readonly RosterPerson[];
  /** 谈心谈话 records of the year with the members they name; coverage is checked per person when given. */
  talkRecords?: readonly TalkParticipants[];
  /** 党课 of the year: who gave them (the 书记 gives at least one a year). */
  lectureSpeakers?: readonly (string | null)[];
  /** The last election (选举) of the committee or 书记 on record, up to the end of the year. */
  lastElection?: LocalDate | null;
}

export type ComplianceStatus = "done" | "missing" | "in_progress" | "warning";

export type ComplianceRule = ScheduledKind | "quorum" | "talk_pairs" | "talk_coverage" | "study_hours" | "secretary_lecture" | "term";

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
  /** Quorum: what the meeting was judged for (a 支委会 itself, a vote, an election). */
  quorumFor?: "committee" | "vote" | "election";
  /** Quorum: the number present was an upper bound (实到 less 列席; 预备党员 among them unknown). */
  bound?: boolean;
  /** 谈心谈话 coverage: which side is missing, and the people not yet covered. */
  coverage?: "secretary" | "committee" | "member";
  people?: string[];
  /** 学时: 自学 hours kept apart, and the member's role. */
  selfStudyHours?: number;
  role?: Role;
  /** 换届: the last election and when the term ends. */
  lastElection?: LocalDate;
  termEnds?: LocalDate;
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
  /** Whether the branch has a 支部委员会 (else 支委会 is not checked, 支部工作条例). */
  hasCommittee: boolean;
}

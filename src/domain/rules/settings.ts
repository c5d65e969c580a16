// Per-branch rule settings (stored as JSON on the branch). Defaults follow the central rules:
// 《中国共产党支部工作条例（试行）》 and 《中国共产党党员教育管理工作条例》; 党课 quarterly is local practice.
import { z } from "zod";
import { ACTIVITY_KINDS, type ActivityKind } from "../kinds.js";

export const FREQUENCIES = ["monthly", "quarterly", "yearly", "off"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Kinds that must happen at a set frequency. */
export const SCHEDULED_KINDS = [
  "branch_committee",
  "general_assembly",
  "group_meeting",
  "party_lecture",
  "theme_day",
  "org_life_meeting",
  "member_review",
] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

export const DEFAULT_FREQUENCY: Record<ScheduledKind, Frequency> = {
  branch_committee: "monthly", // 支委会 一般每月召开1次
  general_assembly: "quarterly", // 支部党员大会 一般每季度召开1次
  group_meeting: "monthly", // 党小组会 一般每月召开1次 (per group)
  party_lecture: "quarterly", // 党课 按期 — local rule, configurable
  theme_day: "monthly", // 主题党日 每月相对固定1天
  org_life_meeting: "yearly", // 组织生活会 一般每年1次
  member_review: "yearly", // 民主评议党员 一般每年1次
};

export const DEFAULT_STUDY_HOURS = 32; // 集中学习培训 每年一般不少于32学时 (党员教育管理工作条例)
export const DEFAULT_LEADER_STUDY_HOURS = 56; // 书记、支委 每年一般不少于56学时 (党员教育管理工作条例)
export const DEFAULT_TERM_YEARS = 3; // 支部委员会每届任期 (村、社区5年)

/** Whether the branch has a 支部委员会: by its 正式党员 (7 or more, 支部工作条例), or as set. */
export const COMMITTEE_MODES = ["auto", "yes", "no"] as const;
export type CommitteeMode = (typeof COMMITTEE_MODES)[number];

/**
 * Kinds whose hours are 学时 (education and training): 理论学习/专题学习, 党课, 主题党日, 宣讲, 廉政/警示教育,
 * 组织生活会. 志愿服务, 谈心谈话, 支委会 and the like are taken part in but are not 学时.
 * A member's own self-study record always counts, whatever its kind.
 */
export const DEFAULT_STUDY_KINDS: readonly ActivityKind[] = [
  "party_lecture",
  "theme_day",
  "org_life_meeting",
  "study",
  "briefing",
  "integrity_education",
];

export interface RuleSettings {
  frequency: Record<ScheduledKind, Frequency>;
  /** Check 党小组会 for each party group separately. */
  groupMeetingPerGroup: boolean;
  /** Warn when no more than half are present (支委会: of committee members; 党员大会: of voting members). */
  quorum: { branch_committee: boolean; general_assembly: boolean };
  /** 谈心谈话: 支委之间、支委与党员、党员之间 at least once a year, and per person when the records name people. */
  talkPairsYearly: boolean;
  /** Minimum 学时 per member per year; 0 turns the check off. */
  studyHoursPerYear: number;
  /** Minimum 学时 of the 书记 and 支委 per year; 0 uses studyHoursPerYear for them too. */
  leaderStudyHoursPerYear: number;
  /** Kinds of branch events whose hours count as 学时 (besides meetings whose topic is study). */
  studyKinds: ActivityKind[];
  /** Whether a member's own 自学 counts towards the 32/56 学时 (off: shown separately). */
  selfStudyCounts: boolean;
  /** 支部委员会: decided by the number of 正式党员 (auto), or as the branch sets it. */
  committee: CommitteeMode;
  /** Years of the committee's (or, without one, the 书记's) term: 换届 is due after them; 0 turns the check off. */
  termYears: number;
}

const frequency = z.enum(FREQUENCIES);
const hours = z.number().min(0).max(1000);
/** A list of kinds, each once, in the order of ACTIVITY_KINDS. */
const kindList = z
  .array(z.enum(ACTIVITY_KINDS))
  .max(100)
  .transform((kinds) => ACTIVITY_KINDS.filter((k) => kinds.includes(k)));

const strictFrequencies = z.object({
  branch_committee: frequency.default(DEFAULT_FREQUENCY.branch_committee),
  general_assembly: frequency.default(DEFAULT_FREQUENCY.general_assembly),
  group_meeting: frequency.default(DEFAULT_FREQUENCY.group_meeting),
  party_lecture: frequency.default(DEFAULT_FREQUENCY.party_lecture),
  theme_day: frequency.default(DEFAULT_FREQUENCY.theme_day),
  org_life_meeting: frequency.default(DEFAULT_FREQUENCY.org_life_meeting),
  member_review: frequency.default(DEFAULT_FREQUENCY.member_review),
});

const lenientFrequencies = z.object({
  branch_committee: frequency.catch(DEFAULT_FREQUENCY.branch_committee),
  general_assembly: frequency.catch(DEFAULT_FREQUENCY.general_assembly),
  group_meeting: frequency.catch(DEFAULT_FREQUENCY.group_meeting),
  party_lecture: frequency.catch(DEFAULT_FREQUENCY.party_lecture),
  theme_day: frequency.catch(DEFAULT_FREQUENCY.theme_day),
  org_life_meeting: frequency.catch(DEFAULT_FREQUENCY.org_life_meeting),
  member_review: frequency.catch(DEFAULT_FREQUENCY.member_review),
});

/** Strict schema: for validating settings a secretary edits (errors are reported; missing fields get defaults). */
export const ruleSettingsSchema = z.object({
  frequency: strictFrequencies.prefault({}),
  groupMeetingPerGroup: z.boolean().default(true),
  quorum: z
    .object({ branch_committee: z.boolean().default(true), general_assembly: z.boolean().default(true) })
    .prefault({}),
  talkPairsYearly: z.boolean().default(true),
  studyHoursPerYear: hours.default(DEFAULT_STUDY_HOURS),
  leaderStudyHoursPerYear: hours.default(DEFAULT_LEADER_STUDY_HOURS),
  studyKinds: kindList.default(() => [...DEFAULT_STUDY_KINDS]),
  selfStudyCounts: z.boolean().default(false),
  committee: z.enum(COMMITTEE_MODES).default("auto"),
  termYears: z.number().int().min(0).max(10).default(DEFAULT_TERM_YEARS),
});

const objectOrEmpty = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? v : {});

/** Lenient schema: any bad or missing field falls back to its default (stored JSON never breaks the bot). */
const lenientSchema = z.preprocess(
  objectOrEmpty,
  z.object({
    frequency: z.preprocess(objectOrEmpty, lenientFrequencies),
    groupMeetingPerGroup: z.boolean().catch(true),
    quorum: z.preprocess(
      objectOrEmpty,
      z.object({ branch_committee: z.boolean().catch(true), general_assembly: z.boolean().catch(true) }),
    ),
    talkPairsYearly: z.boolean().catch(true),
    studyHoursPerYear: hours.catch(DEFAULT_STUDY_HOURS),
    leaderStudyHoursPerYear: hours.catch(DEFAULT_LEADER_STUDY_HOURS),
    studyKinds: kindList.catch(() => [...DEFAULT_STUDY_KINDS]),
    selfStudyCounts: z.boolean().catch(false),
    committee: z.enum(COMMITTEE_MODES).catch("auto"),
    termYears: z.number().int().min(0).max(10).catch(DEFAULT_TERM_YEARS),
  }),
);

export const DEFAULT_RULE_SETTINGS: RuleSettings = ruleSettingsSchema.parse({});

/**
 * Settings with defaults filled. Accepts the stored JSON text or an already parsed value;
 * unparsable text and invalid fields fall back to the defaults.
 */
export function parseRuleSettings(json: unknown): RuleSettings {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      value = {};
    }
  }
  return lenientSchema.parse(value);
}

/** Validates an edit strictly; returns the issues' paths and messages on failure. */
export function validateRuleSettings(
  value: unknown,
): { ok: true; settings: RuleSettings } | { ok: false; issues: { path: string; message: string }[] } {
  const result = ruleSettingsSchema.safeParse(value);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  };
}

// Activity kinds a branch records (docs/domain.md). The key is stored in the database.

export const ACTIVITY_KINDS = [
  "branch_committee",
  "general_assembly",
  "group_meeting",
  "party_lecture",
  "theme_day",
  "org_life_meeting",
  "member_review",
  "study",
  "briefing",
  "publicity",
  "ideology_meeting",
  "integrity_education",
  "integrity_meeting",
  "talk",
  "volunteer",
  "research",
  "disclosure",
  "other",
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Kinds in the order of ACTIVITY_KINDS, whatever order a database returned them in. */
export function inKindOrder(kinds: readonly ActivityKind[]): ActivityKind[] {
  return [...kinds].sort((a, b) => ACTIVITY_KINDS.indexOf(a) - ACTIVITY_KINDS.indexOf(b));
}

/** Groups as in the year-end summary. */
export type KindGroup = "political" | "organisation" | "business" | "integrity" | "other";

export const KIND_GROUP: Record<ActivityKind, KindGroup> = {
  branch_committee: "organisation",
  general_assembly: "organisation",
  group_meeting: "organisation",
  party_lecture: "organisation",
  theme_day: "organisation",
  org_life_meeting: "organisation",
  member_review: "organisation",
  disclosure: "organisation",
  study: "political",
  briefing: "political",
  publicity: "political",
  ideology_meeting: "political",
  integrity_education: "integrity",
  integrity_meeting: "integrity",
  talk: "integrity",
  volunteer: "business",
  research: "business",
  other: "other",
};

export const KIND_GROUPS: readonly KindGroup[] = ["political", "organisation", "business", "integrity", "other"];

/** 三会一课 */
export const THREE_MEETINGS_ONE_LESSON: readonly ActivityKind[] = [
  "branch_committee",
  "general_assembly",
  "group_meeting",
  "party_lecture",
];

export function isActivityKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}

// The one table of display names of kinds and groups, both languages: cards, /stats, /check,
// documents and the guided flow all name a kind through it.
import type { ActivityKind, KindGroup } from "../kinds.js";

export type Locale = "zh" | "en";

export const KIND_LABEL: Record<ActivityKind, { zh: string; en: string }> = {
  branch_committee: { zh: "支委会", en: "Branch committee meeting" },
  general_assembly: { zh: "党员大会", en: "General assembly of members" },
  group_meeting: { zh: "党小组会", en: "Party group meeting" },
  party_lecture: { zh: "党课", en: "Party lecture" },
  theme_day: { zh: "主题党日", en: "Theme Party day" },
  org_life_meeting: { zh: "组织生活会", en: "Organisational life meeting" },
  member_review: { zh: "民主评议党员", en: "Democratic appraisal of members" },
  study: { zh: "理论学习", en: "Theory study" },
  briefing: { zh: "宣讲", en: "Briefing" },
  publicity: { zh: "宣传报道", en: "Publicity report" },
  ideology_meeting: { zh: "意识形态专题会议", en: "Ideology work meeting" },
  integrity_education: { zh: "廉政教育", en: "Integrity education" },
  integrity_meeting: { zh: "党风廉政专题会议", en: "Integrity work meeting" },
  talk: { zh: "谈心谈话", en: "Heart-to-heart talk" },
  volunteer: { zh: "志愿服务", en: "Volunteer service" },
  research: { zh: "调查研究", en: "Research and investigation" },
  disclosure: { zh: "党务公开", en: "Party affairs disclosure" },
  other: { zh: "其他", en: "Other" },
};

export const GROUP_LABEL: Record<KindGroup, { zh: string; en: string }> = {
  political: { zh: "政治建设", en: "Political building" },
  // 三会一课, 主题党日, 组织生活会…: not all of it is 三会一课.
  organisation: { zh: "组织建设", en: "Organisation" },
  business: { zh: "党建+业务", en: "Party building + business" },
  integrity: { zh: "党风廉政建设", en: "Integrity" },
  other: { zh: "其他", en: "Other" },
};

export function kindLabel(kind: ActivityKind, locale: Locale = "zh"): string {
  return KIND_LABEL[kind][locale];
}

/** "支委会、党课" */
export function kindsLabel(kinds: readonly ActivityKind[], locale: Locale = "zh"): string {
  return kinds.map((k) => KIND_LABEL[k][locale]).join(locale === "zh" ? "、" : ", ");
}

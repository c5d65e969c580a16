// 谈心谈话 pair categories: 书记/委员–委员, 委员–党员, 党员–党员.

export const TALK_CATEGORIES = ["committee_committee", "committee_member", "member_member"] as const;
export type TalkCategory = (typeof TALK_CATEGORIES)[number];

export const TALK_CATEGORY_LABEL: Record<TalkCategory, { zh: string; en: string }> = {
  committee_committee: { zh: "书记/委员–委员", en: "secretary/committee–committee" },
  committee_member: { zh: "委员–党员", en: "committee–member" },
  member_member: { zh: "党员–党员", en: "member–member" },
};

type Role = "committee" | "member";

function roleOf(part: string): Role | null {
  if (/书记|委员|支委/.test(part)) return "committee";
  if (/党员/.test(part)) return "member";
  return null;
}

/**
 * The category of a recorded pair label such as "书记–委员", "委员与党员", "党员-党员".
 * The secretary counts as a committee member. Pairs with 群众 or unnamed roles have no category.
 */
export function talkCategoryOf(label: string): TalkCategory | null {
  const parts = label
    .normalize("NFKC")
    .split(/[–—\-~～、/与和同对]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length !== 2) return null;
  const [a, b] = parts.map(roleOf);
  if (!a || !b) return null;
  if (a === "committee" && b === "committee") return "committee_committee";
  if (a === "member" && b === "member") return "member_member";
  return "committee_member";
}

/** Categories that have at least one recorded pair. */
export function talkCategoriesOf(labels: readonly string[]): Set<TalkCategory> {
  const found = new Set<TalkCategory>();
  for (const label of labels) {
    const c = talkCategoryOf(label);
    if (c) found.add(c);
  }
  return found;
}

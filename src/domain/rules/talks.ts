// 谈心谈话 pair categories: 支委之间、支委与党员、党员之间.
import type { Role } from "../roles.js";

export const TALK_CATEGORIES = ["committee_committee", "committee_member", "member_member"] as const;
export type TalkCategory = (typeof TALK_CATEGORIES)[number];

export const TALK_CATEGORY_LABEL: Record<TalkCategory, { zh: string; en: string }> = {
  committee_committee: { zh: "支委之间", en: "among committee members" },
  committee_member: { zh: "支委与党员", en: "committee with members" },
  member_member: { zh: "党员之间", en: "among members" },
};

/** One person of the branch roster: the name they go by and their role in the branch. */
export interface TalkRosterMember {
  name: string;
  role: Role;
}

/** The side of a talk for this rule: the secretary counts as a committee member; 群众 and unknowns have none. */
type Side = "committee" | "member";

const sideOfRole = (role: Role): Side => (role === "secretary" || role === "committee" ? "committee" : "member");

/** Bare role words; null: 群众 (not a party member, so the pair has no category). */
const ROLE_WORDS = new Map<string, Side | null>([
  ...["书记", "副书记", "支部书记", "支书", "委员", "支委", "支委委员", "支部委员", "组织委员", "宣传委员", "纪检委员"].map(
    (w) => [w, "committee"] as const,
  ),
  ...["党员", "预备党员", "正式党员"].map((w) => [w, "member"] as const),
  ["群众", null],
]);

/** "王书记", "张委员", "欧阳组织委员", "张三书记": a surname (or full name) and a committee title. */
const TITLED = /^(.+?)(?:支部)?(?:副)?(?:书记|支书|(?:组织|宣传|纪检|支委|支部)?委员)$/u;
const TITLE_ROLES: readonly Role[] = ["secretary", "committee"];

/** The one side the matching members agree on, or undefined when there are none or they disagree. */
function agreed(members: readonly TalkRosterMember[]): Side | undefined {
  const sides = new Set(members.map((m) => sideOfRole(m.role)));
  return sides.size === 1 ? [...sides][0] : undefined;
}

/** The side by role words in the text alone (the rule without a roster). */
function sideByWords(part: string): Side | null {
  if (/书记|委员|支委/.test(part)) return "committee";
  if (/党员/.test(part)) return "member";
  return null;
}

/**
 * One side of a pair: a bare role word; else a roster member's exact name; else a title with a surname
 * ("张委员") matching one roster member who holds such a role; else role words in the text.
 */
function sideOf(raw: string, roster: readonly TalkRosterMember[]): Side | null {
  const part = raw.trim().replace(/同志$/u, "").trim();
  if (ROLE_WORDS.has(part)) return ROLE_WORDS.get(part) ?? null;
  const named = agreed(roster.filter((m) => m.name.normalize("NFKC").trim() === part));
  if (named) return named;
  const titled = TITLED.exec(part);
  const surname = titled?.[1];
  if (surname) {
    const holders = roster.filter((m) => TITLE_ROLES.includes(m.role) && m.name.normalize("NFKC").trim().startsWith(surname));
    const side = agreed(holders);
    if (side) return side;
  }
  return sideByWords(part);
}

const DASHES = /[–—\-~～]+/;
const SEPARATORS = /[–—\-~～、/与和同对]+/;

/** The two sides of a label: split on dashes first (names may hold 和 or 同), then on any separator. */
function sidesOf(label: string): string[] | null {
  const text = label.normalize("NFKC");
  for (const sep of [DASHES, SEPARATORS]) {
    const parts = text.split(sep).map((p) => p.trim()).filter((p) => p.length > 0);
    if (parts.length === 2) return parts;
  }
  return null;
}

/**
 * The category of a recorded pair label such as "书记–委员", "委员与党员", "党员-党员", "书记–王某某".
 * Each side is classified by the branch roster first (a member's name, or "张委员" for a committee
 * member surnamed 张), then by role words. The secretary counts as a committee member. Pairs with
 * 群众 or an unknown side have no category.
 */
export function talkCategoryOf(label: string, roster: readonly TalkRosterMember[] = []): TalkCategory | null {
  const parts = sidesOf(label);
  if (!parts) return null;
  const [a, b] = parts.map((p) => sideOf(p, roster));
  if (!a || !b) return null;
  if (a === "committee" && b === "committee") return "committee_committee";
  if (a === "member" && b === "member") return "member_member";
  return "committee_member";
}

/** Categories that have at least one recorded pair (sides classified by the roster first, see talkCategoryOf). */
export function talkCategoriesOf(labels: readonly string[], roster: readonly TalkRosterMember[] = []): Set<TalkCategory> {
  const found = new Set<TalkCategory>();
  for (const label of labels) {
    const c = talkCategoryOf(label, roster);
    if (c) found.add(c);
  }
  return found;
}

import { ACTIVITY_KINDS, type ActivityKind } from "../kinds.js";
import { kindNamed } from "../tally/labels.js";
import { normalize } from "./text.js";
import type { Span } from "./types.js";

export interface KindTerm {
  term: string;
  kinds: readonly ActivityKind[];
  /**
   * A weak term ("学习", "谈话") names a kind only when no strong term is in the message:
   * "支部党员大会，学习贯彻…" is a general assembly whose topic is study, not also a study session.
   * Weak terms stay in the title.
   */
  weak?: boolean;
}

const t = (kinds: ActivityKind | ActivityKind[], terms: string[], weak = false): KindTerm[] =>
  terms.map((term) => ({ term, kinds: Array.isArray(kinds) ? kinds : [kinds], ...(weak ? { weak } : {}) }));

/**
 * Names of each kind. Matching is longest-first, so compounds listed here decide precedence:
 * 理论中心组学习 is study; 党风廉政专题会议 is integrity_meeting; 廉政教育专题学习 is integrity
 * education only (the 学习 is its form, and the summary counts it under 廉政教育); 廉政党课 is both
 * a party lecture and integrity education; 党小组学习 is a group meeting.
 */
export const KIND_LEXICON: readonly KindTerm[] = [
  ...t("branch_committee", ["支委会", "支部委员会", "支委会议", "支部委员会会议", "支委扩大会", "支委扩大会议", "支委工作会议", "支委班子会", "党支部委员会", "党支部委员会会议", "支部委员会议", "支委会会议", "支委例会", "支委汇", "支委会义"]),
  ...t("general_assembly", ["支部大会", "党员大会", "支部党员大会", "全体党员大会", "全体党员会议", "党员会议", "党支部大会", "党支部党员大会", "党员大会会议", "全体党员会", "党员大汇", "党员大回", "支部大汇"]),
  ...t("group_meeting", ["党小组会", "党小组会议", "党小组学习", "党小组活动", "小组会", "党小组学习会", "党小组汇"]),
  ...t("group_meeting", ["党小组"], true),
  ...t("party_lecture", ["党课", "微党课", "专题党课", "讲党课", "上党课", "党课学习", "党课辅导", "讲了党课", "讲了一堂党课", "党克"]),
  ...t(["party_lecture", "integrity_education"], ["廉政党课", "廉洁党课"]),
  ...t("theme_day", ["主题党日", "主题党日活动", "党日活动", "固定党日", "支部主题党日", "主提党日", "主体党日", "主题党曰", "主题党曰活动", "主提党日活动", "主体党日活动", "主题党目", "支部党日"]),
  ...t("theme_day", ["党日"], true),
  ...t("org_life_meeting", ["组织生活会", "专题组织生活会", "组织生活会议", "组织生活汇"]),
  ...t("org_life_meeting", ["组织生活"], true),
  // 民主生活会 is held by leading groups (领导班子), not a branch's 组织生活会: kept as 其他.
  ...t("other", ["民主生活会", "专题民主生活会"]),
  ...t(["member_review", "general_assembly"], ["民主评议党员大会"]),
  ...t("member_review", ["民主评议", "民主评议党员", "评议党员", "党员评议", "党员民主评议", "民主测评", "民主平议"]),
  ...t("study", ["集中学习", "理论学习", "专题学习", "第一议题", "理论中心组学习", "理论学习中心组", "理论学习中心组学习", "中心组学习", "中心组理论学习", "政治理论学习", "学习研讨", "读书班", "集体学习", "专题学习会", "读书会", "学习研讨会", "理论学习会", "学习交流会", "第一议题学习"]),
  ...t("study", ["学习", "主题教育", "学习会"], true),
  ...t("briefing", ["宣讲", "专题宣讲", "联合宣讲", "宣讲会", "理论宣讲", "宣讲活动", "政策宣讲"]),
  ...t("publicity", ["宣传报道", "信息报送", "宣传稿", "新闻报道", "信息报道", "发布报道", "新闻稿", "宣传稿件", "公众号推文", "宣传报导", "报道稿", "稿件刊发", "刊发稿件", "宣传信息"]),
  ...t("publicity", ["报道", "投稿", "推文", "稿件", "报导", "宣传", "发表文章", "发布信息"], true),
  ...t("ideology_meeting", ["意识形态专题会", "意识形态专题会议", "意识形态工作会议", "意识形态工作专题会议", "意识形态工作会", "意识形态分析研判会", "意识形态研判会", "意识形态工作专题会", "意识形态专题研判会", "意识形态专题研判会议", "意识形态工作研判会", "意识形态会议"]),
  ...t("integrity_education", ["廉政教育", "党风廉政教育", "警示教育", "观看警示教育片", "廉洁教育", "廉政教育专题学习", "廉政教育学习", "警示教育学习", "廉洁文化教育", "党纪学习教育", "廉政学习", "警示教育会", "警示教育大会", "廉政警示教育", "廉政教育活动", "警示教育片", "观看警示片"]),
  ...t("integrity_education", ["以案促改", "以案四说", "警示片", "廉洁文化"], true),
  ...t("integrity_meeting", ["党风廉政专题会议", "党风廉政专题会", "党风廉政建设会议", "党风廉政建设专题会议", "党风廉政建设工作会议", "廉政专题会议", "党风廉政会议", "党风廉政建设专题会", "党风廉政建设会", "党风廉政工作会", "廉政工作会议", "党风廉政建设工作会"]),
  ...t("talk", ["谈心谈话", "谈心", "谈心谈话会", "谈新谈话", "谈心谈化", "谈心淡话", "一对一谈话"]),
  // 廉政谈话 and 集体谈话 are integrity education, not the 谈心谈话 the rules count.
  ...t("integrity_education", ["廉政谈话", "集体谈话", "集体廉政谈话", "廉政提醒谈话"]),
  ...t("talk", ["谈话"], true),
  ...t("volunteer", ["志愿服务", "志愿者", "我为群众办实事", "志愿活动", "学雷锋", "志愿者服务", "志愿服务活动", "义务劳动", "志原服务"]),
  ...t("volunteer", ["办实事"], true),
  ...t("research", ["调研", "调查研究", "调研会议", "专项调研", "专项调查研究", "走访调研", "调研会", "调研座谈会", "蹲点调研"]),
  ...t("disclosure", ["党务公开", "党务公示", "党务公开栏", "党务公开事项"]),
  // Words that contain a kind's name but are not one (a weak term with no kinds blocks the match).
  ...t([], ["宣讲人", "党小组长", "小组长", "调研员", "学习强国", "宣传委员"], true),
];

const OTHER: KindTerm = { term: "其他", kinds: ["other"] };
/** The lexicon by first character, longest term first (the scan tries only the terms that can start at a position). */
const BY_FIRST_CHAR = new Map<string, KindTerm[]>();
for (const term of [...KIND_LEXICON].sort((a, b) => b.term.length - a.term.length)) {
  const first = term.term.charAt(0);
  BY_FIRST_CHAR.set(first, [...(BY_FIRST_CHAR.get(first) ?? []), term]);
}

export interface KindHit {
  span: Span;
  term: KindTerm;
}

/** Nouns a kind word can qualify: 廉政教育基地, 党课课件, 主题党日活动方案. */
const QUALIFIED = /^(?:活动)?(?:的)?(?:课题|成果|报告|座谈|基地|场馆|展馆|展览|展厅|纪念馆|馆|片|专栏|阵地|长廊|墙|筹备|读本|书籍|课件|视频|方案|计划|材料|稿件|稿子|报道|推文|文章|简报|信息|新闻|照片|图片|台账|记录|通知|示范点|品牌)/;
/** A kind word as the object of planning or subject matter (研究组织生活会筹备工作, 关于调查研究的论述) names no activity held. */
const PLANNED = /(?:研究|部署|筹备|筹划|安排|谋划|讨论|审议|关于|准备)(?:召开|开展|组织|做好|落实)?$/;
/** A 支部委员会 elected (选举产生新一届支部委员会) is the outcome of a vote, not a committee meeting held. */
const ELECTED = /(?:选举|选举产生|选出|产生|换届|改选|补选)(?:了)?(?:新一届|新的|新)?(?:党)?$/;
/** A kind word that only dates something else (组织生活会会前, 主题党日前夕). */
const BEFORE_IT = /^(?:召开)?(?:会前|前夕|之前|召开前)/;
/** Words that make a clause about a published item. */
const PUBLISHED = /稿件|稿子|推文|文章|报道|简报|新闻|信息|刊发|刊登|登载|发布|发表|推送|报送|投稿|转载|公众号|学习强国|网站|报纸|日报/;

/** Whether this hit only describes something (a visited base, an article) rather than naming the activity. */
function describes(view: string, hit: KindHit, all: readonly KindHit[]): boolean {
  if (hit.term.kinds.includes("publicity")) return false;
  if (QUALIFIED.test(view.slice(hit.span[1]))) return true;
  if (PLANNED.test(view.slice(0, hit.span[0]))) return true;
  if (BEFORE_IT.test(view.slice(hit.span[1]))) return true;
  if (hit.term.kinds.includes("branch_committee") && ELECTED.test(view.slice(0, hit.span[0]))) return true;
  if (!all.some((h) => h.term.kinds.includes("publicity"))) return false;
  const start = Math.max(...[-1, ...[...view.slice(0, hit.span[0]).matchAll(/[,;。!?]/g)].map((m) => m.index)]) + 1;
  const endAt = view.slice(hit.span[1]).search(/[,;。!?]/);
  const clause = view.slice(start, endAt < 0 ? view.length : hit.span[1] + endAt);
  return PUBLISHED.test(clause.replace(/宣传报道|宣传报导|新闻报道|信息报道|信息报送/g, ""));
}

/** Longest-match scan; weak hits are dropped when any strong term is present. */
export function findKinds(view: string): { kinds: ActivityKind[]; hits: KindHit[] } {
  const hits: KindHit[] = [];
  let i = 0;
  while (i < view.length) {
    const term = BY_FIRST_CHAR.get(view.charAt(i))?.find((k) => view.startsWith(k.term, i));
    if (term) {
      hits.push({ span: [i, i + term.term.length], term });
      i += term.term.length;
    } else i++;
  }
  const strong = hits.some((h) => !h.term.weak);
  let used = strong ? hits.filter((h) => !h.term.weak) : hits;
  // A kind word that only describes something else (参观廉政教育基地, 主题党日活动的稿件) adds no kind
  // when another kind names the activity.
  const naming = used.filter((h) => !describes(view, h, used));
  if (naming.length > 0) used = naming;
  const kinds: ActivityKind[] = [];
  for (const h of used) for (const k of h.term.kinds) if (!kinds.includes(k)) kinds.push(k);
  if (kinds.length === 0) {
    // 其他 names the kind "other" only as a word of its own (not 其他党员).
    const other = /(?<![^\s,;。、:\u0000])(?:其他|其它)(?:活动)?(?![^\s,;。、\u0000])/.exec(view);
    if (other) return { kinds: ["other"], hits: [{ span: [other.index, other.index + other[0].length], term: OTHER }] };
  }
  return { kinds, hits: used };
}

/** The kinds a piece of text names, deduplicated, in the order found. */
export function kindsIn(text: string): ActivityKind[] {
  return findKinds(normalize(text)).kinds;
}

/** A kind picked by its exact label (zh or en, any case) or key, as typed in a guided flow; else kindsIn. */
export function kindFromLabel(text: string): ActivityKind | null {
  const s = normalize(text).trim().toLowerCase();
  if (s === "") return null;
  for (const kind of ACTIVITY_KINDS) {
    if (s === kind) return kind;
  }
  const named = kindNamed(s);
  if (named) return named;
  return kindsIn(s)[0] ?? null;
}

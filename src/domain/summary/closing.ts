// Title, introduction and 五、存在的问题及下年工作思路. The problems are drafted from the year's /check gaps
// and the ledger's figures; where the ledger has nothing to say, the draft says 【待补充】.
import type { ScheduledKind } from "../rules/settings.js";
import type { SummaryGaps } from "./gaps.js";
import type { ClosingPart, SummarySums } from "./types.js";
import { TO_FILL, ordinal } from "./wording.js";

export function summaryTitle(year: number, branchName: string): string {
  return `${year}年${branchName.trim()}党建工作总结`;
}

/** Boilerplate only: no figure, no claim that anything took place. */
export function summaryIntro(year: number, branchName: string): string {
  return (
    `${year}年，${branchName.trim()}坚持以习近平新时代中国特色社会主义思想为指引，坚持以政治建设为统领，` +
    "全面落实新时代党的建设总要求，增强“四个意识”、坚定“四个自信”、做到“两个维护”，强化管党治党政治责任，" +
    "不断强化党建引领，推动党建工作和业务工作融合发展。" +
    `现将${year}年党建工作开展情况总结如下：`
  );
}

const NOT_HELD: Record<ScheduledKind, string> = {
  branch_committee: "召开支委会",
  general_assembly: "召开支部党员大会",
  group_meeting: "召开党小组会",
  party_lecture: "组织党课",
  theme_day: "开展主题党日",
  org_life_meeting: "召开组织生活会",
  member_review: "开展民主评议党员",
};

const HELD_AS_DUE: Record<ScheduledKind, string> = {
  branch_committee: "支委会一般每月召开1次",
  general_assembly: "支部党员大会一般每季度召开1次",
  group_meeting: "党小组会一般每月召开1次",
  party_lecture: "按期组织党课",
  theme_day: "每月相对固定1天开展主题党日",
  org_life_meeting: "每年至少召开1次组织生活会",
  member_review: "每年开展1次民主评议党员",
};

/** A problem: a 标题式 lead and what the ledger shows; and the measure it calls for. */
interface Finding {
  lead: string;
  facts: string[];
  measure: string;
}

function findings(gaps: SummaryGaps | undefined, sums: SummarySums | undefined): Finding[] {
  const out: Finding[] = [];
  if (gaps) {
    const facts = gaps.missingMeetings.map(({ kind, periods }) =>
      periods.length > 6 ? `全年有${periods.length}个周期未${NOT_HELD[kind]}` : `${periods.join("、")}未${NOT_HELD[kind]}`,
    );
    if (gaps.quorumWarnings > 0) facts.push(`${gaps.quorumWarnings}次会议到会人数未达到规定要求`);
    if (gaps.termOverdue) facts.push("支部委员会任期已届满，尚未按期换届");
    if (facts.length > 0) {
      const due = gaps.missingMeetings.map((m) => HELD_AS_DUE[m.kind]);
      out.push({
        lead: "组织生活制度落实还有差距",
        facts,
        measure: `严格落实“三会一课”等组织生活制度${due.length > 0 ? `，${due.join("，")}` : ""}${gaps.termOverdue ? "，按期做好换届选举" : ""}，做到按期规范开展`,
      });
    }
    const study: string[] = [];
    if (gaps.shortStudy.members > 0) {
      study.push(`${gaps.shortStudy.members}名党员集中学习培训未达到规定学时${gaps.shortStudy.leaders > 0 ? `，其中书记、支委${gaps.shortStudy.leaders}名` : ""}`);
    }
    if (gaps.secretaryNoLecture) study.push("书记全年未讲党课");
    if (study.length > 0) {
      out.push({
        lead: "党员教育培训还不够到位",
        facts: study,
        measure: "统筹安排集中学习培训，确保党员每年集中学习培训不少于32学时、书记和支委不少于56学时，书记每年至少讲1次党课",
      });
    }
    const t = gaps.talksUncovered;
    const talks = [
      t.secretary > 0 ? `书记尚未与${t.secretary}名同志谈心谈话` : "",
      t.committee > 0 ? `${t.committee}名党员尚无支委与其谈心谈话` : "",
      t.member > 0 ? `${t.member}名党员尚未与其他党员谈心谈话` : "",
    ].filter(Boolean);
    if (talks.length > 0) {
      out.push({ lead: "谈心谈话覆盖还不够全面", facts: talks, measure: "落实谈心谈话制度，书记与每名支委、党员，支委与党员，党员之间每年至少谈心谈话1次" });
    }
  }
  const found = sums?.orgLifeProblemsFound;
  const fixed = sums?.orgLifeProblemsFixed;
  if (found && fixed && found.recorded > 0 && fixed.recorded > 0 && found.total > fixed.total) {
    out.push({
      lead: "问题整改还需持续用力",
      facts: [`组织生活会查找问题${found.total}条，已整改${fixed.total}条，尚有${found.total - fixed.total}条未完成整改`],
      measure: "对未完成整改的问题逐项明确措施和时限，持续抓好整改落实",
    });
  }
  return out;
}

/**
 * （一）存在的问题 from the gaps, each "一是{lead}。{facts}。"; （二）工作思路 one measure per problem.
 * Without gaps (no check ran, or nothing missing) both say 【待补充】 with a note in 【】.
 */
export function closingPart(nextYear: number, gaps?: SummaryGaps, sums?: SummarySums): ClosingPart {
  const found = findings(gaps, sums);
  const problems = found.map((f, i) => `${ordinal(i)}是${f.lead}。${f.facts.join("；")}。`).join("");
  const measures = found.map((f, i) => `${ordinal(i)}是${f.measure}。`).join("");
  const note = gaps ? "【制度落实检查未发现缺项，请结合实际查摆】" : "【请结合实际填写】";
  return {
    heading: `五、存在的问题及${nextYear}年工作思路`,
    sections: [
      { heading: "（一）存在的问题", template: false, paragraphs: [found.length > 0 ? `${problems}其他方面：${TO_FILL}。` : `${TO_FILL}${note}`] },
      { heading: `（二）${nextYear}年工作思路`, template: false, paragraphs: [found.length > 0 ? `${measures}其他方面：${TO_FILL}。` : `${TO_FILL}【请结合实际填写】`] },
    ],
  };
}

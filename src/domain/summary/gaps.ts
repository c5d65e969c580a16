// 存在的问题 drafted from the year's /check gaps and the ledger's own figures: what the rules found
// missing, who is short of 学时, who has not been talked with, rectification still open.
import { quarterNameZh } from "../period/period.js";
import type { Quarter } from "../calendar/index.js";
import type { ComplianceReport } from "../rules/types.js";
import type { ScheduledKind } from "../rules/settings.js";

/** The year's gaps, as the summary states them. */
export interface SummaryGaps {
  /** Scheduled meetings not held: kind and the periods ("3月", "第三季度", "全年"). */
  missingMeetings: { kind: ScheduledKind; periods: string[] }[];
  /** Meetings flagged for quorum. */
  quorumWarnings: number;
  /** Members short of their 学时, and how many of them are 书记 or 支委. */
  shortStudy: { members: number; leaders: number };
  /** People not yet covered by 谈心谈话, by side. */
  talksUncovered: { secretary: number; committee: number; member: number };
  /** The 书记 gave no 党课. */
  secretaryNoLecture: boolean;
  /** 换届 overdue. */
  termOverdue: boolean;
}

function periodZh(period: string): string {
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return `${Number(month[1])}月`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return quarterNameZh(Number(quarter[1]) as Quarter);
  return "全年";
}

/** The gaps of a judged year (missing items only; things still in progress are not problems yet). */
export function gapsFromReport(report: ComplianceReport): SummaryGaps {
  const missing = report.items.filter((i) => i.status === "missing");
  const byKind = new Map<ScheduledKind, string[]>();
  for (const i of missing) {
    if (i.rule === "quorum" || i.rule === "talk_pairs" || i.rule === "talk_coverage" || i.rule === "study_hours" || i.rule === "secretary_lecture" || i.rule === "term") continue;
    const periods = byKind.get(i.rule) ?? [];
    const name = `${i.subject ? i.subject.name : ""}${periodZh(i.period)}`;
    if (!periods.includes(name)) periods.push(name);
    byKind.set(i.rule, periods);
  }
  const study = missing.filter((i) => i.rule === "study_hours");
  const uncovered = (side: "secretary" | "committee" | "member") =>
    missing.filter((i) => i.rule === "talk_coverage" && i.detail?.coverage === side).reduce((n, i) => n + i.count, 0);
  return {
    missingMeetings: [...byKind.entries()].map(([kind, periods]) => ({ kind, periods })),
    quorumWarnings: report.items.filter((i) => i.rule === "quorum").length,
    shortStudy: { members: study.length, leaders: study.filter((i) => i.detail?.role === "secretary" || i.detail?.role === "committee").length },
    talksUncovered: { secretary: uncovered("secretary"), committee: uncovered("committee"), member: uncovered("member") },
    secretaryNoLecture: missing.some((i) => i.rule === "secretary_lecture"),
    termOverdue: missing.some((i) => i.rule === "term"),
  };
}

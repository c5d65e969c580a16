// The /check reply in Chinese or English.
import { KIND_LABEL, type Locale } from "../tally/labels.js";
import { monthNameEn, quarterNameZh } from "../period/period.js";
import type { Quarter } from "../calendar/index.js";
import { SCHEDULED_KINDS, type ScheduledKind } from "./settings.js";
import { TALK_CATEGORY_LABEL } from "./talks.js";
import type { ComplianceItem, ComplianceReport } from "./types.js";

const MARK = { done: "✅", missing: "❌", in_progress: "⏳", warning: "⚠️" } as const;

const VERB_ZH: Record<ScheduledKind, string> = {
  branch_committee: "召开支委会",
  general_assembly: "召开党员大会",
  group_meeting: "召开党小组会",
  party_lecture: "上党课",
  theme_day: "开展主题党日",
  org_life_meeting: "召开组织生活会",
  member_review: "开展民主评议党员",
};

/** "2023-10" → 10月 / Oct; "2023-Q3" → 第三季度 / Q3; "2023" → 2023年 / 2023. */
function periodName(period: string, locale: Locale): string {
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return locale === "zh" ? `${Number(month[1])}月` : monthNameEn(Number(month[1]), true);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return locale === "zh" ? quarterNameZh(Number(quarter[1]) as Quarter) : `Q${quarter[1]}`;
  return locale === "zh" ? `${period}年` : period;
}

function list(names: string[], locale: Locale): string {
  return names.join(locale === "zh" ? "、" : ", ");
}

function scheduledLines(kind: ScheduledKind, items: ComplianceItem[], locale: Locale): string[] {
  if (items.length === 0) return [];
  const zh = locale === "zh";
  const name = KIND_LABEL[kind][locale];
  const lines: string[] = [];
  const bySubject = new Map<string, ComplianceItem[]>();
  for (const i of items) {
    const key = i.subject?.name ?? "";
    bySubject.set(key, [...(bySubject.get(key) ?? []), i]);
  }
  for (const [subject, rows] of bySubject) {
    const who = subject ? (zh ? `${subject}：` : `${subject}: `) : "";
    const missing = rows.filter((r) => r.status === "missing").map((r) => periodName(r.period, locale));
    const pending = rows.filter((r) => r.status === "in_progress").map((r) => periodName(r.period, locale));
    const done = rows.filter((r) => r.status === "done");
    if (missing.length > 0) {
      lines.push(zh ? `${MARK.missing} ${who}${list(missing, locale)} 未${VERB_ZH[kind]}` : `${MARK.missing} ${who}${name}: none in ${list(missing, locale)}`);
    }
    if (pending.length > 0) {
      lines.push(zh ? `${MARK.in_progress} ${who}${list(pending, locale)}（进行中）尚未${VERB_ZH[kind]}` : `${MARK.in_progress} ${who}${name}: none yet in ${list(pending, locale)} (in progress)`);
    }
    if (missing.length === 0 && pending.length === 0) {
      const held = done.reduce((n, r) => n + r.count, 0);
      lines.push(zh ? `${MARK.done} ${who}已按期${VERB_ZH[kind]}（共${held}次）` : `${MARK.done} ${who}${name}: on schedule (${held} held)`);
    }
  }
  return lines;
}

function quorumLine(item: ComplianceItem, locale: Locale): string {
  const d = item.detail ?? {};
  const date = d.date;
  const kindName = d.kind ? KIND_LABEL[d.kind][locale] : "";
  if (locale === "zh") {
    const when = date ? `${date.month}月${date.day}日` : periodName(item.period, locale);
    return `${MARK.warning} ${when} ${kindName} 实到${d.present ?? item.count}人（应到${d.base ?? item.required}人），未过半数`;
  }
  const when = date ? `${date.day} ${monthNameEn(date.month, true)}` : periodName(item.period, locale);
  return `${MARK.warning} ${when} ${kindName.toLowerCase()}: ${d.present ?? item.count} of ${d.base ?? item.required} present, not more than half`;
}

function talkLine(item: ComplianceItem, locale: Locale): string {
  const zh = locale === "zh";
  const missing = (item.detail?.missingTalkCategories ?? []).map((c) => TALK_CATEGORY_LABEL[c][locale]);
  switch (item.status) {
    case "done":
      return zh ? `${MARK.done} 谈心谈话：三类谈话均已开展（共${item.count}次）` : `${MARK.done} Talks: all three pairings held (${item.count} in all)`;
    case "missing":
      return zh ? `${MARK.missing} ${item.period}年 未开展谈心谈话` : `${MARK.missing} No heart-to-heart talks in ${item.period}`;
    case "warning":
      return zh ? `${MARK.warning} 谈心谈话：缺少 ${list(missing, locale)} 谈话记录` : `${MARK.warning} Talks: no record of ${list(missing, locale)} pairs`;
    case "in_progress":
      return zh
        ? `${MARK.in_progress} 谈心谈话（年度进行中）：尚无 ${list(missing, locale)} 谈话记录`
        : `${MARK.in_progress} Talks (year in progress): no ${list(missing, locale)} pairs yet`;
  }
}

function studyLines(items: ComplianceItem[], locale: Locale): string[] {
  if (items.length === 0) return [];
  const zh = locale === "zh";
  const required = items[0]?.required ?? 0;
  const short = items.filter((i) => i.status !== "done");
  if (short.length === 0) {
    return [zh ? `${MARK.done} 学时：${items.length}名党员均已满${required}学时` : `${MARK.done} Study: all ${items.length} members have ${required} hours`];
  }
  const names = short.map((i) => (zh ? `${i.subject?.name ?? ""} ${i.count}学时` : `${i.subject?.name ?? ""} ${i.count} h`));
  const ended = short.some((i) => i.status === "missing");
  if (zh) {
    return [`${ended ? MARK.missing : MARK.in_progress} 学时未满${required}${ended ? "" : "（年度进行中）"}：${list(names, locale)}`];
  }
  return [`${ended ? MARK.missing : MARK.in_progress} Under ${required} study hours${ended ? "" : " (year in progress)"}: ${list(names, locale)}`];
}

/** The report as chat text: one line per rule (months/quarters listed), then quorum, talks, 学时 and a total line. */
export function renderComplianceText(report: ComplianceReport, locale: Locale): string {
  const zh = locale === "zh";
  const { year, asOf } = report;
  const header =
    report.scope === "past"
      ? zh ? `📋 ${year}年 组织生活检查（全年）` : `📋 Compliance check, ${year} (whole year)`
      : zh ? `📋 ${year}年 组织生活检查（截至${asOf.month}月${asOf.day}日）` : `📋 Compliance check, ${year} (as of ${asOf.day} ${monthNameEn(asOf.month, true)})`;
  if (report.scope === "future") {
    return `${header}\n${zh ? "该年度尚未开始，暂无可检查的内容。" : "This year has not begun; nothing to check yet."}`;
  }
  const since = report.since;
  const began = since && (zh ? `${since.year}年${since.month}月` : `${monthNameEn(since.month, false)} ${since.year}`);
  if (since && since.year > year) {
    return `${header}\n${zh ? `支部于${began}开始使用台账，${year}年不作检查。` : `The branch began its ledger in ${began}; ${year} is not checked.`}`;
  }
  const lines = [header];
  if (since) lines.push(zh ? `（支部于${began}开始使用台账，此前月份不作检查）` : `(The branch began its ledger in ${began}; earlier months are not checked.)`);
  for (const kind of SCHEDULED_KINDS) lines.push(...scheduledLines(kind, report.items.filter((i) => i.rule === kind), locale));
  for (const item of report.items.filter((i) => i.rule === "quorum")) lines.push(quorumLine(item, locale));
  for (const item of report.items.filter((i) => i.rule === "talk_pairs")) lines.push(talkLine(item, locale));
  lines.push(...studyLines(report.items.filter((i) => i.rule === "study_hours"), locale));
  const { missing, warning, in_progress } = report.tally;
  lines.push("");
  if (missing + warning === 0) {
    lines.push(zh ? `${MARK.done} 已到期的各项均符合要求${in_progress ? `；${in_progress}项进行中` : ""}` : `${MARK.done} Everything due is done${in_progress ? `; ${in_progress} in progress` : ""}`);
  } else {
    lines.push(
      zh
        ? `合计：${MARK.missing} 缺${missing}项 · ${MARK.warning} 提醒${warning}项 · ${MARK.in_progress} 进行中${in_progress}项`
        : `Total: ${MARK.missing} ${missing} missing · ${MARK.warning} ${warning} warnings · ${MARK.in_progress} ${in_progress} in progress`,
    );
  }
  return lines.join("\n");
}

// The /check reply in Chinese or English.
import type { Lang } from "../lang.js";
import { kindLabel } from "../tally/labels.js";
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
  party_lecture: "组织党课",
  theme_day: "开展主题党日",
  org_life_meeting: "召开组织生活会",
  member_review: "开展民主评议党员",
};

/** "2023-10" → 10月 / Oct; "2023-Q3" → 第三季度 / Q3; "2023" → 2023年 / 2023. */
function periodName(period: string, locale: Lang): string {
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return locale === "zh" ? `${Number(month[1])}月` : monthNameEn(Number(month[1]), true);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return locale === "zh" ? quarterNameZh(Number(quarter[1]) as Quarter) : `Q${quarter[1]}`;
  return locale === "zh" ? `${period}年` : period;
}

function list(names: string[], locale: Lang): string {
  return names.join(locale === "zh" ? "、" : ", ");
}

function scheduledLines(kind: ScheduledKind, items: ComplianceItem[], locale: Lang): string[] {
  if (items.length === 0) return [];
  const zh = locale === "zh";
  const name = kindLabel(kind, locale);
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

function quorumLine(item: ComplianceItem, locale: Lang): string {
  const d = item.detail ?? {};
  const date = d.date;
  const kindName = d.kind ? kindLabel(d.kind, locale) : "";
  const present = d.present ?? item.count;
  const base = d.base ?? item.required;
  if (locale === "zh") {
    const when = date ? `${date.month}月${date.day}日` : periodName(item.period, locale);
    const title = d.title ? `（${d.title}）` : "";
    if (d.quorumFor === "committee") return `${MARK.warning} ${when} ${kindName}${title} 到会委员${present}人（委员${base}人）：到会委员未超过半数，会议不得召开（支部工作条例第十二条）`;
    const who = d.bound ? `到会有表决权党员至多${present}人` : `到会有表决权党员${present}人`;
    if (d.quorumFor === "election") return `${MARK.warning} ${when} ${kindName}${title} ${who}（应到${base}人）：未超过应到会人数的五分之四，选举无效（基层组织选举工作条例）`;
    return `${MARK.warning} ${when} ${kindName}${title} ${who}（应到${base}人）：到会有表决权党员未超过半数，不能表决（支部工作条例第十一条）`;
  }
  const when = date ? `${date.day} ${monthNameEn(date.month, true)}` : periodName(item.period, locale);
  if (d.quorumFor === "committee") return `${MARK.warning} ${when} ${kindName.toLowerCase()}: ${present} of ${base} committee members present — not more than half, the meeting may not be held`;
  const who = d.bound ? `at most ${present}` : String(present);
  if (d.quorumFor === "election") return `${MARK.warning} ${when} ${kindName.toLowerCase()}: ${who} of ${base} voting members present — not more than four fifths, the election is not valid`;
  return `${MARK.warning} ${when} ${kindName.toLowerCase()}: ${who} of ${base} voting members present — not more than half, no vote may be taken`;
}

function talkLine(item: ComplianceItem, locale: Lang): string {
  const zh = locale === "zh";
  const missing = (item.detail?.missingTalkCategories ?? []).map((c) => TALK_CATEGORY_LABEL[c][locale]);
  switch (item.status) {
    case "done":
      return zh ? `${MARK.done} 谈心谈话：支委之间、支委与党员、党员之间均有谈话记录（共${item.count}次）` : `${MARK.done} Talks: records among committee members, committee with members and among members (${item.count} in all)`;
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

const COVERAGE_ZH = { secretary: "书记尚未谈话的同志", committee: "尚无支委与其谈话的党员", member: "尚未与其他党员谈话的党员" } as const;
const COVERAGE_EN = { secretary: "not yet talked with by the secretary", committee: "members no committee member has talked with", member: "members who have not talked with another member" } as const;

function coverageLines(items: ComplianceItem[], locale: Lang): string[] {
  if (items.length === 0) return [];
  const zh = locale === "zh";
  const open = items.filter((i) => i.status !== "done");
  if (open.length === 0) {
    return [zh ? `${MARK.done} 谈心谈话：书记与每名支委、党员，支委与党员，党员之间均已谈话` : `${MARK.done} Talks: every person covered`];
  }
  return open.map((i) => {
    const side = i.detail?.coverage ?? "member";
    const names = list(i.detail?.people ?? [], locale);
    const mark = i.status === "missing" ? MARK.missing : MARK.in_progress;
    return zh ? `${mark} 谈心谈话 ${COVERAGE_ZH[side]}（${i.count}人）：${names}` : `${mark} Talks, ${COVERAGE_EN[side]} (${i.count}): ${names}`;
  });
}

function studyLines(items: ComplianceItem[], locale: Lang): string[] {
  if (items.length === 0) return [];
  const zh = locale === "zh";
  const basis = zh ? "（《中国共产党党员教育管理工作条例》：党员每年集中学习培训一般不少于32学时，书记、支委不少于56学时）" : " (Party member education rules: 32 study hours a year, 56 for the secretary and committee)";
  const short = items.filter((i) => i.status !== "done");
  const selfNote = (i: ComplianceItem) => (i.detail?.selfStudyHours ? (zh ? `（另自学${i.detail.selfStudyHours}学时）` : ` (plus ${i.detail.selfStudyHours} h self-study)`) : "");
  if (short.length === 0) {
    return [zh ? `${MARK.done} 学时：${items.length}名党员均已达到要求${basis}` : `${MARK.done} Study: all ${items.length} members have their hours${basis}`];
  }
  const names = short.map((i) => (zh ? `${i.subject?.name ?? ""} ${i.count}/${i.required}学时${selfNote(i)}` : `${i.subject?.name ?? ""} ${i.count}/${i.required} h${selfNote(i)}`));
  const ended = short.some((i) => i.status === "missing");
  if (zh) {
    return [`${ended ? MARK.missing : MARK.in_progress} 集中学习学时未达要求${ended ? "" : "（年度进行中）"}：${list(names, locale)}`, basis.replace(/^（|）$/g, "")];
  }
  return [`${ended ? MARK.missing : MARK.in_progress} Study hours short${ended ? "" : " (year in progress)"}: ${list(names, locale)}`];
}

function secretaryLectureLine(item: ComplianceItem, locale: Lang): string {
  const zh = locale === "zh";
  const name = item.subject?.name ?? "";
  if (item.status === "done") return zh ? `${MARK.done} 书记讲党课：${name}同志已讲党课${item.count}次` : `${MARK.done} The secretary gave ${item.count} party lecture(s)`;
  const mark = item.status === "missing" ? MARK.missing : MARK.in_progress;
  return zh ? `${mark} 书记讲党课：尚无${name}同志主讲的党课记录（书记每年至少讲1次党课）` : `${mark} No party lecture given by the secretary (${name}) on record yet`;
}

function termLine(item: ComplianceItem, locale: Lang): string {
  const zh = locale === "zh";
  const last = item.detail?.lastElection;
  const ends = item.detail?.termEnds;
  const when = (d?: { year: number; month: number }) => (d ? (zh ? `${d.year}年${d.month}月` : `${monthNameEn(d.month, false)} ${d.year}`) : "");
  if (item.status === "missing") {
    return zh ? `${MARK.missing} 换届：上次选举${when(last)}，任期已于${when(ends)}届满，应按期换届` : `${MARK.missing} Term: elected ${when(last)}, term ended ${when(ends)} — an election is due`;
  }
  return zh ? `${MARK.warning} 换届：上次选举${when(last)}，任期将于${when(ends)}届满，请提前做好换届准备` : `${MARK.warning} Term: elected ${when(last)}, term ends ${when(ends)}`;
}

/** The report as chat text: one line per rule (months/quarters listed), then quorum, talks, 学时 and a total line. */
export function renderComplianceText(report: ComplianceReport, locale: Lang): string {
  const zh = locale === "zh";
  const { year, asOf } = report;
  const header =
    report.scope === "past"
      ? zh ? `📋 ${year}年 制度落实检查（全年）` : `📋 Compliance check, ${year} (whole year)`
      : zh ? `📋 ${year}年 制度落实检查（截至${asOf.month}月${asOf.day}日）` : `📋 Compliance check, ${year} (as of ${asOf.day} ${monthNameEn(asOf.month, true)})`;
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
  if (!report.hasCommittee) {
    lines.push(zh ? "（正式党员不足7人，不设支部委员会，不检查支委会。）" : "(Fewer than 7 full members: no branch committee, so committee meetings are not checked.)");
  }
  for (const kind of SCHEDULED_KINDS) lines.push(...scheduledLines(kind, report.items.filter((i) => i.rule === kind), locale));
  for (const item of report.items.filter((i) => i.rule === "secretary_lecture")) lines.push(secretaryLectureLine(item, locale));
  for (const item of report.items.filter((i) => i.rule === "quorum")) lines.push(quorumLine(item, locale));
  for (const item of report.items.filter((i) => i.rule === "talk_pairs")) lines.push(talkLine(item, locale));
  lines.push(...coverageLines(report.items.filter((i) => i.rule === "talk_coverage"), locale));
  lines.push(...studyLines(report.items.filter((i) => i.rule === "study_hours"), locale));
  for (const item of report.items.filter((i) => i.rule === "term")) lines.push(termLine(item, locale));
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

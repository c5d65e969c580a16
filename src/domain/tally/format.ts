// Text of the /stats reply: 次 and 人次 per kind, grouped as in the year-end summary.
import type { Lang } from "../lang.js";
import { groupLabel, kindLabel } from "./labels.js";
import type { MemberRef, OrganisedTallies } from "./types.js";

export * from "./labels.js";

export function formatTallies(tallies: OrganisedTallies, periodLabel: string, locale: Lang): string {
  const zh = locale === "zh";
  const lines: string[] = [zh ? `📊 ${periodLabel} 台账统计` : `📊 Ledger tallies, ${periodLabel}`];
  if (tallies.totals.events === 0) {
    lines.push(zh ? "本期暂无记录。" : "No records in this period.");
    return lines.join("\n");
  }
  for (const g of tallies.groups) {
    lines.push("", zh ? `【${groupLabel(g.group, "zh")}】` : `[${groupLabel(g.group, "en")}]`);
    for (const t of g.kinds) {
      const name = kindLabel(t.kind, locale);
      lines.push(zh ? `${name} ${t.events}次 / ${t.personTimes}人次` : `${name}: ${t.events} × / ${t.personTimes} person-times`);
    }
  }
  const { events, personTimes } = tallies.totals;
  lines.push(
    "",
    zh
      ? `合计 ${events}次 / ${personTimes}人次（一次活动含多个类型时只计一次）`
      : `Total: ${events} events / ${personTimes} person-times (an event with several kinds counts once)`,
  );
  return lines.join("\n");
}

/** "本季度尚未参加活动：李四、王五" — no ranking, names only. */
export function formatNonAttendees(members: readonly MemberRef[], periodLabel: string, locale: Lang): string {
  if (locale === "zh") {
    return members.length === 0
      ? `${periodLabel} 全体党员均已参加活动。`
      : `${periodLabel} 尚未参加活动（${members.length}人）：${members.map((m) => m.name).join("、")}`;
  }
  return members.length === 0
    ? `${periodLabel}: every member has taken part.`
    : `${periodLabel}: not yet taken part (${members.length}): ${members.map((m) => m.name).join(", ")}`;
}

// Human text for the /remind settings, the /next command and the reminder messages themselves.
import type { Lang } from "../lang.js";
import type { LocalDate } from "../activity.js";
import { chineseDaysCalendar, type HolidayCalendar } from "./calendar.js";
import { daysBetween, isoWeekday, localDateOf } from "../calendar/index.js";
import type { ReminderOffset, ThemeDayRule } from "./rule.js";
import { upcomingOccurrences, type Delivery, type Occurrence } from "./schedule.js";


const ZH_NUM = ["", "一", "二", "三", "四", "五"];
const ZH_WEEKDAY = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const EN_WEEKDAY = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const EN_NTH = ["", "first", "second", "third", "fourth", "fifth"];
const EN_MONTH = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** The pattern, with its notes (short months, missing 5th weekday, holiday handling) in one bracket. */
function patternText(rule: ThemeDayRule, locale: Lang): string {
  const p = rule.pattern;
  const zh = locale === "zh";
  let main: string;
  const notes: string[] = [];
  if (p.type === "day_of_month") {
    main = zh ? `每月${p.day}日` : `monthly on the ${ordinal(p.day)}`;
    if (p.day >= 29) notes.push(zh ? "当月没有该日时取月末" : "the last day in shorter months");
  } else if (p.type === "last_workday") {
    main = zh ? "每月最后一个工作日" : "monthly on the last workday";
  } else {
    main = zh
      ? `每月${p.n === -1 ? "最后一" : `第${ZH_NUM[p.n]}`}个${ZH_WEEKDAY[p.weekday]}`
      : `monthly on the ${p.n === -1 ? "last" : EN_NTH[p.n]} ${EN_WEEKDAY[p.weekday]}`;
    if (p.n === 5) notes.push(zh ? "不足五个时取最后一个" : "the last one if there is no fifth");
  }
  if (p.type !== "last_workday") notes.push(SHIFT[locale][rule.onNonWorkday]);
  if (!notes.length) return main;
  return zh ? `${main}（${notes.join("；")}）` : `${main} (${notes.join("; ")})`;
}

const SHIFT = {
  zh: { keep: "遇节假日照常举行", next_workday: "遇节假日顺延至下一个工作日", previous_workday: "遇节假日提前至上一个工作日" },
  en: {
    keep: "held even on holidays",
    next_workday: "moved to the next workday if that is a holiday",
    previous_workday: "moved to the previous workday if that is a holiday",
  },
} as const;

function offsetText(r: ReminderOffset, locale: Lang): string {
  if (locale === "zh") return `${r.daysBefore === 0 ? "当天" : `提前${r.daysBefore}天`} ${r.time}`;
  if (r.daysBefore === 0) return `on the day at ${r.time}`;
  return `${r.daysBefore} day${r.daysBefore === 1 ? "" : "s"} before at ${r.time}`;
}

function list(items: string[], locale: Lang): string {
  if (locale === "zh") return items.join("、");
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const TARGET = {
  zh: { group: "发送到支部群", members: "私信每位党员", both: "发送到支部群并私信每位党员" },
  en: { group: "sent to the branch group", members: "sent privately to every member", both: "sent to the group and privately to every member" },
} as const;

/** e.g. "每月第一个周五（遇节假日顺延至下一个工作日）；提前3天 09:00、当天 08:30 提醒；…" */
export function describeRule(rule: ThemeDayRule, locale: Lang): string {
  const zh = locale === "zh";
  const parts = [patternText(rule, locale)];
  const offsets = rule.reminders.map((r) => offsetText(r, locale));
  if (zh) parts.push(offsets.length ? `${list(offsets, locale)} 提醒，${TARGET.zh[rule.target]}` : "不发提前提醒");
  else parts.push(offsets.length ? `reminders ${list(offsets, locale)}, ${TARGET.en[rule.target]}` : "no advance reminders");
  const f = rule.followUp;
  if (f.enabled) {
    if (zh) parts.push(`${f.daysAfter === 0 ? "当天" : "次日"} ${f.time} 询问书记是否已登记`);
    else parts.push(`the secretary is asked to log it ${f.daysAfter === 0 ? "on the day" : "the next day"} at ${f.time}`);
  }
  if (rule.theme) parts.push(zh ? `主题：${rule.theme}` : `theme: ${rule.theme}`);
  const text = parts.join(zh ? "；" : "; ");
  return zh ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2月2日 周五" / "Fri 2 Feb"; the year is added when it is not the current one. */
export function formatDay(d: LocalDate, locale: Lang, currentYear?: number): string {
  const withYear = currentYear !== undefined && currentYear !== d.year;
  const w = isoWeekday(d);
  if (locale === "zh") return `${withYear ? `${d.year}年` : ""}${d.month}月${d.day}日 ${ZH_WEEKDAY[w]}`;
  return `${EN_WEEKDAY[w]?.slice(0, 3)} ${d.day} ${EN_MONTH[d.month]}${withYear ? ` ${d.year}` : ""}`;
}

/** 今天 / 明天 / 后天 / 3天后 / 昨天 / 前天 / 3天前 (and English). */
export function relativeDay(from: LocalDate, to: LocalDate, locale: Lang): string {
  const n = daysBetween(from, to);
  if (locale === "zh") {
    const named: Record<number, string> = { [-2]: "前天", [-1]: "昨天", 0: "今天", 1: "明天", 2: "后天" };
    return named[n] ?? (n > 0 ? `${n}天后` : `${-n}天前`);
  }
  const named: Record<number, string> = { [-1]: "yesterday", 0: "today", 1: "tomorrow" };
  return named[n] ?? (n > 0 ? `in ${n} days` : `${-n} days ago`);
}

function deliveryLine(d: Delivery, locale: Lang, year: number): string {
  const when = `${formatDay(d.localDate, locale, year)} ${d.localTime}`;
  if (d.kind === "followup") return locale === "zh" ? `${when} 询问书记是否已登记` : `${when}: ask the secretary to log it`;
  const offset = daysBetween(d.localDate, d.themeDay);
  if (locale === "zh") return `${when}（${offset === 0 ? "当天" : `提前${offset}天`}）`;
  return `${when} (${offset === 0 ? "on the day" : `${offset} day${offset === 1 ? "" : "s"} before`})`;
}

/** When (relative), whether it is a make-up workday (调休上班), and why the date moved. */
function occurrenceNotes(o: Occurrence, today: LocalDate, locale: Lang, holidays: HolidayCalendar): string {
  const zh = locale === "zh";
  const notes = [relativeDay(today, o.themeDay, locale)];
  if (isoWeekday(o.themeDay) >= 6 && holidays.isWorkday(o.themeDay)) notes.push(zh ? "调休上班日" : "a make-up workday");
  if (o.shifted) {
    const name = holidays.holidayName?.(o.nominal, locale);
    const nominal = formatDay(o.nominal, locale, today.year);
    notes.push(zh ? `原定${nominal}，${name ? `${name}假期` : "非工作日"}，已调整` : `moved from ${nominal}, ${name ?? "not a workday"}`);
  }
  return zh ? `（${notes.join("；")}）` : ` (${notes.join("; ")})`;
}

export interface DescribeNextOptions {
  now: Date;
  timeZone: string;
  locale: Lang;
  holidays?: HolidayCalendar;
}

/** The /next answer: the next 主题党日 and which reminders will still go out. */
export function describeNext(rule: ThemeDayRule, opts: DescribeNextOptions): string {
  const { locale, now } = opts;
  const holidays = opts.holidays ?? chineseDaysCalendar;
  const zh = locale === "zh";
  const [o] = upcomingOccurrences(rule, { now, timeZone: opts.timeZone, holidays, count: 1 });
  if (!o) return zh ? "暂无下一次主题党日。" : "No upcoming theme day.";
  const today = localDateOf(now, opts.timeZone);
  const when = formatDay(o.themeDay, locale, today.year) + occurrenceNotes(o, today, locale, holidays);
  const lines = [zh ? `下一次主题党日：${when}` : `Next theme day (主题党日): ${when}`];
  if (rule.theme) lines.push(zh ? `主题：${rule.theme}` : `Theme: ${rule.theme}`);
  const pending = o.deliveries.filter((d) => d.at > now.toISOString());
  const items = pending.map((d) => deliveryLine(d, locale, today.year));
  if (zh) lines.push(items.length ? `将发送的提醒：\n${items.map((i) => `· ${i}`).join("\n")}` : "本次的提醒都已到发送时间。");
  else lines.push(items.length ? `Reminders to go out:\n${items.map((i) => `· ${i}`).join("\n")}` : "Every reminder for it is past its time.");
  if (o.approximate) {
    const year = o.themeDay.year;
    lines.push(
      zh
        ? `注：暂无${year}年的官方节假日安排，日期仅按周末推算，公布后可能调整。`
        : `Note: the official ${year} holiday schedule is not available yet; only weekends were considered, so the date may change.`,
    );
  }
  return lines.join("\n");
}

/** The text of a reminder message, worded for when it is actually sent (catch-up safe). */
export function describeDelivery(
  d: Delivery,
  opts: { now: Date; timeZone: string; locale: Lang; theme?: string | null },
): string {
  const zh = opts.locale === "zh";
  const today = localDateOf(opts.now, opts.timeZone);
  const rel = relativeDay(today, d.themeDay, opts.locale);
  const day = formatDay(d.themeDay, opts.locale, today.year);
  const logDate = `${d.themeDay.month}月${d.themeDay.day}日`;
  if (d.kind === "followup") {
    return zh
      ? `${rel}（${day}）的主题党日记录了吗？发一句话即可登记，例如：\n/log ${logDate} 主题党日 ${opts.theme ? `“${opts.theme}” ` : ""}12人参加`
      : `Has the theme day (主题党日) of ${rel}, ${day}, been logged? One line is enough, e.g.\n/log ${logDate} 主题党日 ${opts.theme ? `“${opts.theme}” ` : ""}12人参加`;
  }
  const theme = opts.theme ? (zh ? `\n主题：${opts.theme}` : `\nTheme: ${opts.theme}`) : "";
  return zh ? `【主题党日提醒】${rel}（${day}）是本支部的主题党日。${theme}` : `Reminder: the branch theme day (主题党日) is ${rel}, ${day}.${theme}`;
}

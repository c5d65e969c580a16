// When the reminders of a branch's 主题党日 go out, and which are due now (for the scheduler).
// Pure: the caller passes `now`; exactly-once is the database's job (unique delivery key).
import type { LocalDate } from "../activity.js";
import { chineseDaysCalendar, type HolidayCalendar } from "./calendar.js";
import {
  addDays,
  addMonths,
  assertTimeZone,
  compareLocalDate,
  formatLocalDate,
  instantAt,
  localDateOf,
  type HHMM,
} from "../calendar/index.js";
import type { ThemeDayRule } from "./rule.js";
import { resolveThemeDay, type ResolvedThemeDay } from "./themeDay.js";

/** Who a delivery goes to, as the caller names it: "group", "secretary", a Telegram user id… */
export type Recipient = string | number;

export interface Delivery {
  /** "before": a reminder ahead of / on the theme day; "followup": "今天的主题党日记录了吗？" to the secretary. */
  kind: "before" | "followup";
  /** Stable within an occurrence: "d-3@09:00", "d-0@08:30", "followup@18:00", "followup+1@18:00". */
  offsetKey: string;
  /** The rule's month the theme day belongs to: "2024-02". */
  occurrenceKey: string;
  /** When to send: ISO-8601 UTC ("2024-01-30T01:00:00.000Z"). */
  at: string;
  /** Not worth sending from this instant on (ISO-8601 UTC); see dueDeliveries. */
  expiresAt: string;
  /** The branch-local date and time of `at`. */
  localDate: LocalDate;
  localTime: HHMM;
  themeDay: LocalDate;
  /** Unique delivery key, see deliveryKey. */
  key(branchId: string | number, recipient: Recipient): string;
}

export interface Occurrence extends ResolvedThemeDay {
  /** Sorted by `at`. */
  deliveries: Delivery[];
}

export interface ScheduleOptions {
  now: Date;
  /** IANA zone of the branch, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Defaults to chineseDaysCalendar. */
  holidays?: HolidayCalendar;
}

export type SkipReason = "expired" | "superseded";
export type SkippedDelivery = Delivery & { reason: SkipReason };

/**
 * `${branchId}:${occurrenceKey}:${themeDay}:${offset without its time}:${recipient}`. The theme day's
 * date is in the key, so moving the day brings new reminders; the clock time is not, so moving a
 * reminder's time after it went out does not send it again.
 */
export function deliveryKey(
  branchId: string | number,
  d: Pick<Delivery, "occurrenceKey" | "offsetKey"> & { themeDay?: LocalDate },
  recipient: Recipient,
): string {
  const offset = d.offsetKey.replace(/@\d{2}:\d{2}$/, "");
  const day = d.themeDay ? `${formatLocalDate(d.themeDay)}:` : "";
  return `${branchId}:${d.occurrenceKey}:${day}${offset}:${recipient}`;
}

type DeliveryData = Omit<Delivery, "key">;

function makeDelivery(data: DeliveryData): Delivery {
  return { ...data, key: (branchId, recipient) => deliveryKey(branchId, data, recipient) };
}

function planned(
  kind: Delivery["kind"],
  offsetKey: string,
  occurrenceKey: string,
  themeDay: LocalDate,
  date: LocalDate,
  time: HHMM,
  expiresOn: LocalDate,
  timeZone: string,
): Delivery {
  return makeDelivery({
    kind,
    offsetKey,
    occurrenceKey,
    at: instantAt(date, time, timeZone).toISOString(),
    expiresAt: instantAt(expiresOn, "00:00", timeZone).toISOString(),
    localDate: date,
    localTime: time,
    themeDay,
  });
}

/**
 * The occurrence of the rule's month (year, month) with its planned deliveries.
 * A "before" reminder expires when the theme day ends (local midnight after it); a follow-up at
 * the end of the day after its own day.
 */
export function occurrenceFor(
  rule: ThemeDayRule,
  year: number,
  month: number,
  timeZone: string,
  holidays: HolidayCalendar = chineseDaysCalendar,
): Occurrence {
  const resolved = resolveThemeDay(rule, year, month, { holidays });
  const { themeDay, occurrenceKey } = resolved;
  const deliveries: Delivery[] = rule.reminders.map((r) =>
    planned("before", `d-${r.daysBefore}@${r.time}`, occurrenceKey, themeDay, addDays(themeDay, -r.daysBefore), r.time, addDays(themeDay, 1), timeZone),
  );
  const f = rule.followUp;
  if (f.enabled) {
    const date = addDays(themeDay, f.daysAfter);
    const offsetKey = f.daysAfter === 0 ? `followup@${f.time}` : `followup+${f.daysAfter}@${f.time}`;
    deliveries.push(planned("followup", offsetKey, occurrenceKey, themeDay, date, f.time, addDays(date, 2), timeZone));
  }
  deliveries.sort(byAt);
  return { ...resolved, deliveries };
}

function byAt(a: Delivery, b: Delivery): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.offsetKey.localeCompare(b.offsetKey);
}

/** Occurrences of the rule's months from `from` (relative to the current local month) on. */
function occurrencesAround(rule: ThemeDayRule, opts: ScheduleOptions, from: number, to: number): Occurrence[] {
  assertTimeZone(opts.timeZone);
  const today = localDateOf(opts.now, opts.timeZone);
  const out: Occurrence[] = [];
  for (let delta = from; delta <= to; delta++) {
    const { year, month } = addMonths(today.year, today.month, delta);
    out.push(occurrenceFor(rule, year, month, opts.timeZone, opts.holidays ?? chineseDaysCalendar));
  }
  return out;
}

/**
 * The next `count` (default 3) theme days that are today or later in the branch's zone, soonest
 * first, each with all its planned deliveries (including ones already past today).
 */
export function upcomingOccurrences(rule: ThemeDayRule, opts: ScheduleOptions & { count?: number }): Occurrence[] {
  const count = Math.max(0, Math.floor(opts.count ?? 3));
  const today = localDateOf(opts.now, opts.timeZone);
  // one month back: an occurrence moved forward across the month end (e.g. 9/30 → 10/7)
  return occurrencesAround(rule, opts, -1, count + 1)
    .filter((o) => compareLocalDate(o.themeDay, today) >= 0)
    .sort((a, b) => compareLocalDate(a.themeDay, b.themeDay) || a.occurrenceKey.localeCompare(b.occurrenceKey))
    .slice(0, count);
}

/** Without lastCheckedAt, how far back dueDeliveries looks (> 14 days before + the theme day). */
export const CATCH_UP_DAYS = 16;

export interface DueResult {
  /** Send these (in this order), each recorded under its delivery key. */
  due: Delivery[];
  /** Their time has come but they are no longer useful; report, do not send. */
  skipped: SkippedDelivery[];
}

/**
 * The deliveries whose time has come (at <= now), split into due and skipped.
 *
 * - lastCheckedAt: the `now` of the previous *completed* run. Deliveries with at <= lastCheckedAt
 *   were handled then and are left out. Without it the window starts CATCH_UP_DAYS before `now`,
 *   which still holds every delivery that can be useful (a reminder is at most 14 days before its
 *   theme day); repeats are stopped by the unique delivery key.
 * - A "before" reminder missed during downtime is still due until its theme day ends (local
 *   midnight); after that it is skipped as "expired".
 * - When several deliveries of one occurrence have come due, a "before" reminder followed by a
 *   later one (before or follow-up) is skipped as "superseded": one message, not a burst.
 * - A follow-up is due until the end of the day after its own day, then "expired".
 * - Occurrences of the rule's months from two months back to next month are considered, so a
 *   reminder for a theme day on the 1st of next month, or one moved across a month end, is seen.
 */
export function dueDeliveries(rule: ThemeDayRule, opts: ScheduleOptions & { lastCheckedAt?: Date }): DueResult {
  const now = opts.now.toISOString();
  const since = (opts.lastCheckedAt ?? new Date(opts.now.getTime() - CATCH_UP_DAYS * 86_400_000)).toISOString();
  const due: Delivery[] = [];
  const skipped: SkippedDelivery[] = [];
  for (const occurrence of occurrencesAround(rule, opts, -2, 1)) {
    const arrived = occurrence.deliveries.filter((d) => d.at <= now);
    for (const d of arrived) {
      if (d.at <= since) continue;
      if (now >= d.expiresAt) skipped.push({ ...d, reason: "expired" });
      else if (d.kind === "before" && arrived.some((later) => later.at > d.at)) skipped.push({ ...d, reason: "superseded" });
      else due.push(d);
    }
  }
  return { due: due.sort(byAt), skipped: skipped.sort(byAt) };
}

// Which date a branch's 主题党日 falls on in a given month.
import type { LocalDate } from "../activity.js";
import { chineseDaysCalendar, type HolidayCalendar } from "./calendar.js";
import { addDays, daysInMonth, instantAt, isoWeekday, monthKey, type HHMM } from "../calendar/index.js";
import type { ThemeDayPattern, ThemeDayRule } from "./rule.js";

export interface CalendarOptions {
  holidays: HolidayCalendar;
}

export interface ResolvedThemeDay {
  /** "2023-10": the month the occurrence belongs to (even when moved into a neighbouring month). */
  occurrenceKey: string;
  /** The date the pattern gives before onNonWorkday is applied. */
  nominal: LocalDate;
  /** The date the theme day is held. */
  themeDay: LocalDate;
  /** themeDay differs from nominal (moved off a holiday / weekend). */
  shifted: boolean;
  /** The calendar has no official holiday data for a year involved: weekends-only fallback used. */
  approximate: boolean;
}

/** How far onNonWorkday searches for a workday before giving up (longest real break: 8–9 days). */
const MAX_SHIFT_DAYS = 31;

/** The last official workday of a month (the month's last day if the calendar has none). */
export function lastWorkdayOf(year: number, month: number, holidays: HolidayCalendar): LocalDate {
  for (let day = daysInMonth(year, month); day >= 1; day--) {
    const d = { year, month, day };
    if (holidays.isWorkday(d)) return d;
  }
  return { year, month, day: daysInMonth(year, month) };
}

/** The date a pattern names in a month, before any holiday adjustment. */
export function nominalThemeDay(pattern: ThemeDayPattern, year: number, month: number, holidays: HolidayCalendar): LocalDate {
  const last = daysInMonth(year, month);
  switch (pattern.type) {
    case "day_of_month":
      return { year, month, day: Math.min(pattern.day, last) };
    case "nth_weekday": {
      const firstWeekday = isoWeekday({ year, month, day: 1 });
      const firstMatch = 1 + ((pattern.weekday - firstWeekday + 7) % 7);
      const day = firstMatch + 7 * (pattern.n - 1);
      if (pattern.n !== -1 && day <= last) return { year, month, day };
      // the last such weekday (also when a 5th one does not exist this month)
      const lastWeekday = isoWeekday({ year, month, day: last });
      return { year, month, day: last - ((lastWeekday - pattern.weekday + 7) % 7) };
    }
    case "last_workday":
      return lastWorkdayOf(year, month, holidays);
  }
}

function moveToWorkday(d: LocalDate, step: 1 | -1, holidays: HolidayCalendar): LocalDate {
  let candidate = d;
  for (let i = 0; i < MAX_SHIFT_DAYS; i++) {
    candidate = addDays(candidate, step);
    if (holidays.isWorkday(candidate)) return candidate;
  }
  return d; // a calendar without workdays: keep the date rather than loop
}

/** The theme day of a month with all the detail (nominal date, whether moved, approximate data). */
export function resolveThemeDay(
  rule: Pick<ThemeDayRule, "pattern" | "onNonWorkday">,
  year: number,
  month: number,
  opts: CalendarOptions,
): ResolvedThemeDay {
  const { holidays } = opts;
  const nominal = nominalThemeDay(rule.pattern, year, month, holidays);
  let themeDay = nominal;
  if (rule.pattern.type !== "last_workday" && rule.onNonWorkday !== "keep" && !holidays.isWorkday(nominal)) {
    themeDay = moveToWorkday(nominal, rule.onNonWorkday === "next_workday" ? 1 : -1, holidays);
  }
  const shifted = themeDay.day !== nominal.day || themeDay.month !== nominal.month || themeDay.year !== nominal.year;
  return {
    occurrenceKey: monthKey(year, month),
    nominal,
    themeDay,
    shifted,
    approximate: !holidays.covers(nominal.year) || !holidays.covers(themeDay.year),
  };
}

/**
 * The date of the month's 主题党日 under the rule. Moving off a non-workday may cross into the
 * neighbouring month (day 1 of Oct 2023 with previous_workday → 2023-09-28); the occurrence still
 * belongs to the rule's month (see resolveThemeDay().occurrenceKey).
 */
export function themeDayOf(
  rule: Pick<ThemeDayRule, "pattern" | "onNonWorkday">,
  year: number,
  month: number,
  opts: CalendarOptions,
): LocalDate {
  return resolveThemeDay(rule, year, month, opts).themeDay;
}

/**
 * The instant for the month-end nudge ("no 支委会 logged this month"): the last official workday
 * of the month at `time` local. ISO-8601 UTC.
 */
export function monthEndCheckAt(
  year: number,
  month: number,
  timeZone: string,
  time: HHMM = "17:00",
  holidays: HolidayCalendar = chineseDaysCalendar,
): string {
  return instantAt(lastWorkdayOf(year, month, holidays), time, timeZone).toISOString();
}

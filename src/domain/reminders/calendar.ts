// Which days are official workdays. Injected everywhere so tests can use a fake.
//
// chineseDaysCalendar reads the data table shipped with chinese-days (dist/chinese-days.json)
// rather than calling its isWorkday(): the library builds its lookup keys with the host's local
// time, so on a server in a UTC-negative zone (e.g. America/Los_Angeles) it shifts every holiday
// by one day. The data table itself is correct and host-independent.
import { createRequire } from "node:module";
import type { Lang } from "../lang.js";
import type { LocalDate } from "../activity.js";
import { formatLocalDate, isoWeekday } from "../calendar/index.js";

export interface HolidayCalendar {
  /** An official working day: Mon–Fri that is not a public holiday, or a make-up workday (调休上班). */
  isWorkday(d: LocalDate): boolean;
  /** True when official holiday data exists for the year; otherwise isWorkday is weekends-only. */
  covers(year: number): boolean;
  /** Optional: the holiday / make-up-day name of the date, for messages. */
  holidayName?(d: LocalDate, locale: Lang): string | null;
}

/** Monday to Friday are workdays; knows no holidays. Covers no year (its answers are approximate). */
export const weekendsOnlyCalendar: HolidayCalendar = {
  isWorkday: (d) => isoWeekday(d) <= 5,
  covers: () => false,
};

interface ChineseDaysData {
  holidays: Record<string, string>; // "2023-10-01": "National Day,国庆节,3"
  workdays: Record<string, string>; // make-up workdays (调休上班)
}

const require = createRequire(import.meta.url);
const data = require("chinese-days/dist/chinese-days.json") as ChineseDaysData;

function yearsOf(table: ChineseDaysData): Set<number> {
  const years = new Set<number>();
  for (const key of Object.keys(table.holidays)) years.add(Number(key.slice(0, 4)));
  return years;
}

const coveredYears = yearsOf(data);

/** The years chinese-days has official data for (2004–2026 in chinese-days 1.5.7). */
export const CHINESE_DAYS_COVERAGE: { first: number; last: number } = {
  first: Math.min(...coveredYears),
  last: Math.max(...coveredYears),
};

/** Build a calendar from a chinese-days-shaped table (exported for tests with a fake table). */
export function calendarFromTable(table: ChineseDaysData): HolidayCalendar {
  const years = yearsOf(table);
  const covers = (year: number): boolean => years.has(year);
  return {
    covers,
    isWorkday(d) {
      if (!covers(d.year)) return weekendsOnlyCalendar.isWorkday(d);
      const key = formatLocalDate(d);
      if (table.workdays[key] !== undefined) return true;
      if (table.holidays[key] !== undefined) return false;
      return isoWeekday(d) <= 5;
    },
    holidayName(d, locale) {
      const key = formatLocalDate(d);
      const raw = table.workdays[key] ?? table.holidays[key];
      if (raw === undefined) return null;
      const [en, zh] = raw.split(",");
      return (locale === "zh" ? zh : en) ?? null;
    },
  };
}

/** China's official calendar (public holidays and 调休 make-up workdays) from chinese-days. */
export const chineseDaysCalendar: HolidayCalendar = calendarFromTable(data);

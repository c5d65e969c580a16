// Calendar dates in a branch's time zone, and the UTC instants of their local midnights.
import { TZDate } from "@date-fns/tz";
import type { LocalDate } from "../activity.js";

export type { LocalDate };

export type Quarter = 1 | 2 | 3 | 4;

/** The calendar date an instant falls on in `timeZone`. */
export function localDateOf(isoUtc: string | Date, timeZone: string): LocalDate {
  const instant = typeof isoUtc === "string" ? new Date(isoUtc) : isoUtc;
  const local = new TZDate(instant.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** UTC instant (ISO string) of local midnight at the start of year-month-day in `timeZone`. Overflowing months roll over. */
export function localMidnightUtc(year: number, month: number, day: number, timeZone: string): string {
  const local = new TZDate(year, month - 1, day, 0, 0, 0, 0, timeZone);
  return new Date(local.getTime()).toISOString();
}

export function quarterOfMonth(month: number): Quarter {
  return (Math.floor((month - 1) / 3) + 1) as Quarter;
}

/** The quarter (1-4) a local date falls in. */
export function quarterOf(date: Pick<LocalDate, "month">): Quarter {
  return quarterOfMonth(date.month);
}

/** The twelve month keys of a year: "2023-01" … "2023-12". */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1));
}

/** The months (1-12) of a quarter. */
export function monthsOfQuarter(quarter: Quarter): [number, number, number] {
  const first = (quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2];
}

export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function quarterKey(year: number, quarter: Quarter): string {
  return `${year}-Q${quarter}`;
}

/** "2023-03-05" */
export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** True when `timeZone` is an IANA name (or offset) the runtime understands. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

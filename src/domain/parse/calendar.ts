import { TZDate } from "@date-fns/tz";
import type { LocalDate } from "../activity.js";

/** Today's calendar date in the given time zone. */
export function todayIn(now: Date, timeZone: string): LocalDate {
  const d = new TZDate(now.getTime(), timeZone);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function toUtc(d: LocalDate): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

function fromUtc(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromUtc(toUtc(d) + days * 86_400_000);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return toUtc(a) - toUtc(b);
}

/** 1 = Monday … 7 = Sunday (Chinese weeks start on Monday). */
export function isoWeekday(d: LocalDate): number {
  const wd = new Date(toUtc(d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The month `offset` months from (year, month). */
export function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

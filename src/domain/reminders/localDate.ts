// Calendar-date arithmetic on LocalDate (no time zone involved) and the two bridges between a
// local date + "HH:MM" in a branch's time zone and a UTC instant (via @date-fns/tz).
import { TZDate } from "@date-fns/tz";
import type { LocalDate } from "../activity.js";

/** "HH:MM", 24-hour clock, local to the branch. */
export type HHMM = string;

const toUtc = (d: LocalDate): Date => new Date(Date.UTC(d.year, d.month - 1, d.day));
const fromUtc = (t: Date): LocalDate => ({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });

export function localDate(year: number, month: number, day: number): LocalDate {
  return { year, month, day };
}

/** "2024-02-02" */
export function formatLocalDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, "0")}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** "2024-02": the key of a (nominal) month. */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

export function addDays(d: LocalDate, days: number): LocalDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function sameLocalDate(a: LocalDate, b: LocalDate): boolean {
  return compareLocalDate(a, b) === 0;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  return ((toUtc(d).getUTCDay() + 6) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month `delta` months after (year, month). */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** Throws a RangeError for a time zone the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
}

/** The calendar date of an instant in a time zone. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const t = new TZDate(instant.getTime(), timeZone);
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

/** The local "HH:MM" of an instant in a time zone. */
export function localTimeAt(instant: Date, timeZone: string): HHMM {
  const t = new TZDate(instant.getTime(), timeZone);
  return `${pad2(t.getHours())}:${pad2(t.getMinutes())}`;
}

/**
 * The instant of a local date and time in a time zone. DST: a wall time that does not exist
 * (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of March) moves forward by the
 * gap (03:30 local); an ambiguous one (fall back) resolves to the later instant (standard time).
 */
export function instantAt(d: LocalDate, time: HHMM, timeZone: string): Date {
  const [hh, mm] = time.split(":").map(Number);
  const t = new TZDate(d.year, d.month - 1, d.day, hh ?? 0, mm ?? 0, 0, 0, timeZone);
  const ms = t.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Cannot place ${formatLocalDate(d)} ${time} in ${timeZone}`);
  return new Date(ms);
}

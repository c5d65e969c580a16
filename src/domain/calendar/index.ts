// The one calendar: dates in a branch's time zone, built on date-fns + @date-fns/tz.
// Every local-date helper lives here (a test fails when one is defined anywhere else).
// A LocalDate is a wall-calendar date with no time zone; instants are UTC (Date or ISO string).
import { TZDate, tz, tzOffset } from "@date-fns/tz";
// One module per function, not the "date-fns" barrel (its ~300 modules cost about 9 MB at idle).
import { addDays as addDaysFns } from "date-fns/addDays";
import { addMonths as addMonthsFns } from "date-fns/addMonths";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { getDaysInMonth } from "date-fns/getDaysInMonth";
import { getISODay } from "date-fns/getISODay";
import { isValid } from "date-fns/isValid";

/** A calendar date in the branch's time zone. */
export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** "HH:MM", 24-hour clock, local to the branch. */
export type HHMM = string;

export type Quarter = 1 | 2 | 3 | 4;

export type PartOfDay = "morning" | "afternoon" | "evening";

// Date arithmetic on LocalDate runs in UTC, where every day has 24 hours.
const inUtc = tz("UTC");
const utcDay = (d: LocalDate): TZDate => new TZDate(d.year, d.month - 1, d.day, "UTC");
const dateOf = (t: Date): LocalDate => ({ year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() });
const instant = (value: string | Date): number => (typeof value === "string" ? Date.parse(value) : value.getTime());

export function localDate(year: number, month: number, day: number): LocalDate {
  return { year, month, day };
}

// ---- time zones ----

/** True when `timeZone` is an IANA name (or offset) the runtime understands. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError for a time zone the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
}

// ---- instants ↔ local dates ----

const DAY_MS = 86_400_000;
/** Per time zone, per UTC day: the zone's offset (minutes) when it holds all day, else null (a change that day). */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** The offset of `timeZone` throughout the UTC day `day`, or null when it changes during that day. */
function offsetAllDay(timeZone: string, day: number): number | null {
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const first = tzOffset(timeZone, new Date(day * DAY_MS));
    offset = first === tzOffset(timeZone, new Date(day * DAY_MS + DAY_MS - 1)) ? first : null;
    if (days.size >= 100_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/**
 * The calendar date an instant falls on in `timeZone`. A year's report asks this for thousands of
 * records: the zone's offset is looked up once per UTC day (zones change offset at most once a day),
 * and only a day with a change goes through TZDate.
 */
export function localDateOf(value: string | Date, timeZone: string): LocalDate {
  const ms = instant(value);
  const offset = Number.isFinite(ms) ? offsetAllDay(timeZone, Math.floor(ms / DAY_MS)) : null;
  if (offset === null || !Number.isFinite(offset)) return dateOf(new TZDate(ms, timeZone));
  const shifted = new Date(ms + offset * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Today's calendar date in `timeZone`. */
export function todayIn(now: Date, timeZone: string): LocalDate {
  return localDateOf(now, timeZone);
}

/** The local clock time of an instant: hour and minute. */
export function localClockOf(value: string | Date, timeZone: string): { hour: number; minute: number } {
  const t = new TZDate(instant(value), timeZone);
  return { hour: t.getHours(), minute: t.getMinutes() };
}

/** The local "HH:MM" of an instant in a time zone. */
export function localTimeOf(value: string | Date, timeZone: string): HHMM {
  const { hour, minute } = localClockOf(value, timeZone);
  return `${pad2(hour)}:${pad2(minute)}`;
}

const HOURS_3 = 3 * 3_600_000;

/**
 * The instant (ms) of a local wall time in `timeZone`; fields overflow as in Date.UTC. Every report
 * places its date this way: when the zone's offset holds for three hours either side (no change near,
 * so the wall time exists and is not ambiguous) it is the wall time less the offset; else TZDate decides.
 */
function wallTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offset = year >= 100 ? offsetAllDay(timeZone, Math.floor(wall / DAY_MS)) : null;
  if (offset !== null && Number.isFinite(offset)) {
    const t = wall - offset * 60_000;
    const holds = (ms: number) => offsetAllDay(timeZone, Math.floor(ms / DAY_MS)) === offset;
    if (holds(t) && holds(t - HOURS_3) && holds(t + HOURS_3)) return t;
  }
  return new TZDate(year, month - 1, day, hour, minute, 0, 0, timeZone).getTime();
}

/** UTC instant (ISO string) of local midnight at the start of year-month-day in `timeZone`. Overflowing months roll over. */
export function localMidnightUtc(year: number, month: number, day: number, timeZone: string): string {
  return new Date(wallTimeToInstant(year, month, day, 0, 0, timeZone)).toISOString();
}

/**
 * The instant of a local date and time in a time zone. DST: a wall time that does not exist
 * (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of March) moves forward by the
 * gap (03:30 local); an ambiguous one (fall back) resolves to the later instant (standard time).
 */
export function instantAt(d: LocalDate, time: HHMM, timeZone: string): Date {
  const [hh, mm] = time.split(":").map(Number);
  const ms = wallTimeToInstant(d.year, d.month, d.day, hh ?? 0, mm ?? 0, timeZone);
  if (Number.isNaN(ms)) throw new RangeError(`Cannot place ${formatLocalDate(d)} ${time} in ${timeZone}`);
  return new Date(ms);
}

const PART_HOUR: Record<PartOfDay, number> = { morning: 9, afternoon: 15, evening: 19 };

/**
 * The UTC instant stored for an activity: the given clock time, else a representative hour of the
 * part of day, else noon (so the local date is the same in any nearby zone). ISO string out.
 */
export function instantOf(
  date: LocalDate,
  time: { hour: number; minute: number } | null,
  partOfDay: PartOfDay | null,
  timeZone: string,
): string {
  const hour = time?.hour ?? (partOfDay ? PART_HOUR[partOfDay] : 12);
  const minute = time?.minute ?? 0;
  return new Date(wallTimeToInstant(date.year, date.month, date.day, hour, minute, timeZone)).toISOString();
}

/** The part of day a stored hour stands for (noon: none), the inverse of instantOf's choice. */
export function partOfDayOf(hour: number): PartOfDay | null {
  if (hour < 12) return "morning";
  if (hour === 12) return null;
  return hour < 18 ? "afternoon" : "evening";
}

/** [start, end) of a local calendar day, as ISO instants. */
export function dayBounds(date: LocalDate, timeZone: string): { start: string; end: string } {
  return {
    start: localMidnightUtc(date.year, date.month, date.day, timeZone),
    end: localMidnightUtc(date.year, date.month, date.day + 1, timeZone),
  };
}

/** The calendar year containing `now`, as UTC instants of its local-midnight bounds. */
export function localYearBounds(now: Date, timeZone: string): { start: Date; end: Date; year: number } {
  const { year } = localDateOf(now, timeZone);
  return { year, start: new Date(localMidnightUtc(year, 1, 1, timeZone)), end: new Date(localMidnightUtc(year + 1, 1, 1, timeZone)) };
}

// ---- calendar arithmetic (no time zone involved) ----

/** True when year-month-day is a date of the Gregorian calendar. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return isValid(t) && t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return dateOf(addDaysFns(utcDay(d), days, { in: inUtc }));
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return differenceInCalendarDays(utcDay(b), utcDay(a), { in: inUtc });
}

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function sameLocalDate(a: LocalDate, b: LocalDate): boolean {
  return compareLocalDate(a, b) === 0;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (Chinese weeks start on Monday). */
export function isoWeekday(d: LocalDate): number {
  return getISODay(utcDay(d), { in: inUtc });
}

export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(new TZDate(year, month - 1, 1, "UTC"), { in: inUtc });
}

/** The month `delta` months after (year, month). */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const { year: y, month: m } = dateOf(addMonthsFns(new TZDate(year, month - 1, 1, "UTC"), delta, { in: inUtc }));
  return { year: y, month: m };
}

// ---- months and quarters ----

export function quarterOfMonth(month: number): Quarter {
  return (Math.floor((month - 1) / 3) + 1) as Quarter;
}

/** The quarter (1-4) a local date falls in. */
export function quarterOf(date: Pick<LocalDate, "month">): Quarter {
  return quarterOfMonth(date.month);
}

/** The months (1-12) of a quarter. */
export function monthsOfQuarter(quarter: Quarter): [number, number, number] {
  const first = (quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2];
}

/** The twelve month keys of a year: "2023-01" … "2023-12". */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1));
}

// ---- formatting ----

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-02": the key of a (nominal) month. */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}`;
}

export function quarterKey(year: number, quarter: Quarter): string {
  return `${year}-Q${quarter}`;
}

/** "2024-02-02" */
export function formatLocalDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, "0")}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** "2024年2月2日" */
export function formatLocalDateZh(d: LocalDate): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** "2024-02-02": the local date of an instant. */
export function formatInstantDate(value: string | Date, timeZone: string): string {
  return formatLocalDate(localDateOf(value, timeZone));
}

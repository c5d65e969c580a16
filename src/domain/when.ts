import { TZDate } from "@date-fns/tz";
import type { LocalDate } from "./activity.js";

export type PartOfDay = "morning" | "afternoon" | "evening";

const PART_HOUR: Record<PartOfDay, number> = { morning: 9, afternoon: 15, evening: 19 };

/**
 * The UTC instant stored for an activity: the given clock time, else a representative hour of the
 * part of day, else noon (so the local date is the same in any nearby zone). ISO string out.
 */
export function instantOf(date: LocalDate, time: { hour: number; minute: number } | null, partOfDay: PartOfDay | null, timeZone: string): string {
  const hour = time?.hour ?? (partOfDay ? PART_HOUR[partOfDay] : 12);
  const minute = time?.minute ?? 0;
  return new Date(new TZDate(date.year, date.month - 1, date.day, hour, minute, timeZone).getTime()).toISOString();
}

export function localDateOf(instant: string | Date, timeZone: string): LocalDate {
  const d = new TZDate(typeof instant === "string" ? Date.parse(instant) : instant.getTime(), timeZone);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** [start, end) of a local calendar day, as ISO instants. */
export function dayBounds(date: LocalDate, timeZone: string): { start: string; end: string } {
  const start = new TZDate(date.year, date.month - 1, date.day, timeZone);
  const end = new TZDate(date.year, date.month - 1, date.day + 1, timeZone);
  return { start: new Date(start.getTime()).toISOString(), end: new Date(end.getTime()).toISOString() };
}

export function formatLocalDateZh(d: LocalDate): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

export function formatLocalDateIso(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

import { TZDate } from "@date-fns/tz";

/** 2026-12-01 in the branch's time zone. */
export function formatLocalDate(instant: Date | string, timeZone: string): string {
  const d = new TZDate(typeof instant === "string" ? Date.parse(instant) : instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar year containing `now`, as UTC instants of its local-midnight bounds. */
export function localYearBounds(now: Date, timeZone: string): { start: Date; end: Date; year: number } {
  const year = new TZDate(now.getTime(), timeZone).getFullYear();
  return { year, start: new Date(new TZDate(year, 0, 1, timeZone).getTime()), end: new Date(new TZDate(year + 1, 0, 1, timeZone).getTime()) };
}

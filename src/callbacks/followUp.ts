// The button under the scheduler's theme-day follow-up message (sent by jobs, handled by the bot).
import { isValidDate, type LocalDate } from "../domain/calendar/index.js";
import { callbackCodec } from "./codec.js";

/** `rfu:log:<branch>:<yyyymmdd>`: "记录主题党日" under the follow-up message. */
export const followUpButtons = callbackCodec("rfu", ["log"] as const, ["branch", "date"] as const);

export function packDate(d: LocalDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

/** The date of a yyyymmdd number, or null when it is no calendar date. */
export function unpackDate(n: number): LocalDate | null {
  const year = Math.floor(n / 10_000);
  const month = Math.floor(n / 100) % 100;
  const day = n % 100;
  if (year < 2000 || year > 2999 || !isValidDate(year, month, day)) return null;
  return { year, month, day };
}

// Callback data of the reminder settings panel and of the scheduler's follow-up message.
import { isValidDate, type LocalDate } from "../../../domain/calendar/index.js";
import { callbackCodec } from "../../callbackData.js";

export const SETTINGS_ACTIONS = [
  "home", "done", "toggle", "nudge",
  "pattern", "dom_pick", "dom", "nth_pick", "wd_pick", "nth", "last",
  "hol_pick", "hol", "off_pick", "off", "time_pick", "time", "tgt_pick", "tgt", "fu_pick", "fu",
  "theme", "theme_clear",
] as const;
export type SettingsAction = (typeof SETTINGS_ACTIONS)[number];

/** `rem:<action>:<branch>:<a>:<b>`: a and b are the choice (an index, a day, a weekday…), 0 when unused. */
export const settingsButtons = callbackCodec("rem", SETTINGS_ACTIONS, ["branch", "a", "b"] as const);

export function settingsButton(action: SettingsAction, branch: number, a = 0, b = 0): string {
  return settingsButtons.pack({ action, branch, a, b });
}

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

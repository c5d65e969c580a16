// The choices the /remind panel offers, and how each changes the rule (pure; invalid choices → null).
import {
  parseThemeDayRule,
  type FollowUp,
  type OnNonWorkday,
  type ReminderOffset,
  type ReminderTarget,
  type ThemeDayRule,
} from "../../../domain/reminders/index.js";
import type { SettingsAction } from "./buttons.js";

/** Days before the theme day of each "before" preset: 提前3天+当天, 提前1天+当天, 仅当天, 关闭. */
export const OFFSET_PRESETS: readonly (readonly number[])[] = [[3, 0], [1, 0], [0], []];
export const TIME_PRESETS = ["07:30", "08:00", "08:30", "09:00", "10:00", "14:00", "16:00", "18:00", "20:00"] as const;
export const HOLIDAY_CHOICES: readonly OnNonWorkday[] = ["keep", "next_workday", "previous_workday"];
export const TARGET_CHOICES: readonly ReminderTarget[] = ["group", "members", "both"];
export const FOLLOW_UP_CHOICES: readonly FollowUp[] = [
  { enabled: true, daysAfter: 0, time: "18:00" },
  { enabled: true, daysAfter: 1, time: "09:00" },
  { enabled: false, daysAfter: 0, time: "18:00" },
];
/** n of "the n-th weekday" as sent on a button: 1..5, and 0 for "the last one" (-1). */
export const NTH_CODES = [1, 2, 3, 4, 0] as const;

const DEFAULT_BEFORE_TIME = "09:00";
const DEFAULT_DAY_TIME = "08:30";

/** Time of the reminders ahead of the day (a = 0) or on the day (a = 1). */
export function offsetTime(rule: ThemeDayRule, onTheDay: boolean): string {
  const r = rule.reminders.find((x) => (x.daysBefore === 0) === onTheDay);
  return r?.time ?? (onTheDay ? DEFAULT_DAY_TIME : DEFAULT_BEFORE_TIME);
}

export function offsetPresetIndex(rule: ThemeDayRule): number {
  const days = rule.reminders.map((r) => r.daysBefore).join(",");
  return OFFSET_PRESETS.findIndex((p) => p.join(",") === days);
}

export function followUpIndex(rule: ThemeDayRule): number {
  const f = rule.followUp;
  if (!f.enabled) return 2;
  return FOLLOW_UP_CHOICES.findIndex((c) => c.enabled && c.daysAfter === f.daysAfter && c.time === f.time);
}

function withOffsets(days: readonly number[], beforeTime: string, dayTime: string): ReminderOffset[] {
  return days.map((d) => ({ daysBefore: d, time: d === 0 ? dayTime : beforeTime }));
}

/** The rule after one choice on the panel; null when the choice is not one the panel offers. */
export function applyChoice(rule: ThemeDayRule, action: SettingsAction, a: number, b: number): ThemeDayRule | null {
  const next = (patch: Partial<ThemeDayRule>): ThemeDayRule => parseThemeDayRule({ ...rule, ...patch });
  switch (action) {
    case "dom":
      return Number.isInteger(a) && a >= 1 && a <= 31 ? next({ pattern: { type: "day_of_month", day: a } }) : null;
    case "nth": {
      if (!(NTH_CODES as readonly number[]).includes(a) || b < 1 || b > 7) return null;
      const n = (a === 0 ? -1 : a) as 1 | 2 | 3 | 4 | 5 | -1;
      return next({ pattern: { type: "nth_weekday", n, weekday: b as 1 | 2 | 3 | 4 | 5 | 6 | 7 } });
    }
    case "last":
      return next({ pattern: { type: "last_workday" } });
    case "hol": {
      const choice = HOLIDAY_CHOICES[a];
      return choice ? next({ onNonWorkday: choice }) : null;
    }
    case "off": {
      const days = OFFSET_PRESETS[a];
      return days ? next({ reminders: withOffsets(days, offsetTime(rule, false), offsetTime(rule, true)) }) : null;
    }
    case "time": {
      const time = TIME_PRESETS[b];
      if (!time || (a !== 0 && a !== 1)) return null;
      const onTheDay = a === 1;
      return next({ reminders: rule.reminders.map((r) => ((r.daysBefore === 0) === onTheDay ? { ...r, time } : r)) });
    }
    case "tgt": {
      const target = TARGET_CHOICES[a];
      return target ? next({ target }) : null;
    }
    case "fu": {
      const followUp = FOLLOW_UP_CHOICES[a];
      return followUp ? next({ followUp: { ...followUp } }) : null;
    }
    default:
      return null;
  }
}

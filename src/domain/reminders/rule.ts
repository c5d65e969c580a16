// The 主题党日 rule of a branch: plain JSON, stored in the database as JSON.
import { z } from "zod";

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
export const hhmmSchema = z.string().regex(HHMM_RE, "expected HH:MM (24-hour)");

export const themeDayPatternSchema = z.discriminatedUnion("type", [
  /** Day N of the month; a day the month lacks (31 in April, 30 in February) → its last day. */
  z.object({ type: z.literal("day_of_month"), day: z.number().int().min(1).max(31) }),
  /** The n-th (1..5) or last (-1) ISO weekday (1 = Monday … 7 = Sunday); a missing 5th → the last. */
  z.object({
    type: z.literal("nth_weekday"),
    n: z.literal([1, 2, 3, 4, 5, -1]),
    weekday: z.literal([1, 2, 3, 4, 5, 6, 7]),
  }),
  /** The last official workday of the month (holidays and 调休 applied). onNonWorkday is moot. */
  z.object({ type: z.literal("last_workday") }),
]);

export const reminderOffsetSchema = z.object({
  daysBefore: z.number().int().min(0).max(14),
  time: hhmmSchema,
});

export const DEFAULT_REMINDERS: ReminderOffset[] = [
  { daysBefore: 3, time: "09:00" },
  { daysBefore: 0, time: "08:30" },
];

export const DEFAULT_FOLLOW_UP: FollowUp = { enabled: true, daysAfter: 0, time: "18:00" };

export const followUpSchema = z.object({
  enabled: z.boolean().default(true),
  daysAfter: z.literal([0, 1]).default(0),
  time: hhmmSchema.default("18:00"),
});

/** At most this many "before" reminders per theme day (减负: reminders must be few). */
export const MAX_REMINDERS = 5;

/** Same offset twice is dropped; reminders are kept earliest first. */
function normaliseReminders(list: ReminderOffset[]): ReminderOffset[] {
  const seen = new Set<string>();
  const out: ReminderOffset[] = [];
  for (const r of list) {
    const key = `${r.daysBefore}@${r.time}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ daysBefore: r.daysBefore, time: r.time });
    }
  }
  return out.sort((a, b) => b.daysBefore - a.daysBefore || a.time.localeCompare(b.time));
}

export const themeDayRuleSchema = z.object({
  pattern: themeDayPatternSchema.default(() => ({ type: "nth_weekday", n: 1, weekday: 5 }) as const),
  onNonWorkday: z.enum(["keep", "next_workday", "previous_workday"]).default("next_workday"),
  reminders: z
    .array(reminderOffsetSchema)
    .max(MAX_REMINDERS * 2)
    .transform(normaliseReminders)
    .refine((list) => list.length <= MAX_REMINDERS, `at most ${MAX_REMINDERS} reminders`)
    .default(() => DEFAULT_REMINDERS.map((r) => ({ ...r }))),
  followUp: followUpSchema.default(() => ({ ...DEFAULT_FOLLOW_UP })),
  target: z.enum(["group", "members", "both"]).default("group"),
  theme: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .transform((t) => (t ? t : null))
    .default(null),
});

export type IsoWeekday = Extract<ThemeDayPattern, { type: "nth_weekday" }>["weekday"];
export type ThemeDayPattern = z.output<typeof themeDayPatternSchema>;
export type OnNonWorkday = ThemeDayRule["onNonWorkday"];
export type ReminderOffset = z.output<typeof reminderOffsetSchema>;
export type FollowUp = z.output<typeof followUpSchema>;
export type ReminderTarget = ThemeDayRule["target"];
export type ThemeDayRule = z.output<typeof themeDayRuleSchema>;
/** What may be stored / sent by the settings UI: every field optional (defaults fill in). */
export type ThemeDayRuleInput = z.input<typeof themeDayRuleSchema>;

/**
 * Default: 每月第一个周五, moved to the next workday when that Friday is a public holiday
 * (e.g. 2024-10-04 → 2024-10-08); reminders 3 days before at 09:00 and on the day at 08:30;
 * follow-up to the secretary on the day at 18:00; sent to the branch group.
 */
export const defaultThemeDayRule: ThemeDayRule = deepFreeze(themeDayRuleSchema.parse({}));

/**
 * A rule from stored JSON (object or JSON text). null / undefined / "" → the default rule;
 * missing fields take their defaults; unknown fields are dropped. Invalid input throws a ZodError.
 */
export function parseThemeDayRule(json: unknown): ThemeDayRule {
  return themeDayRuleSchema.parse(normaliseInput(json));
}

/** As parseThemeDayRule, without throwing (for settings input). */
export function safeParseThemeDayRule(json: unknown): z.ZodSafeParseResult<ThemeDayRule> {
  return themeDayRuleSchema.safeParse(normaliseInput(json));
}

function normaliseInput(json: unknown): unknown {
  if (json === null || json === undefined || json === "") return {};
  if (typeof json !== "string") return json;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json; // not JSON text: let the schema reject it with a ZodError
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

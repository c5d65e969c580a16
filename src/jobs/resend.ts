// Re-sending a theme day's reminder that did not reach people (the bot was down longer than the
// catch-up window, Telegram refused for a while): `npm run admin -- reminders:resend <branch> <date>`.
// The same targets, text and claim-before-send as the scheduler's pass; whoever already received a
// reminder for that theme day, or this re-send, gets nothing new.
import type { LocalDate } from "../domain/activity.js";
import { compareLocalDate, formatLocalDate, todayIn } from "../domain/calendar/index.js";
import { occurrenceFor } from "../domain/reminders/index.js";
import type { ScheduledBranch } from "../db/repos/reminders.js";
import { emptyResult, fanOut, type PassResult } from "./fanOut.js";
import { beforeMessage, reminderTargets, type PassDeps } from "./reminderPass.js";

export type ResendOutcome =
  | { ok: true; result: PassResult; alreadyReached: number }
  | { ok: false; reason: "not-theme-day"; themeDay: LocalDate }
  | { ok: false; reason: "over" };

export async function resendThemeDayReminder(deps: PassDeps, b: ScheduledBranch, day: LocalDate): Promise<ResendOutcome> {
  const now = deps.now();
  if (compareLocalDate(day, todayIn(now, b.timeZone)) < 0) return { ok: false, reason: "over" };
  const occurrence = occurrenceFor(b.rule, day.year, day.month, b.timeZone, deps.holidays);
  if (compareLocalDate(occurrence.themeDay, day) !== 0) return { ok: false, reason: "not-theme-day", themeDay: occurrence.themeDay };
  const befores = occurrence.deliveries.filter((d) => d.kind === "before");
  // The wording of the reminder nearest the day ("今天是主题党日" on the day itself).
  const delivery = befores[befores.length - 1] ?? occurrence.deliveries[0];
  if (!delivery) return { ok: false, reason: "not-theme-day", themeDay: occurrence.themeDay };

  const prefix = `${b.branchId}:${occurrence.occurrenceKey}:${formatLocalDate(day)}:`;
  const reached = new Set(
    (await deps.reminders.deliveries(b.branchId))
      .filter((r) => r.key.startsWith(prefix) && r.status === "sent" && (r.offsetKey.startsWith("d-") || r.offsetKey === "resend"))
      .map((r) => r.recipient),
  );
  const targets = reminderTargets(b.rule.target, await deps.reminders.recipients(b.branchId)).filter((t) => !reached.has(t.recipient));
  const result = emptyResult();
  const slot = { branchId: b.branchId, occurrenceKey: occurrence.occurrenceKey, offsetKey: "resend", themeDay: day };
  await fanOut(deps, slot, targets, beforeMessage(deps, b, delivery, now), result);
  return { ok: true, result, alreadyReached: reached.size };
}

// One scheduler pass over one branch: theme-day reminders, the follow-up to the secretary, the month-end nudge.
import { InlineKeyboard } from "grammy";
import { toLang, type Lang } from "../domain/lang.js";
import type { BranchRecipients, ReminderMember, ScheduledBranch } from "../db/repos/reminders.js";
import {
  CATCH_UP_DAYS,
  describeDelivery,
  dueDeliveries,
  monthEndCheckAt,
  type Delivery,
  type HolidayCalendar,
} from "../domain/reminders/index.js";
import { addMonths, instantAt, localDateOf, monthKey } from "../domain/calendar/index.js";
import { followUpButtons, packDate } from "../callbacks/followUp.js";
import {
  fanOut,
  recordSkipped,
  type DeliverySlot,
  type FanOutDeps,
  type OutgoingMessage,
  type PassResult,
  type Target,
} from "./fanOut.js";

export type Translate = (locale: string | null, key: string, variables?: Record<string, string | number>) => string;

export interface PassDeps extends FanOutDeps {
  translate: Translate;
  defaultLocale: Lang;
  holidays: HolidayCalendar;
}

/** Local time of the month-end nudge, on the month's last official workday. */
export const MONTH_END_TIME = "17:00";

const slotOf = (b: ScheduledBranch, d: Pick<Delivery, "occurrenceKey" | "offsetKey" | "themeDay">): DeliverySlot => ({
  branchId: b.branchId,
  occurrenceKey: d.occurrenceKey,
  offsetKey: d.offsetKey,
  themeDay: d.themeDay,
});

export const memberTarget = (m: ReminderMember): Target => ({ recipient: `member:${m.memberId}`, chatId: m.telegramId, locale: m.locale, memberId: m.memberId });

/** The rule's target; "group" without a bound group falls back to every member privately. */
export function reminderTargets(target: ScheduledBranch["rule"]["target"], r: BranchRecipients): Target[] {
  const group: Target[] = r.groupChatId === null ? [] : [{ recipient: `group:${r.groupChatId}`, chatId: r.groupChatId, locale: null, memberId: null }];
  const members = r.members.map(memberTarget);
  if (target === "members") return members;
  if (target === "both") return [...group, ...members];
  return group.length ? group : members;
}

export async function branchPass(deps: PassDeps, b: ScheduledBranch, now: Date, result: PassResult): Promise<void> {
  const lastCheckedAt = b.checkedAt ?? undefined;
  const { due, skipped } = dueDeliveries(b.rule, { now, timeZone: b.timeZone, holidays: deps.holidays, lastCheckedAt });
  // A skipped reminder is recorded once for the branch, not per member.
  for (const s of skipped) await recordSkipped(deps, slotOf(b, s), "*", s.reason, result);
  let recipients: BranchRecipients | undefined;
  const load = async () => (recipients ??= await deps.reminders.recipients(b.branchId));
  for (const d of due) {
    if (d.kind === "before") await sendBefore(deps, b, d, await load(), now, result);
    else await sendFollowUp(deps, b, d, await load(), now, result);
  }
  if (b.monthEndNudge) await monthEndNudge(deps, b, now, lastCheckedAt, load, result);
}

/** The "before" reminder's text for each target, in its language, worded for `now`. */
export function beforeMessage(deps: PassDeps, b: ScheduledBranch, d: Delivery, now: Date): (t: Target) => OutgoingMessage {
  const texts = new Map<Lang, string>();
  return (t) => {
    const locale = toLang(t.locale, deps.defaultLocale);
    let text = texts.get(locale);
    if (text === undefined) {
      text = describeDelivery(d, { now, timeZone: b.timeZone, locale, theme: b.rule.theme });
      texts.set(locale, text);
    }
    return { text };
  };
}

/** "今天的主题党日记录了吗？" with a button into the logging flow. */
export function followUpMessage(deps: PassDeps, b: ScheduledBranch, d: Delivery, target: Target, now: Date): OutgoingMessage {
  const locale = toLang(target.locale, deps.defaultLocale);
  const button = followUpButtons.pack({ action: "log", branch: b.branchId, date: packDate(d.themeDay) });
  return {
    text: describeDelivery(d, { now, timeZone: b.timeZone, locale, theme: b.rule.theme }),
    options: { reply_markup: new InlineKeyboard().text(deps.translate(locale, "remind-followup-button"), button) },
  };
}

export function monthEndMessage(deps: PassDeps, target: Target, month: number): OutgoingMessage {
  return { text: deps.translate(toLang(target.locale, deps.defaultLocale), "remind-monthend", { month }) };
}

async function sendBefore(deps: PassDeps, b: ScheduledBranch, d: Delivery, r: BranchRecipients, now: Date, result: PassResult): Promise<void> {
  await fanOut(deps, slotOf(b, d), reminderTargets(b.rule.target, r), beforeMessage(deps, b, d, now), result);
}

/** To the secretary; not when the theme day is logged already. */
async function sendFollowUp(deps: PassDeps, b: ScheduledBranch, d: Delivery, r: BranchRecipients, now: Date, result: PassResult): Promise<void> {
  if (!r.secretary) return;
  const target = memberTarget(r.secretary);
  const slot = slotOf(b, d);
  if (await deps.reminders.themeDayLoggedOn(b.branchId, d.themeDay, b.timeZone)) {
    await recordSkipped(deps, slot, target.recipient, "already logged", result);
    return;
  }
  await fanOut(deps, slot, [target], () => followUpMessage(deps, b, d, target, now), result);
}

/** The month-end nudge is of no use once the month is over (ISO-8601 UTC). */
export function monthEndExpiry(year: number, month: number, timeZone: string): string {
  return instantAt({ ...addMonths(year, month, 1), day: 1 }, "00:00", timeZone).toISOString();
}

/** On the month's last workday: tell the secretary when no 支委会 has been logged this month. */
async function monthEndNudge(
  deps: PassDeps,
  b: ScheduledBranch,
  now: Date,
  lastCheckedAt: Date | undefined,
  load: () => Promise<BranchRecipients>,
  result: PassResult,
): Promise<void> {
  const nowIso = now.toISOString();
  const since = (lastCheckedAt ?? new Date(now.getTime() - CATCH_UP_DAYS * 86_400_000)).toISOString();
  const today = localDateOf(now, b.timeZone);
  for (const delta of [-1, 0]) {
    const { year, month } = addMonths(today.year, today.month, delta);
    const at = monthEndCheckAt(year, month, b.timeZone, MONTH_END_TIME, deps.holidays);
    if (at <= since || at > nowIso) continue;
    const secretary = (await load()).secretary;
    if (!secretary) continue;
    const target = memberTarget(secretary);
    const slot: DeliverySlot = { branchId: b.branchId, occurrenceKey: monthKey(year, month), offsetKey: "monthend" };
    const monthOver = nowIso >= monthEndExpiry(year, month, b.timeZone);
    if (monthOver) await recordSkipped(deps, slot, target.recipient, "expired", result);
    else if (await deps.reminders.committeeLoggedIn(b.branchId, year, month, b.timeZone)) await recordSkipped(deps, slot, target.recipient, "already logged", result);
    else await fanOut(deps, slot, [target], () => monthEndMessage(deps, target, month), result);
  }
}

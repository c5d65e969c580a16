// What /next and the switch-on answer say about deliveries that are due: sent, pending, failed, or
// past their time before reminders were on (those are not sent afterwards).
import { compareLocalDate, localDateOf } from "../../../domain/calendar/index.js";
import { upcomingOccurrences, type ThemeDayRule } from "../../../domain/reminders/index.js";
import type { Store } from "../../../db/store.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

/** Today's "before" reminders of the next theme day whose time has passed (and that have not expired). */
export function missedToday(rule: ThemeDayRule, timeZone: string, now: Date): string[] {
  const [o] = upcomingOccurrences(rule, { now, timeZone, count: 1 });
  if (!o) return [];
  const iso = now.toISOString();
  const today = localDateOf(now, timeZone);
  return o.deliveries
    .filter((d) => d.kind === "before" && compareLocalDate(d.localDate, today) === 0 && d.at <= iso && iso < d.expiresAt)
    .map((d) => d.localTime);
}

/** Lines for /next: how the due reminders of the next theme day stand. */
export async function deliveryStatusLines(
  store: Store,
  branchId: number,
  rule: ThemeDayRule,
  timeZone: string,
  now: Date,
  t: T,
): Promise<string[]> {
  const [o] = upcomingOccurrences(rule, { now, timeZone, count: 1 });
  if (!o) return [];
  const iso = now.toISOString();
  const due = o.deliveries.filter((d) => d.at <= iso);
  if (!due.length) return [];
  const st = await store.reminders.occurrenceStatus(branchId, o.occurrenceKey);
  if (st.sent + st.pending + st.failed === 0) {
    return [t("next-not-sent", { times: due.map((d) => d.localTime).join("、") })];
  }
  return [t("next-status", { sent: st.sent, pending: st.pending, failed: st.failed })];
}

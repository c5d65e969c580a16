// Tries again the reminders Telegram did not take (429, 5xx, no answer), at most MAX_ATTEMPTS times
// and only while still of use. Each retry claims its row first (failed → claimed, one winner), so
// two processes never both send it. Nothing is stored for a retry but the row itself: the delivery
// is recomputed from the branch's rule and the row's occurrence, key and recipient.
import type { BranchRecipients, DeliveryRow, ScheduledBranch } from "../db/repos/reminders.js";
import { occurrenceFor } from "../domain/reminders/index.js";
import { CLAIM_STALE_MS } from "./attempts.js";
import { mapLimit, sendClaimed, type OutgoingMessage, type PassResult, type Target } from "./fanOut.js";
import {
  beforeMessage,
  followUpMessage,
  memberTarget,
  monthEndExpiry,
  monthEndMessage,
  reminderTargets,
  type PassDeps,
} from "./reminderPass.js";

/** Failed deliveries claimed longer ago than this are not looked at: every reminder has expired by then. */
export const RETRY_WINDOW_DAYS = 35;

/** What to do with a failed delivery now: send it again, record it as skipped, or leave it (null). */
type Plan = { target: Target; message: OutgoingMessage } | { skip: string } | null;

/**
 * Retries the branch's failed deliveries whose next attempt is due, and sends the claims a dead
 * process left unconfirmed (claimed before `staleBefore`); counted in `result`.
 */
export async function retryFailed(
  deps: PassDeps,
  b: ScheduledBranch,
  now: Date,
  result: PassResult,
  staleBefore: Date = new Date(now.getTime() - CLAIM_STALE_MS),
): Promise<void> {
  const since = new Date(now.getTime() - RETRY_WINDOW_DAYS * 86_400_000);
  const due = (await deps.reminders.dueAgain(b.branchId, since, now, staleBefore)).map((row) => ({ row, attempts: row.attempts }));
  if (!due.length) return;
  let recipients: Promise<BranchRecipients> | undefined;
  const load = () => (recipients ??= deps.reminders.recipients(b.branchId));
  await mapLimit(due, deps.concurrency, async ({ row, attempts }) => {
    // Planned (message built) before the claim, so that nothing can leave the row claimed but unsent.
    const plan = await planRetry(deps, b, row, now, load);
    if (!plan) return;
    const from = row.status === "claimed" ? { status: "claimed" as const, claimedAt: row.claimedAt } : { status: "failed" as const, attempts: row.attempts };
    if (!(await deps.reminders.reclaim(row.key, from, deps.now(), deps.owner))) {
      result.alreadyClaimed += 1;
      return;
    }
    if ("skip" in plan) {
      await deps.reminders.markSkipped(row.key, plan.skip);
      result.skipped += 1;
      return;
    }
    result.retried += 1;
    await sendClaimed(deps, row.key, plan.target, plan.message, attempts + 1, result);
  });
}

function secretaryTarget(r: BranchRecipients, recipient: string): Target | null {
  const target = r.secretary ? memberTarget(r.secretary) : null;
  return target?.recipient === recipient ? target : null;
}

/**
 * Whether the failed delivery is still worth sending, and to whom. Left alone (null) when it has
 * expired (a "before" reminder at the end of the theme day, a follow-up at the end of the day after
 * its own, the month-end nudge with the month), when a later reminder of the same theme day has come
 * (superseded, as dueDeliveries has it), when the rule no longer has it (the theme day or the
 * reminders changed), or when the recipient is no longer one (left, blocked the bot, group unbound,
 * secretary handed over). Recorded as skipped when what it asks for has been logged meanwhile.
 */
async function planRetry(deps: PassDeps, b: ScheduledBranch, row: DeliveryRow, now: Date, load: () => Promise<BranchRecipients>): Promise<Plan> {
  const m = /^(\d{4})-(\d{2})$/.exec(row.occurrenceKey);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const nowIso = now.toISOString();

  if (row.offsetKey === "monthend") {
    if (!b.monthEndNudge || nowIso >= monthEndExpiry(year, month, b.timeZone)) return null;
    const target = secretaryTarget(await load(), row.recipient);
    if (!target) return null;
    if (await deps.reminders.committeeLoggedIn(b.branchId, year, month, b.timeZone)) return { skip: "already logged" };
    return { target, message: monthEndMessage(deps, target, month) };
  }

  const { deliveries } = occurrenceFor(b.rule, year, month, b.timeZone, deps.holidays);
  const d = deliveries.find((x) => x.key(b.branchId, row.recipient) === row.key);
  if (!d || d.at > nowIso || nowIso >= d.expiresAt) return null;
  if (d.kind === "before") {
    if (deliveries.some((later) => later.at > d.at && later.at <= nowIso)) return null;
    const target = reminderTargets(b.rule.target, await load()).find((t) => t.recipient === row.recipient);
    return target ? { target, message: beforeMessage(deps, b, d, now)(target) } : null;
  }
  const target = secretaryTarget(await load(), row.recipient);
  if (!target) return null;
  if (await deps.reminders.themeDayLoggedOn(b.branchId, d.themeDay, b.timeZone)) return { skip: "already logged" };
  return { target, message: followUpMessage(deps, b, d, target, now) };
}

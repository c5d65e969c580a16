// One message to many chats, each claimed in the database first so it goes out at most once,
// whatever other passes or processes do at the same time.
import type { Api } from "grammy";
import type { LocalDate } from "../domain/activity.js";
import type { Logger } from "../logger.js";
import type { RemindersRepo } from "../db/repos/reminders.js";
import { deliveryKey } from "../domain/reminders/index.js";
import { CLAIM_RENEW_MS, nextTryAt } from "./attempts.js";

/** The part of grammY's Api the scheduler uses (tests may pass a fake). */
export type ReminderApi = Pick<Api, "sendMessage">;
export type SendOptions = Parameters<Api["sendMessage"]>[2];

export interface PassResult {
  /** Branches looked at. */
  branches: number;
  sent: number;
  /** Recorded as not worth sending (stale after downtime, superseded, already logged). */
  skipped: number;
  /** Telegram answered 403: the member blocked the bot (or the bot left the group). */
  blocked: number;
  failed: number;
  /** Another pass or process had already claimed the delivery. */
  alreadyClaimed: number;
  /** Failed deliveries tried again (each also counted as sent, blocked or failed). */
  retried: number;
}

export const emptyResult = (): PassResult => ({ branches: 0, sent: 0, skipped: 0, blocked: 0, failed: 0, alreadyClaimed: 0, retried: 0 });

/** Where one delivery goes. `recipient` is the stable part of the delivery key. */
export interface Target {
  recipient: string;
  chatId: number;
  locale: string | null;
  /** Set for a member's private chat (marked blocked on 403). */
  memberId: number | null;
}

export interface DeliverySlot {
  branchId: number;
  occurrenceKey: string;
  offsetKey: string;
  /** The theme day the delivery is about (none for the month-end nudge). */
  themeDay?: LocalDate;
}

export interface FanOutDeps {
  reminders: RemindersRepo;
  api: ReminderApi;
  logger: Logger;
  now: () => Date;
  concurrency: number;
  /** This process, recorded with its claims. */
  owner?: string;
}

/** What a failed send says: Telegram's error_code (none for a network error), its description, its retry_after. */
function apiError(error: unknown): { code: number | null; description: string; retryAfter: number | null } {
  const e = error as { error_code?: unknown; description?: unknown; message?: unknown; parameters?: { retry_after?: unknown } };
  const code = typeof e?.error_code === "number" ? e.error_code : null;
  const description = typeof e?.description === "string" ? e.description : typeof e?.message === "string" ? e.message : String(error);
  const retryAfter = typeof e?.parameters?.retry_after === "number" ? e.parameters.retry_after : null;
  return { code, description, retryAfter };
}

/** Runs fn over items with at most `limit` in flight (the broadcast Api then paces the sends). */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

export interface OutgoingMessage {
  text: string;
  options?: SendOptions;
}

/** Claims, sends and records one delivery per target; one failing recipient never stops the others. */
export async function fanOut(
  deps: FanOutDeps,
  slot: DeliverySlot,
  targets: readonly Target[],
  message: (t: Target) => OutgoingMessage,
  result: PassResult,
): Promise<void> {
  await mapLimit(targets, deps.concurrency, async (target) => {
    const key = deliveryKey(slot.branchId, slot, target.recipient);
    const claimed = await deps.reminders.claim({ ...slot, key, recipient: target.recipient, status: "claimed", now: deps.now(), ...(deps.owner ? { owner: deps.owner } : {}) });
    if (!claimed) {
      result.alreadyClaimed += 1;
      return;
    }
    await sendClaimed(deps, key, target, message(target), 1, result);
  });
}

/**
 * Sends a delivery this process holds the claim of (status "claimed") and records how it went:
 * sent; blocked on 403; else failed, with when a later pass may try it again when that can help
 * (see attempts.ts). `attempt` counts this try, from 1. The claim is renewed while the send is in
 * flight (Telegram's 429 waits can be long), so no other process takes it over as a dead one's.
 */
export async function sendClaimed(
  deps: FanOutDeps,
  key: string,
  target: Target,
  message: OutgoingMessage,
  attempt: number,
  result: PassResult,
): Promise<void> {
  const renew = setInterval(() => void deps.reminders.renewClaims([key], deps.now()).catch(() => undefined), CLAIM_RENEW_MS);
  renew.unref();
  try {
    await deps.api.sendMessage(target.chatId, message.text, message.options);
  } catch (error) {
    clearInterval(renew);
    const { code, description, retryAfter } = apiError(error);
    if (code === 403) {
      await deps.reminders.markFailed(key, "blocked", description);
      if (target.memberId !== null) await deps.reminders.markBlocked(target.memberId, deps.now());
      result.blocked += 1;
      deps.logger.info({ key, description }, "reminder refused: bot blocked");
    } else {
      const retryAt = nextTryAt({ attempt, code, retryAfter, at: deps.now() });
      await deps.reminders.markFailed(key, "failed", description, retryAt);
      result.failed += 1;
      deps.logger.warn({ key, code, description, attempt, willRetry: retryAt !== null }, "reminder could not be sent");
    }
    return;
  }
  clearInterval(renew);
  await deps.reminders.markSent(key, deps.now());
  result.sent += 1;
}

/** Records a delivery that will not be sent, once; counted as skipped when this pass recorded it. */
export async function recordSkipped(deps: FanOutDeps, slot: DeliverySlot, recipient: string, reason: string, result: PassResult): Promise<void> {
  const key = deliveryKey(slot.branchId, slot, recipient);
  const claimed = await deps.reminders.claim({ ...slot, key, recipient, status: "skipped", error: reason, now: deps.now() });
  if (claimed) result.skipped += 1;
  else result.alreadyClaimed += 1;
}

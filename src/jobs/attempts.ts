// When a failed reminder is tried again. The attempts made and the earliest time of the next one are
// columns of the delivery row (attempts, retryAt); `error` holds Telegram's description only.

/** Tries per delivery, the first one included. */
export const MAX_ATTEMPTS = 5;

/** Minutes to wait after the n-th failed attempt before the next one (0: the next pass). */
export const RETRY_DELAYS_MINUTES: readonly number[] = [0, 4, 15, 40];

/**
 * A claim neither confirmed sent nor recorded failed for this long belongs to a process that died
 * mid-send (a live sender renews its claims twice as often); it is taken over and sent.
 */
export const CLAIM_STALE_MS = 60_000;
export const CLAIM_RENEW_MS = 20_000;

/**
 * Whether Telegram is known not to have delivered the message and may take it later: too many
 * requests (429), a server error (5xx), or no answer at all (network error, no error_code).
 * A 400 (chat not found, bad request…) or a 403 (blocked) will not get better by trying again.
 */
export function isRetryable(code: number | null): boolean {
  return code === null || code === 429 || code >= 500;
}

export interface Failure {
  /** The attempt that failed, from 1. */
  attempt: number;
  code: number | null;
  at: Date;
  /** Telegram's retry_after (seconds) with a 429: no sooner than that. */
  retryAfter?: number | null;
}

/** When a failed delivery may be tried again; null when the failure is final. */
export function nextTryAt(f: Failure): Date | null {
  if (!isRetryable(f.code) || f.attempt >= MAX_ATTEMPTS) return null;
  const delay = (RETRY_DELAYS_MINUTES[Math.min(f.attempt, RETRY_DELAYS_MINUTES.length) - 1] ?? 0) * 60_000;
  return new Date(f.at.getTime() + Math.max(delay, (f.retryAfter ?? 0) * 1000));
}

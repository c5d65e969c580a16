// When a failed reminder is tried again. The count of attempts and the earliest time of the next one
// live in the delivery row's `error` text, e.g. "[attempt 2/5; retry from 2024-03-12T01:05:00.000Z] Bad Gateway".

/** Tries per delivery, the first one included. */
export const MAX_ATTEMPTS = 5;

/** Minutes to wait after the n-th failed attempt before the next one (0: the next pass). */
export const RETRY_DELAYS_MINUTES: readonly number[] = [0, 4, 15, 40];

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
  description: string;
  at: Date;
  /** Telegram's retry_after (seconds) with a 429: no sooner than that. */
  retryAfter?: number | null;
}

/**
 * The `error` text of a failed delivery. A retryable failure with attempts left records when it may
 * be tried again; any other failure is final: its description alone on the first attempt (as before
 * retries existed), else prefixed with the attempt count.
 */
export function failureText(f: Failure): string {
  if (isRetryable(f.code) && f.attempt < MAX_ATTEMPTS) {
    const delay = (RETRY_DELAYS_MINUTES[Math.min(f.attempt, RETRY_DELAYS_MINUTES.length) - 1] ?? 0) * 60_000;
    const next = new Date(f.at.getTime() + Math.max(delay, (f.retryAfter ?? 0) * 1000)).toISOString();
    return `[attempt ${f.attempt}/${MAX_ATTEMPTS}; retry from ${next}] ${f.description}`;
  }
  return f.attempt > 1 ? `[attempt ${f.attempt}/${MAX_ATTEMPTS}] ${f.description}` : f.description;
}

const PENDING_RE = /^\[attempt (\d+)\/\d+; retry from ([^\]\s]+)\] /;

/** The attempts made and the earliest next one, for a failure that may be retried; null for a final one. */
export function pendingRetry(error: string | null): { attempts: number; retryFrom: Date } | null {
  const m = error === null ? null : PENDING_RE.exec(error);
  if (!m) return null;
  const attempts = Number(m[1]);
  const retryFrom = new Date(m[2]!);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts >= MAX_ATTEMPTS || Number.isNaN(retryFrom.getTime())) return null;
  return { attempts, retryFrom };
}

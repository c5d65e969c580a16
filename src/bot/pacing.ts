// Outgoing-message pacing where Telegram asks for it, instead of one global cap on every call.
// Telegram's limits (core.telegram.org/bots/faq): about one message a second per chat (short bursts
// are tolerated and answered with 429 + retry_after beyond that), 20 a minute per group, and about
// 30 a second for bulk notifications. Replies are not capped: a chat that got a 429 waits out its
// retry_after (auto-retry then repeats the call), groups keep to 20 a minute, and bot-initiated
// fan-out (reminders) goes through its own Api with its own bulk budget so a burst of reminders never
// queues replies and replies never starve the reminders.
import type { Transformer } from "grammy";

/** Methods that put a message into a chat (the ones Telegram's flood limits count). */
const SENDS = /^(send|copy|forward)/;

/** A token bucket: `capacity` at once, refilled at `perMs` per token; `take` waits for a token. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = clock();
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) / this.perMs);
    this.last = now;
  }

  /** Resolves when a token is taken; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await sleep(Math.ceil((1 - this.tokens) * this.perMs));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }

  /** True when nobody waits and the bucket is full (the state can be dropped). */
  idle(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PacingOptions {
  /** Messages per minute to one group or supergroup (Telegram: 20). */
  groupPerMinute?: number;
  /** Bulk budget for this Api in messages per second (reminder fan-out); none for replies. */
  bulkPerSecond?: number;
  clock?: () => number;
}

function chatIdOf(payload: unknown): number | string | undefined {
  const id = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  return typeof id === "number" || typeof id === "string" ? id : undefined;
}

/** Groups and channels have negative ids; @usernames are public groups or channels. */
const isGroup = (chatId: number | string) => (typeof chatId === "number" ? chatId < 0 : true);

/**
 * A transformer that paces sends per chat: after a 429 the chat waits until its retry_after has
 * passed (so parallel sends to it do not each collect a 429), groups get `groupPerMinute` tokens a
 * minute, and an optional bulk bucket caps this Api as a whole. Install it before autoRetry, so that
 * autoRetry's repeated calls pass through it again.
 */
export function chatPacing(options: PacingOptions = {}): Transformer {
  const clock = options.clock ?? Date.now;
  const groupPerMinute = options.groupPerMinute ?? 20;
  const bulk = options.bulkPerSecond ? new TokenBucket(options.bulkPerSecond, 1000 / options.bulkPerSecond, clock) : undefined;
  const groups = new Map<string, TokenBucket>();
  const floodedUntil = new Map<string, number>();

  const sweep = () => {
    const now = clock();
    for (const [k, until] of floodedUntil) if (until <= now) floodedUntil.delete(k);
    for (const [k, b] of groups) if (b.idle()) groups.delete(k);
  };
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();

  return async (prev, method, payload, signal) => {
    const chatId = SENDS.test(method) ? chatIdOf(payload) : undefined;
    if (chatId === undefined) return prev(method, payload, signal);
    const key = String(chatId);
    const until = floodedUntil.get(key);
    if (until !== undefined && until > clock()) await sleep(until - clock());
    if (isGroup(chatId) && groupPerMinute > 0) {
      let bucket = groups.get(key);
      if (!bucket) groups.set(key, (bucket = new TokenBucket(groupPerMinute, 60_000 / groupPerMinute, clock)));
      await bucket.take();
    }
    await bulk?.take();
    const result = await prev(method, payload, signal);
    const retryAfter = result.ok ? undefined : result.parameters?.retry_after;
    if (!result.ok && result.error_code === 429 && retryAfter !== undefined) {
      floodedUntil.set(key, Math.max(floodedUntil.get(key) ?? 0, clock() + retryAfter * 1000));
    }
    return result;
  };
}

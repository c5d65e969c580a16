/**
 * WeCom silently drops messages beyond 30 a minute (1,000 an hour) to one member from one app. Each
 * member gets a queue: a send waits for a free slot (in order); when too many already wait, the
 * Bot API call is answered 429 with retry_after, so the bot's auto-retry paces itself.
 */
import { tooManyRequests } from "../botapi/errors.js";

export interface MemberLimits {
  perMinute: number;
  perHour: number;
  /** The minute window (tests shorten it). */
  minuteMs: number;
  hourMs: number;
  /** Sends that may wait per member before the bot gets 429. */
  backlog: number;
}

export const WECOM_LIMITS: MemberLimits = { perMinute: 30, perHour: 1000, minuteMs: 60_000, hourMs: 3_600_000, backlog: 10 };
/** The bot's auto-retry gives up on longer waits. */
const MAX_RETRY_AFTER = 30;

interface Lane {
  sent: number[];
  waiting: number;
  tail: Promise<void>;
}

export class MemberLimiter {
  private readonly lanes = new Map<string, Lane>();
  /** Sends answered 429 so far. */
  rejections = 0;

  constructor(private readonly limits: MemberLimits = WECOM_LIMITS, private readonly now: () => number = Date.now) {}

  /** Milliseconds until one more message to this member is within both limits. */
  private waitFor(lane: Lane, t: number): number {
    const { perMinute, perHour, minuteMs, hourMs } = this.limits;
    lane.sent = lane.sent.filter((s) => s > t - hourMs);
    const inMinute = lane.sent.filter((s) => s > t - minuteMs);
    let wait = 0;
    if (inMinute.length >= perMinute) wait = Math.max(wait, (inMinute[inMinute.length - perMinute] ?? t) + minuteMs - t);
    if (lane.sent.length >= perHour) wait = Math.max(wait, (lane.sent[lane.sent.length - perHour] ?? t) + hourMs - t);
    return wait;
  }

  /** Runs `send` when the member may receive one more message; throws 429 when the queue is full. */
  async run<T>(member: string, send: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(member);
    if (!lane) {
      lane = { sent: [], waiting: 0, tail: Promise.resolve() };
      this.lanes.set(member, lane);
    }
    const l = lane;
    if (l.waiting >= this.limits.backlog) {
      this.rejections++;
      const ahead = Math.ceil((l.waiting + 1) / this.limits.perMinute) * this.limits.minuteMs;
      throw tooManyRequests(Math.min(MAX_RETRY_AFTER, Math.max(1, Math.ceil(Math.min(ahead, this.waitFor(l, this.now()) || 1000) / 1000))));
    }
    l.waiting++;
    // In order: each send waits for the one before it, then for a free slot.
    const result = l.tail.then(async () => {
      for (;;) {
        const wait = this.waitFor(l, this.now());
        if (wait <= 0) break;
        await new Promise((r) => setTimeout(r, wait));
      }
      // Counted from when WeCom has it, which is never earlier than it counts it.
      try {
        return await send();
      } finally {
        l.sent.push(this.now());
      }
    });
    l.tail = result.then(() => undefined, () => undefined);
    try {
      return await result;
    } finally {
      l.waiting--;
    }
  }
}

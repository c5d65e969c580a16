/** The bot's update queue: increasing update_ids, allowed_updates, and getUpdates long polling. */
import { conflict } from "./errors.js";
import type { Update } from "./types.js";

/** Telegram's default: every type except chat_member and reactions. */
const OPT_IN_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export const POLL_CONFLICT = "terminated by other getUpdates request; make sure that only one bot instance is running";
export const WEBHOOK_CONFLICT = "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

interface Waiter {
  wake: () => void;
  fail: (e: Error) => void;
}

export interface PollParams {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

export class UpdateQueue {
  private pending: Update[] = [];
  private waiter: Waiter | undefined;
  /** The allowed_updates setting; it persists between calls, as in Telegram. */
  allowed: string[] | undefined;
  /** Number of updates ever queued. */
  total = 0;
  /** Called after an update is queued (drives webhook delivery). */
  onPush: (() => void) | undefined;
  /** Called when getUpdates confirms every update below `offset` (the bot has them). */
  onConfirm: ((offset: number) => void) | undefined;
  private confirmedBelow = 0;

  constructor(private nextId = 1) {}

  isAllowed(type: string): boolean {
    const list = this.allowed;
    if (list === undefined || list.length === 0) return !OPT_IN_TYPES.has(type);
    return list.includes(type);
  }

  /** Queues an update unless its type is not allowed; returns it (or undefined when filtered). */
  push(fields: Omit<Update, "update_id">): Update | undefined {
    const update = this.make(fields);
    if (update) this.add(update);
    return update;
  }

  /**
   * An update with the next update_id, not queued yet (undefined when its type is not allowed): a
   * bridge stores it first, then queues it with add(). Made updates must be added in the order made.
   */
  make(fields: Omit<Update, "update_id">): Update | undefined {
    const type = Object.keys(fields)[0] ?? "";
    if (!this.isAllowed(type)) return undefined;
    return { update_id: this.nextId++, ...fields };
  }

  /** Queues updates made before (also ones stored before a restart, with their update_ids). */
  add(...updates: Update[]): void {
    if (!updates.length) return;
    for (const u of updates) {
      this.pending.push(u);
      if (u.update_id >= this.nextId) this.nextId = u.update_id + 1;
    }
    this.total += updates.length;
    this.waiter?.wake();
    this.onPush?.();
  }

  /** update_ids from now on are at least `id` (never below those given before a restart). */
  advanceTo(id: number): void {
    if (id > this.nextId) this.nextId = id;
  }

  /** A long-polling getUpdates is waiting right now. */
  get polling(): boolean {
    return this.waiter !== undefined;
  }

  get size(): number {
    return this.pending.length;
  }

  peek(): Update | undefined {
    return this.pending[0];
  }

  /** Removes an update once it was delivered to the webhook. */
  ack(updateId: number): void {
    if (this.pending[0]?.update_id === updateId) this.pending.shift();
    else this.pending = this.pending.filter((u) => u.update_id !== updateId);
  }

  drop(): void {
    this.pending = [];
  }

  /** Forgets updates below `offset`; a negative offset keeps only the last -offset updates. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
      return;
    }
    this.pending = this.pending.filter((u) => u.update_id >= offset);
    if (offset > this.confirmedBelow) {
      this.confirmedBelow = offset;
      this.onConfirm?.(offset);
    }
  }

  /** Ends a waiting getUpdates with an error (another poller came, or a webhook was set). */
  interrupt(e: Error): void {
    this.waiter?.fail(e);
  }

  /** Ends a waiting getUpdates with whatever is available (used on close). */
  release(): void {
    this.waiter?.wake();
  }

  async getUpdates(p: PollParams, webhookActive: boolean, signal?: AbortSignal): Promise<Update[]> {
    if (webhookActive) throw conflict(WEBHOOK_CONFLICT);
    if (p.allowed_updates !== undefined) this.allowed = p.allowed_updates;
    this.confirm(p.offset);
    this.interrupt(conflict(POLL_CONFLICT));
    const limit = Math.min(Math.max(p.limit ?? 100, 1), 100);
    const take = (): Update[] => this.pending.slice(0, limit);
    const timeout = Math.max(p.timeout ?? 0, 0);
    if (this.pending.length > 0 || timeout === 0 || signal?.aborted) return take();
    return new Promise<Update[]>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
      };
      const waiter: Waiter = {
        wake: () => { done(); resolve(take()); },
        fail: (e) => { done(); reject(e); },
      };
      const onAbort = (): void => { done(); resolve([]); };
      const timer = setTimeout(waiter.wake, timeout * 1000);
      signal?.addEventListener("abort", onAbort);
      this.waiter = waiter;
    });
  }
}

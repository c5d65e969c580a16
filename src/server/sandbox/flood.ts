/** Flood control: sliding-window limits on messages sent by the bot, answered with 429. */
import { tooManyRequests } from "../botapi/errors.js";
import type { FloodRule } from "./types.js";

export const DEFAULT_FLOOD_RULES: FloodRule[] = [{ scope: "chat", max: 30, windowMs: 1000 }];

export class FloodControl {
  private rules: FloodRule[];
  private readonly times = new Map<string, number[]>();
  rejections = 0;

  constructor(rules: FloodRule[] | false | undefined) {
    this.rules = rules === false ? [] : rules ?? DEFAULT_FLOOD_RULES;
  }

  /** Replaces the rules; `false` (or []) turns flood control off. */
  configure(rules: FloodRule[] | false): void {
    this.rules = rules === false ? [] : rules;
    this.times.clear();
  }

  /** Counts one message to `chatId`, or throws 429 with retry_after when a limit is reached. */
  take(chatId: number, isGroup: boolean, now = Date.now()): void {
    if (this.rules.length === 0) return;
    const keys: [string, FloodRule][] = [];
    for (const [i, rule] of this.rules.entries()) {
      if (rule.scope === "group" && !isGroup) continue;
      keys.push([`${i}:${rule.scope === "global" ? "*" : chatId}`, rule]);
    }
    for (const [key, rule] of keys) {
      const list = (this.times.get(key) ?? []).filter((t) => t > now - rule.windowMs);
      this.times.set(key, list);
      if (list.length >= rule.max) {
        this.rejections++;
        const first = list[0] ?? now;
        throw tooManyRequests(Math.max(1, Math.ceil((first + rule.windowMs - now) / 1000)));
      }
    }
    for (const [key] of keys) this.times.get(key)?.push(now);
  }

  reset(): void {
    this.times.clear();
    this.rejections = 0;
  }
}

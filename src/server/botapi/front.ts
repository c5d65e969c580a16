/**
 * The Bot API methods about the bot itself that every front door answers alike — the sandbox and
 * each channel bridge (WeCom): getMe, getUpdates from the front door's queue, getWebhookInfo,
 * logOut and close. A front door says where its bot, queue and webhook are; the rest is its own.
 */
import type { MethodHandler } from "./dispatch.js";
import { optInt, optJson, type Params } from "./params.js";
import type { BotInfo } from "./types.js";
import type { PollParams, UpdateQueue } from "./updates.js";

export interface WebhookState {
  url: string;
  max_connections: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

export interface FrontDoor<E> {
  bot(engine: E): BotInfo;
  queue(engine: E): UpdateQueue;
  /** The webhook set now; a front door that is only polled leaves this out. */
  webhook?(engine: E): WebhookState | undefined;
  /** Before each getUpdates (the sandbox notes that the bot is online). */
  onPoll?(engine: E): void;
}

/** getUpdates' parameters as Telegram reads them. */
export function pollParams(p: Params): PollParams {
  const offset = optInt(p, "offset"),
    limit = optInt(p, "limit"),
    timeout = optInt(p, "timeout");
  const allowed = optJson<string[]>(p, "allowed_updates");
  return {
    ...(offset !== undefined ? { offset } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(allowed !== undefined ? { allowed_updates: allowed } : {}),
  };
}

export function frontDoorMethods<E>(front: FrontDoor<E>): Record<string, MethodHandler<E>> {
  return {
    getMe: ({ engine }) => front.bot(engine),
    getUpdates: ({ engine, params, signal }) => {
      front.onPoll?.(engine);
      return front.queue(engine).getUpdates(pollParams(params), front.webhook?.(engine) !== undefined, signal);
    },
    getWebhookInfo: ({ engine }) => {
      const w = front.webhook?.(engine);
      return {
        url: w?.url ?? "",
        has_custom_certificate: false,
        pending_update_count: front.queue(engine).size,
        ...(w ? { max_connections: w.max_connections, ip_address: "127.0.0.1" } : {}),
        ...(w?.allowed_updates ? { allowed_updates: w.allowed_updates } : {}),
        ...(w?.last_error_date ? { last_error_date: w.last_error_date, last_error_message: w.last_error_message } : {}),
      };
    },
    logOut: () => true,
    close: () => true,
  };
}

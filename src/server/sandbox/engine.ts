/** What Bot API method handlers work with, and checks shared by several of them. */
import type { CallContext as CoreCallContext, MethodHandler as CoreMethodHandler } from "../botapi/dispatch.js";
import { badRequest, forbidden } from "../botapi/errors.js";
import type { FloodControl } from "./flood.js";
import { optBool, optInt, optJson, type Params } from "../botapi/params.js";
import type { ChatState, Store } from "./store.js";
import type { Message } from "../botapi/types.js";
import type { UpdateQueue } from "../botapi/updates.js";
import type { WebhookDeliverer } from "./webhook.js";

export interface Engine {
  store: Store;
  queue: UpdateQueue;
  webhook: WebhookDeliverer;
  flood: FloodControl;
}

export type CallContext = CoreCallContext<Engine>;
export type MethodHandler = CoreMethodHandler<Engine>;

/** The chat a message is sent to, or Telegram's 400/403 explaining why the bot cannot write there. */
export function writableChat(store: Store, id: number): ChatState {
  const chat = store.chat(id);
  if (chat.type === "private") {
    if (chat.blocked) throw forbidden("bot was blocked by the user");
    if (!chat.started) throw forbidden("bot can't initiate conversation with a user");
  } else if (chat.botStatus === "kicked") {
    throw forbidden("bot was kicked from the group chat");
  } else if (chat.botStatus === "left") {
    throw forbidden("bot is not a member of the group chat");
  }
  return chat;
}

/** A copy of a message for `reply_to_message` (which never nests further). */
export function replySnapshot(m: Message): Message {
  const { reply_to_message: _nested, ...rest } = m;
  return rest;
}

/** Reads reply_parameters / reply_to_message_id; returns the replied message or undefined. */
export function readReply(chat: ChatState, p: Params): Message | undefined {
  const rp = optJson<{ message_id?: number; chat_id?: number; allow_sending_without_reply?: boolean }>(
    p, "reply_parameters",
  );
  const id = rp?.message_id ?? optInt(p, "reply_to_message_id");
  if (id === undefined) return undefined;
  const allow = rp?.allow_sending_without_reply ?? optBool(p, "allow_sending_without_reply") ?? false;
  const target = chat.messages.get(Number(id));
  if (!target) {
    if (allow) return undefined;
    throw badRequest("message to be replied not found");
  }
  return replySnapshot(target.message);
}

/** JSON with sorted keys, to compare contents regardless of key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  ) ?? "undefined";
}

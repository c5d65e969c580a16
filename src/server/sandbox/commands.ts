/** setMyCommands scopes: storage keys, validation, and which list a given user sees in a chat. */
import { badRequest } from "../botapi/errors.js";
import type { ChatState, Store } from "./store.js";
import type { BotCommand } from "../botapi/types.js";

export interface CommandScope {
  type: string;
  chat_id?: number | string;
  user_id?: number;
}

export function scopeKey(scope: CommandScope | undefined): string {
  const type = scope?.type ?? "default";
  switch (type) {
    case "default": case "all_private_chats": case "all_group_chats": case "all_chat_administrators":
      return type;
    case "chat": case "chat_administrators":
      if (scope?.chat_id === undefined) throw badRequest("chat_id is empty");
      return `${type}:${Number(scope.chat_id)}`;
    case "chat_member":
      if (scope?.chat_id === undefined || scope.user_id === undefined) throw badRequest("chat_id is empty");
      return `${type}:${Number(scope.chat_id)}:${scope.user_id}`;
    default:
      throw badRequest("wrong scope type specified");
  }
}

export const commandsKey = (scope: CommandScope | undefined, lang: string | undefined): string =>
  `${scopeKey(scope)}|${lang ?? ""}`;

export function validateCommands(raw: unknown): BotCommand[] {
  if (!Array.isArray(raw)) throw badRequest("can't parse commands JSON object");
  if (raw.length > 100) throw badRequest("too many commands");
  return raw.map((c: unknown) => {
    const { command, description } = (c ?? {}) as Partial<BotCommand>;
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.trim() === "" || [...description].length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command, description };
  });
}

/** The command menu `userId` sees in `chat`, following Telegram's scope precedence. */
export function resolveCommands(store: Store, chat: ChatState, userId: number): BotCommand[] {
  const lang = store.users.get(userId)?.language_code;
  const scopes: string[] = [];
  if (chat.type === "private") {
    scopes.push(`chat:${chat.id}`, "all_private_chats", "default");
  } else {
    const admin = chat.admins.has(userId);
    scopes.push(`chat_member:${chat.id}:${userId}`);
    if (admin) scopes.push(`chat_administrators:${chat.id}`);
    scopes.push(`chat:${chat.id}`);
    if (admin) scopes.push("all_chat_administrators");
    scopes.push("all_group_chats", "default");
  }
  for (const scope of scopes) {
    for (const l of new Set(lang ? [lang, lang.split("-")[0] ?? lang, ""] : [""])) {
      const list = store.commands.get(`${scope}|${l}`);
      if (list && list.length > 0) return list;
    }
  }
  return [];
}

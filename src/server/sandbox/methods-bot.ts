/** Bot API methods about the bot itself: identity, updates, webhook, commands, settings, chats. */
import { commandsKey, validateCommands, type CommandScope } from "./commands.js";
import type { Engine, MethodHandler } from "./engine.js";
import { frontDoorMethods } from "../botapi/front.js";
import { badRequest, conflict } from "../botapi/errors.js";
import { chatId, optBool, optInt, optJson, optStr, type Params } from "../botapi/params.js";
import type { ChatState, Store } from "./store.js";
import type { ChatMember } from "../botapi/types.js";
import { WEBHOOK_CONFLICT } from "../botapi/updates.js";

const setWebhook: MethodHandler = ({ engine, params: p }) => {
  const url = optStr(p, "url") ?? "";
  if (optBool(p, "drop_pending_updates")) engine.queue.drop();
  if (url === "") {
    engine.webhook.set(undefined);
    engine.store.emit({ type: "bot" });
    return true;
  }
  try {
    const parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error();
  } catch {
    throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
  }
  const secret = optStr(p, "secret_token");
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const allowed = optJson<string[]>(p, "allowed_updates");
  if (allowed !== undefined) engine.queue.allowed = allowed;
  engine.queue.interrupt(conflict(WEBHOOK_CONFLICT));
  engine.webhook.set({
    url,
    max_connections: optInt(p, "max_connections") ?? 40,
    ...(secret ? { secret_token: secret } : {}),
    ...(allowed !== undefined ? { allowed_updates: allowed } : {}),
  });
  engine.store.emit({ type: "bot" });
  return true;
};

const deleteWebhook: MethodHandler = ({ engine, params: p }) => {
  if (optBool(p, "drop_pending_updates")) engine.queue.drop();
  if (engine.webhook.config) {
    engine.webhook.set(undefined);
    engine.store.emit({ type: "bot" });
  }
  return true;
};

const scopeOf = (p: Params): CommandScope | undefined => optJson<CommandScope>(p, "scope");

const setMyCommands: MethodHandler = ({ engine, params: p }) => {
  const commands = validateCommands(optJson(p, "commands") ?? []);
  const key = commandsKey(scopeOf(p), optStr(p, "language_code"));
  if (commands.length === 0) engine.store.commands.delete(key);
  else engine.store.commands.set(key, commands);
  engine.store.emit({ type: "directory" });
  return true;
};

const getMyCommands: MethodHandler = ({ engine, params: p }) =>
  engine.store.commands.get(commandsKey(scopeOf(p), optStr(p, "language_code"))) ?? [];

const deleteMyCommands: MethodHandler = ({ engine, params: p }) => {
  engine.store.commands.delete(commandsKey(scopeOf(p), optStr(p, "language_code")));
  engine.store.emit({ type: "directory" });
  return true;
};

/** Setter/getter pairs that just store a value per language (descriptions, name, ...). */
function setting(name: string, field: string, fallback: unknown): [MethodHandler, MethodHandler] {
  const key = (p: Params): string => `${name}|${optStr(p, "language_code") ?? ""}`;
  return [
    ({ engine, params: p }) => {
      const value = typeof fallback === "object" ? optJson<unknown>(p, field) : optStr(p, field);
      if (value === undefined || value === "") engine.store.settings.delete(key(p));
      else engine.store.settings.set(key(p), value);
      return true;
    },
    ({ engine, params: p }) => {
      const value = engine.store.settings.get(key(p)) ?? engine.store.settings.get(`${name}|`) ?? fallback;
      return typeof fallback === "object" ? value : { [field]: value };
    },
  ];
}

function memberOf(store: Store, chat: ChatState, userId: number): ChatMember {
  if (userId === store.bot.id) {
    const status = chat.type === "private" ? "member" : chat.botStatus;
    return { status, user: store.botUser() };
  }
  const user = store.users.get(userId);
  if (!user) throw badRequest("user not found");
  if (!chat.members.includes(userId)) return { status: "left", user };
  if (chat.type === "group" && chat.members[0] === userId) return { status: "creator", user, is_anonymous: false };
  if (chat.admins.has(userId)) return { status: "administrator", user, can_be_edited: false };
  return { status: "member", user };
}

const getChat: MethodHandler = ({ engine, params: p }) => {
  const chat = engine.store.chat(chatId(p));
  return { ...engine.store.tgChat(chat), accent_color_id: 0, max_reaction_count: 11 };
};

const [setMyDescription, getMyDescription] = setting("description", "description", "");
const [setMyShortDescription, getMyShortDescription] = setting("short_description", "short_description", "");
const [setMyName, getMyName] = setting("name", "name", "");
const [setChatMenuButton, getChatMenuButton] = setting("menu_button", "menu_button", { type: "commands" });
const [setMyDefaultAdministratorRights, getMyDefaultAdministratorRights] =
  setting("admin_rights", "rights", { is_anonymous: false, can_manage_chat: false });

export const botMethods: Record<string, MethodHandler> = {
  ...frontDoorMethods<Engine>({
    bot: (engine) => engine.store.bot,
    queue: (engine) => engine.queue,
    webhook: (engine) => engine.webhook.config,
    onPoll: (engine) => {
      const wasOnline = Date.now() - engine.store.lastPollAt < 60_000;
      engine.store.lastPollAt = Date.now();
      if (!wasOnline) engine.store.emit({ type: "bot" });
    },
  }),
  setWebhook, deleteWebhook,
  setMyCommands, getMyCommands, deleteMyCommands,
  setMyDescription, getMyDescription, setMyShortDescription, getMyShortDescription,
  setMyName, getMyName, setChatMenuButton, getChatMenuButton,
  setMyDefaultAdministratorRights, getMyDefaultAdministratorRights,
  getChat,
  getChatMember: ({ engine, params: p }) => {
    const chat = engine.store.chat(chatId(p));
    return memberOf(engine.store, chat, optInt(p, "user_id") ?? 0);
  },
  getChatAdministrators: ({ engine, params: p }) => {
    const chat = engine.store.chat(chatId(p));
    const ids = chat.type === "group" ? chat.members.filter((m) => chat.admins.has(m)) : [];
    return ids.map((id) => memberOf(engine.store, chat, id));
  },
  getChatMemberCount: ({ engine, params: p }) => {
    const chat = engine.store.chat(chatId(p));
    return chat.members.length + (chat.botStatus === "member" || chat.botStatus === "administrator" ? 1 : 0);
  },
  leaveChat: ({ engine, params: p }) => {
    const chat = engine.store.chat(chatId(p));
    if (chat.type === "group") chat.botStatus = "left";
    engine.store.emit({ type: "directory" });
    return true;
  },
};

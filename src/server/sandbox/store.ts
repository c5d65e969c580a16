/**
 * The sandbox's world: the bot, simulated users, chats with their messages (the transcript),
 * per-chat logs of what the bot did (consumed by ScriptedUser.next), files and settings.
 * Every change is announced on `events` ("change") for the web page and for waiting users.
 */
import { EventEmitter } from "node:events";
import { badRequest } from "../botapi/errors.js";
import { FileStore } from "../botapi/files.js";
import type { BotCommand, BotInfo, Message, ReplyKeyboardMarkup, ReplyMarkup, TgChat, TgUser } from "../botapi/types.js";
import type { ChatStats } from "./types.js";

export interface StoredMessage {
  message: Message;
  fromBot: boolean;
  /** The markup as sent (Message.reply_markup only ever carries inline keyboards). */
  markup?: ReplyMarkup;
}

/** Something the bot did in a chat, in order; `message` is a snapshot at that moment. */
export interface BotEvent {
  seq: number;
  kind: "message" | "edit" | "delete";
  message: Message;
  markup?: ReplyMarkup;
}

export interface CallbackAnswer {
  queryId: string;
  chatId: number;
  userId: number;
  messageId: number;
  data?: string;
  answered: boolean;
  text?: string;
  show_alert?: boolean;
  url?: string;
}

export interface ChatState {
  id: number;
  type: "private" | "group";
  title?: string;
  /** Private chat: the user. */
  userId?: number;
  /** User ids; the first one of a group is its creator. */
  members: number[];
  admins: Set<number>;
  botStatus: "member" | "administrator" | "left" | "kicked";
  /** Private chat: the user blocked the bot. */
  blocked: boolean;
  /** Private chat: the user has written to the bot (a bot cannot start a conversation). */
  started: boolean;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  log: BotEvent[];
  replyKeyboard?: { markup: ReplyKeyboardMarkup; messageId: number };
  stats: ChatStats;
  lastAction?: { action: string; time: number };
}

export type SandboxEvent =
  | { type: "message" | "edit"; chatId: number; messageId: number; fromBot: boolean }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "answer"; chatId: number; userId: number; queryId: string; text?: string; show_alert?: boolean }
  | { type: "action"; chatId: number; action: string }
  | { type: "directory" | "bot" | "reset" };

export const unixNow = (): number => Math.floor(Date.now() / 1000);

export class Store {
  readonly events = new EventEmitter();
  readonly users = new Map<number, TgUser>();
  readonly chats = new Map<number, ChatState>();
  readonly files = new FileStore();
  readonly callbacks = new Map<string, CallbackAnswer>();
  /** setMyCommands, keyed by `${scopeKey}|${language_code}`. */
  readonly commands = new Map<string, BotCommand[]>();
  /** setMyDescription / setMyName / setChatMenuButton ..., keyed by method-ish name. */
  readonly settings = new Map<string, unknown>();
  lastPollAt = 0;
  private nextGroup = 1;
  private nextUser = 1;
  private nextCallback = 1;
  private seq = 0;

  constructor(readonly bot: BotInfo) {
    this.events.setMaxListeners(0);
  }

  emit(e: SandboxEvent): void {
    this.events.emit("change", e);
  }

  botUser(): TgUser {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  addUser(u: Omit<TgUser, "is_bot" | "id"> & { id?: number }): TgUser {
    const id = u.id ?? 7_000_000_000 + this.nextUser++;
    const existing = this.users.get(id);
    const user: TgUser = { ...existing, ...u, id, is_bot: false };
    this.users.set(id, user);
    const chat = this.chats.get(id);
    if (!chat) {
      this.chats.set(id, this.newChat({ id, type: "private", userId: id, members: [id] }));
    }
    this.emit({ type: "directory" });
    return user;
  }

  addGroup(g: { id?: number; title: string; members: number[]; withBot: boolean }): ChatState {
    const id = g.id ?? -(4_000_000_000 + this.nextGroup++);
    if (id >= 0) throw new Error(`group ids are negative (got ${id})`);
    if (this.chats.has(id)) throw new Error(`chat ${id} already exists`);
    for (const m of g.members) this.user(m);
    const chat = this.newChat({ id, type: "group", title: g.title, members: [...g.members] });
    if (g.members[0] !== undefined) chat.admins.add(g.members[0]);
    chat.botStatus = g.withBot ? "member" : "left";
    this.chats.set(id, chat);
    this.emit({ type: "directory" });
    return chat;
  }

  private newChat(c: Pick<ChatState, "id" | "type" | "members"> & Partial<ChatState>): ChatState {
    return {
      admins: new Set(), botStatus: "member", blocked: false, started: false, nextMessageId: 1,
      messages: new Map(), log: [], stats: { botMessages: 0, userMessages: 0, edits: 0, deletes: 0 },
      ...c,
    };
  }

  user(id: number): TgUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`unknown simulated user ${id}; create it with sandbox.user({ id, first_name })`);
    return u;
  }

  chat(id: number): ChatState {
    const c = this.chats.get(id);
    if (!c) throw badRequest("chat not found");
    return c;
  }

  tgChat(chat: ChatState): TgChat {
    if (chat.type === "group") return { id: chat.id, title: chat.title ?? "", type: "group" };
    const u = this.user(chat.userId ?? chat.id);
    return {
      id: chat.id,
      first_name: u.first_name,
      ...(u.last_name !== undefined ? { last_name: u.last_name } : {}),
      ...(u.username !== undefined ? { username: u.username } : {}),
      type: "private",
    };
  }

  /** Stores a new message from the bot (from = bot) or a user, logs it and announces it. */
  addMessage(chat: ChatState, from: TgUser, fields: Partial<Message>, markup?: ReplyMarkup): StoredMessage {
    const fromBot = from.is_bot;
    const message: Message = {
      message_id: chat.nextMessageId++,
      from,
      chat: this.tgChat(chat),
      date: unixNow(),
      ...fields,
    };
    const stored: StoredMessage = { message, fromBot, ...(markup ? { markup } : {}) };
    chat.messages.set(message.message_id, stored);
    if (fromBot) {
      chat.stats.botMessages++;
      chat.log.push({ seq: ++this.seq, kind: "message", message, ...(markup ? { markup } : {}) });
      if (markup && "keyboard" in markup) chat.replyKeyboard = { markup, messageId: message.message_id };
      if (markup && "remove_keyboard" in markup) delete chat.replyKeyboard;
    } else chat.stats.userMessages++;
    this.emit({ type: "message", chatId: chat.id, messageId: message.message_id, fromBot });
    return stored;
  }

  /** Replaces a message in place (an edit by the bot or by a user). */
  replaceMessage(chat: ChatState, message: Message): void {
    const stored = chat.messages.get(message.message_id);
    if (!stored) return;
    const markup = message.reply_markup;
    const next: StoredMessage = { message, fromBot: stored.fromBot, ...(markup ? { markup } : {}) };
    chat.messages.set(message.message_id, next);
    chat.stats.edits++;
    if (stored.fromBot) chat.log.push({ seq: ++this.seq, kind: "edit", message, ...(markup ? { markup } : {}) });
    this.emit({ type: "edit", chatId: chat.id, messageId: message.message_id, fromBot: stored.fromBot });
  }

  removeMessage(chat: ChatState, messageId: number): void {
    const stored = chat.messages.get(messageId);
    if (!stored) return;
    chat.messages.delete(messageId);
    chat.stats.deletes++;
    chat.log.push({ seq: ++this.seq, kind: "delete", message: stored.message });
    if (chat.replyKeyboard?.messageId === messageId) delete chat.replyKeyboard;
    this.emit({ type: "delete", chatId: chat.id, messageId });
  }

  newCallback(a: Omit<CallbackAnswer, "queryId" | "answered">): CallbackAnswer {
    const queryId = `${Date.now().toString(36)}${(this.nextCallback++).toString(36).padStart(6, "0")}`;
    const cb: CallbackAnswer = { ...a, queryId, answered: false };
    this.callbacks.set(queryId, cb);
    return cb;
  }

  /** Forgets users, chats, messages, files and answers; keeps the bot's own settings. */
  reset(all: boolean): void {
    this.users.clear();
    this.chats.clear();
    this.files.clear();
    this.callbacks.clear();
    if (all) {
      this.commands.clear();
      this.settings.clear();
    }
    this.emit({ type: "reset" });
  }
}

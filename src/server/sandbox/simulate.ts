/**
 * What simulated users do, turned into chat messages and updates: typing text, editing, pressing
 * inline buttons, sending files, blocking the bot, adding it to groups. Shared by ScriptedUser and
 * the web page. Group messages honour the bot's privacy mode (can_read_all_group_messages).
 */
import { replySnapshot, type Engine } from "./engine.js";
import { type FileKind, documentOf, photoOf } from "../botapi/files.js";
import { type CallbackAnswer, type ChatState, unixNow } from "./store.js";
import { charCount, detectEntities, MAX_TEXT } from "../botapi/text.js";
import type { ChatMember, Message, TgUser } from "../botapi/types.js";

export class Simulator {
  constructor(private readonly engine: Engine) {}

  private get store() { return this.engine.store; }

  /** The chat, after checking `userId` may write there. */
  private chatFor(userId: number, chatId: number): { chat: ChatState; user: TgUser } {
    const user = this.store.user(userId);
    const chat = this.store.chats.get(chatId);
    if (!chat) throw new Error(`unknown chat ${chatId}`);
    if (!chat.members.includes(userId)) throw new Error(`${user.first_name} (${userId}) is not a member of chat ${chatId}`);
    if (chat.type === "private" && chat.blocked) {
      throw new Error(`${user.first_name} (${userId}) has blocked the bot; unblock() first`);
    }
    return { chat, user };
  }

  /** Whether the bot receives this group message (privacy mode), always true in private chats. */
  private delivers(chat: ChatState, m: Message): boolean {
    if (chat.type === "private") return true;
    if (chat.botStatus !== "member" && chat.botStatus !== "administrator") return false;
    if (this.store.bot.can_read_all_group_messages || chat.botStatus === "administrator") return true;
    if (m.reply_to_message?.from?.id === this.store.bot.id) return true;
    const text = m.text ?? m.caption ?? "";
    const me = this.store.bot.username.toLowerCase();
    return (m.entities ?? []).some((e) => {
      const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
      if (e.type === "mention") return part === `@${me}`;
      if (e.type !== "bot_command") return false;
      const at = part.indexOf("@");
      return at < 0 || part.slice(at + 1) === me;
    });
  }

  private post(chat: ChatState, user: TgUser, fields: Partial<Message>, replyTo?: number): Message {
    if (chat.type === "private") chat.started = true;
    const replied = replyTo !== undefined ? chat.messages.get(replyTo)?.message : undefined;
    if (replyTo !== undefined && !replied) throw new Error(`no message ${replyTo} in chat ${chat.id} to reply to`);
    const message = this.store.addMessage(chat, user, {
      ...(replied ? { reply_to_message: replySnapshot(replied) } : {}),
      ...fields,
    }).message;
    if (this.delivers(chat, message)) this.engine.queue.push({ message });
    return message;
  }

  sendText(userId: number, chatId: number, text: string, replyTo?: number): Message {
    if (text.trim() === "") throw new Error("cannot send an empty message");
    if (charCount(text) > MAX_TEXT) throw new Error(`message longer than ${MAX_TEXT} characters`);
    const { chat, user } = this.chatFor(userId, chatId);
    const entities = detectEntities(text);
    return this.post(chat, user, { text, ...(entities.length ? { entities } : {}) }, replyTo);
  }

  sendFile(
    userId: number, chatId: number, kind: FileKind, bytes: Buffer,
    opts: { filename?: string; mime?: string; caption?: string } = {},
  ): Message {
    const { chat, user } = this.chatFor(userId, chatId);
    const file = this.store.files.add(bytes, kind, opts.filename, opts.mime);
    const caption = opts.caption ?? "";
    const entities = caption ? detectEntities(caption) : [];
    return this.post(chat, user, {
      ...(kind === "photo" ? { photo: photoOf(file) } : { document: documentOf(file) }),
      ...(caption ? { caption } : {}),
      ...(entities.length ? { caption_entities: entities } : {}),
    });
  }

  edit(userId: number, chatId: number, messageId: number, text: string): Message {
    const { chat } = this.chatFor(userId, chatId);
    const stored = chat.messages.get(messageId);
    if (!stored || stored.message.from?.id !== userId) throw new Error(`message ${messageId} is not ${userId}'s`);
    if (stored.message.text === undefined) throw new Error(`message ${messageId} has no text to edit`);
    const entities = detectEntities(text);
    const message: Message = { ...stored.message, text, edit_date: unixNow() };
    if (entities.length) message.entities = entities;
    else delete message.entities;
    this.store.replaceMessage(chat, message);
    if (this.delivers(chat, message)) this.engine.queue.push({ edited_message: message });
    return message;
  }

  /** Presses the inline button with `data` on message `messageId` (a callback_query update). */
  press(userId: number, chatId: number, messageId: number, data: string, opts: { crafted?: boolean } = {}): CallbackAnswer {
    const { chat, user } = this.chatFor(userId, chatId);
    const stored = chat.messages.get(messageId);
    if (!stored) throw new Error(`no message ${messageId} in chat ${chatId}`);
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
    // crafted: a modified client sending data no button carries (tests of the bot's input checks).
    if (!opts.crafted && !buttons.some((b) => b.callback_data === data)) {
      throw new Error(`message ${messageId} has no button with callback_data ${JSON.stringify(data)}`);
    }
    const cb = this.store.newCallback({ chatId, userId, messageId, data });
    this.engine.queue.push({
      callback_query: {
        id: cb.queryId, from: user, message: stored.message,
        chat_instance: String(BigInt(chatId) * 7919n + 104729n), data,
      },
    });
    return cb;
  }

  private memberUpdate(chat: ChatState, from: TgUser, oldStatus: ChatMember["status"], newStatus: ChatMember["status"]): void {
    const bot = this.store.botUser();
    this.engine.queue.push({
      my_chat_member: {
        chat: this.store.tgChat(chat), from, date: unixNow(),
        old_chat_member: { status: oldStatus, user: bot },
        new_chat_member: { status: newStatus, user: bot, ...(newStatus === "kicked" ? { until_date: 0 } : {}) },
      },
    });
  }

  setBlocked(userId: number, blocked: boolean): void {
    const chat = this.store.chat(userId);
    if (chat.blocked === blocked) return;
    chat.blocked = blocked;
    this.memberUpdate(chat, this.store.user(userId), blocked ? "member" : "kicked", blocked ? "kicked" : "member");
    this.store.emit({ type: "directory" });
  }

  /** `userId` adds the bot to group `chatId`: my_chat_member, then a new_chat_members message. */
  addBot(userId: number, chatId: number): Message {
    const { chat, user } = this.chatFor(userId, chatId);
    if (chat.type !== "group") throw new Error("the bot can only be added to a group");
    if (chat.botStatus === "member" || chat.botStatus === "administrator") throw new Error("the bot is already in the group");
    const old = chat.botStatus;
    chat.botStatus = "member";
    this.memberUpdate(chat, user, old, "member");
    const bot = this.store.botUser();
    const message = this.store.addMessage(chat, user, {
      new_chat_participant: bot, new_chat_member: bot, new_chat_members: [bot],
    }).message;
    this.engine.queue.push({ message });
    this.store.emit({ type: "directory" });
    return message;
  }

  /** `userId` removes the bot from the group (the bot then gets 403 when writing there). */
  removeBot(userId: number, chatId: number): void {
    const { chat, user } = this.chatFor(userId, chatId);
    const old = chat.botStatus;
    chat.botStatus = "kicked";
    this.memberUpdate(chat, user, old, "kicked");
    this.store.emit({ type: "directory" });
  }

  /** Makes the bot an administrator of the group (it then reads every message). */
  promoteBot(userId: number, chatId: number): void {
    const { chat, user } = this.chatFor(userId, chatId);
    const old = chat.botStatus;
    chat.botStatus = "administrator";
    this.memberUpdate(chat, user, old, "administrator");
  }

  /** A user joins a group (a new_chat_members message, added by `byUserId` or by themselves). */
  addMember(chatId: number, userId: number, byUserId = userId): Message {
    const chat = this.store.chat(chatId);
    const user = this.store.user(userId);
    if (!chat.members.includes(userId)) chat.members.push(userId);
    const by = this.store.user(byUserId);
    const message = this.store.addMessage(chat, by, {
      new_chat_participant: user, new_chat_member: user, new_chat_members: [user],
    }).message;
    if (chat.botStatus === "member" || chat.botStatus === "administrator") this.engine.queue.push({ message });
    this.store.emit({ type: "directory" });
    return message;
  }
}

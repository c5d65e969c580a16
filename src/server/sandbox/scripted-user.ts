/**
 * A simulated user driven by a test: acts (say, command, press, editLast, send files) and reads
 * what the bot did in one chat (next, nextMatching, documents, transcript). The bot may run in
 * this process or in another one talking HTTP to the sandbox.
 */
import type { Simulator } from "./simulate.js";
import type { BotEvent, CallbackAnswer, ChatState, SandboxEvent, Store } from "./store.js";
import {
  botMessageOf, formatTranscript, transcriptOf, type BotMessage, type TranscriptEntry,
} from "./transcript.js";
import type { Message, TgUser } from "../botapi/types.js";

export interface UserContext {
  store: Store;
  sim: Simulator;
  defaultTimeout: number;
  /** A line about the bot's connection, added to timeout errors. */
  diagnose: () => string;
}

export interface ReceivedFile {
  kind: "document" | "photo";
  message_id: number;
  file_id: string;
  file_name?: string;
  mime_type?: string;
  caption?: string;
  bytes: Buffer;
}

export interface CallbackAnswerView { text?: string; show_alert?: boolean; url?: string }

export type PressResult =
  | { kind: "callback"; message_id: number; data: string; queryId: string;
      /** Waits for the bot's answerCallbackQuery. */
      answer(opts?: { timeout?: number }): Promise<CallbackAnswerView> }
  | { kind: "text"; message_id: number; sent: Message };

type Matcher = string | RegExp;
const matches = (m: Matcher, s: string): boolean => (typeof m === "string" ? s === m : m.test(s));

export class ScriptedUser {
  private cursor = 0;
  private cursorChat: ChatState | undefined;
  private readonly views: Map<number, ScriptedUser>;

  constructor(private readonly ctx: UserContext, readonly id: number, readonly chatId: number, views?: Map<number, ScriptedUser>) {
    this.views = views ?? new Map([[chatId, this]]);
  }

  /** The Telegram User object (as it stands now). */
  get user(): TgUser { return this.ctx.store.user(this.id); }

  get chat(): ChatState {
    const chat = this.ctx.store.chats.get(this.chatId);
    if (!chat) throw new Error(`chat ${this.chatId} no longer exists (was the sandbox reset?)`);
    return chat;
  }

  /** The same user in another chat (a group it belongs to), with its own read position. */
  in(chat: { id: number } | number): ScriptedUser {
    const id = typeof chat === "number" ? chat : chat.id;
    let view = this.views.get(id);
    if (!view) {
      view = new ScriptedUser(this.ctx, this.id, id, this.views);
      this.views.set(id, view);
    }
    return view;
  }

  async say(text: string, opts: { replyTo?: number } = {}): Promise<Message> {
    return this.ctx.sim.sendText(this.id, this.chatId, text, opts.replyTo);
  }

  /** Sends "/name args"; `{ at: true }` addresses the bot as "/name@botname". */
  async command(name: string, args?: string, opts: { at?: boolean } = {}): Promise<Message> {
    const at = opts.at ? `@${this.ctx.store.bot.username}` : "";
    return this.say(`/${name.replace(/^\//, "")}${at}${args ? ` ${args}` : ""}`);
  }

  /**
   * Presses the button labelled `label` on the newest bot message that has one (inline buttons,
   * or the active reply keyboard, which sends the label as text).
   */
  async press(label: Matcher, opts: { messageId?: number } = {}): Promise<PressResult> {
    const chat = this.chat;
    const botMessages = [...chat.messages.values()].filter((s) => s.fromBot).reverse();
    for (const stored of botMessages) {
      const id = stored.message.message_id;
      if (opts.messageId !== undefined && id !== opts.messageId) continue;
      const button = stored.message.reply_markup?.inline_keyboard.flat().find((b) => matches(label, b.text));
      if (button) {
        if (button.callback_data === undefined) {
          throw new Error(`button "${button.text}" on message #${id} has no callback_data${button.url ? ` (it opens ${button.url})` : ""}`);
        }
        const cb = this.ctx.sim.press(this.id, this.chatId, id, button.callback_data);
        return { kind: "callback", message_id: id, data: button.callback_data, queryId: cb.queryId,
          answer: (o = {}) => this.waitAnswer(cb, o.timeout ?? this.ctx.defaultTimeout) };
      }
      if (chat.replyKeyboard?.messageId === id) {
        const key = chat.replyKeyboard.markup.keyboard.flat().find((b) => matches(label, b.text));
        if (key) return { kind: "text", message_id: id, sent: await this.say(key.text) };
      }
    }
    throw new Error(`${this.user.first_name}: no button ${String(label)} in chat ${this.chatId}.\n${this.describeButtons()}\nTranscript:\n${this.transcriptText()}`);
  }

  private describeButtons(): string {
    const chat = this.chat;
    const lines = [...chat.messages.values()].filter((s) => s.fromBot && s.message.reply_markup)
      .map((s) => `  #${s.message.message_id}: ${s.message.reply_markup?.inline_keyboard.flat().map((b) => `[${b.text}]`).join(" ")}`);
    if (chat.replyKeyboard) {
      lines.push(`  reply keyboard (#${chat.replyKeyboard.messageId}): ${chat.replyKeyboard.markup.keyboard.flat().map((b) => `[${b.text}]`).join(" ")}`);
    }
    return lines.length ? `Available buttons:\n${lines.join("\n")}` : "There are no buttons.";
  }

  private waitAnswer(cb: CallbackAnswer, timeout: number): Promise<CallbackAnswerView> {
    const view = (): CallbackAnswerView => ({
      ...(cb.text !== undefined ? { text: cb.text } : {}),
      ...(cb.show_alert !== undefined ? { show_alert: cb.show_alert } : {}),
      ...(cb.url !== undefined ? { url: cb.url } : {}),
    });
    if (cb.answered) return Promise.resolve(view());
    return this.waitEvent((e) => e.type === "answer" && e.queryId === cb.queryId, timeout,
      `answerCallbackQuery for "${cb.data ?? ""}"`).then(view);
  }

  /**
   * Sends a callback query with any data on one of the bot's messages (default: the latest), as a
   * modified client could: for testing that the bot refuses crafted, stale or foreign button data.
   */
  async pressData(data: string, opts: { messageId?: number } = {}): Promise<PressResult> {
    const botMessages = [...this.chat.messages.values()].filter((s) => s.fromBot);
    const id = opts.messageId ?? botMessages.at(-1)?.message.message_id;
    if (id === undefined) throw new Error(`${this.user.first_name}: the bot has sent no message in chat ${this.chatId}`);
    const cb = this.ctx.sim.press(this.id, this.chatId, id, data, { crafted: true });
    return { kind: "callback", message_id: id, data, queryId: cb.queryId,
      answer: (o = {}) => this.waitAnswer(cb, o.timeout ?? this.ctx.defaultTimeout) };
  }

  /** Edits the user's latest text message, or the latest one containing `opts.containing`. */
  async editLast(newText: string, opts: { containing?: string } = {}): Promise<Message> {
    const mine = [...this.chat.messages.values()].filter((s) => s.message.from?.id === this.id && s.message.text !== undefined
      && (opts.containing === undefined || s.message.text.includes(opts.containing)));
    const last = mine[mine.length - 1];
    if (!last) throw new Error(`${this.user.first_name} has no text message to edit in chat ${this.chatId}`);
    return this.ctx.sim.edit(this.id, this.chatId, last.message.message_id, newText);
  }

  async sendPhoto(bytes: Uint8Array, opts: { caption?: string; filename?: string } = {}): Promise<Message> {
    return this.ctx.sim.sendFile(this.id, this.chatId, "photo", Buffer.from(bytes), opts);
  }

  async sendDocument(bytes: Uint8Array, filename: string, opts: { caption?: string; mime?: string } = {}): Promise<Message> {
    return this.ctx.sim.sendFile(this.id, this.chatId, "document", Buffer.from(bytes), { ...opts, filename });
  }

  async block(): Promise<void> { this.ctx.sim.setBlocked(this.id, true); }
  async unblock(): Promise<void> { this.ctx.sim.setBlocked(this.id, false); }
  async addBotTo(group: { id: number } | number): Promise<Message> {
    return this.ctx.sim.addBot(this.id, typeof group === "number" ? group : group.id);
  }
  async removeBotFrom(group: { id: number } | number): Promise<void> {
    this.ctx.sim.removeBot(this.id, typeof group === "number" ? group : group.id);
  }

  /** The next bot message or edit in this chat not yet consumed by this user. */
  next(opts: { timeout?: number } = {}): Promise<BotMessage> {
    return this.nextWhere(() => true, opts.timeout, "a bot message");
  }

  /** Consumes bot messages until one whose text (or caption) matches; the others are skipped. */
  nextMatching(pattern: Matcher, opts: { timeout?: number } = {}): Promise<BotMessage> {
    const test = (m: BotMessage): boolean =>
      typeof pattern === "string" ? m.text.includes(pattern) : pattern.test(m.text);
    return this.nextWhere(test, opts.timeout, `a bot message matching ${String(pattern)}`);
  }

  /** Consumes and returns every bot message already waiting (without waiting for more). */
  drain(): BotMessage[] {
    const out: BotMessage[] = [];
    for (let e = this.take(); e; e = this.take()) out.push(botMessageOf(this.ctx.store, e));
    return out;
  }

  private take(): BotEvent | undefined {
    const chat = this.chat;
    if (this.cursorChat !== chat) { this.cursorChat = chat; this.cursor = 0; }
    while (this.cursor < chat.log.length) {
      const e = chat.log[this.cursor++];
      if (e && e.kind !== "delete") return e;
    }
    return undefined;
  }

  private async nextWhere(test: (m: BotMessage) => boolean, timeout = this.ctx.defaultTimeout, what: string): Promise<BotMessage> {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (let e = this.take(); e; e = this.take()) {
        const m = botMessageOf(this.ctx.store, e);
        if (test(m)) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw this.timeoutError(what, timeout);
      await this.waitEvent((e) => "chatId" in e && e.chatId === this.chatId && e.type !== "answer", left, what)
        .catch(() => undefined);
    }
  }

  private timeoutError(what: string, timeout: number): Error {
    return new Error(`${this.user.first_name} (chat ${this.chatId}) waited ${timeout} ms for ${what}; none came.\n` +
      `${this.ctx.diagnose()}\nTranscript:\n${this.transcriptText()}`);
  }

  private waitEvent(pred: (e: SandboxEvent) => boolean, timeout: number, what: string): Promise<void> {
    const events = this.ctx.store.events;
    return new Promise((resolve, reject) => {
      const on = (e: SandboxEvent): void => { if (pred(e)) { cleanup(); resolve(); } };
      const timer = setTimeout(() => { cleanup(); reject(this.timeoutError(what, timeout)); }, Math.max(timeout, 0));
      const cleanup = (): void => { clearTimeout(timer); events.off("change", on); };
      events.on("change", on);
    });
  }

  /** Files the bot sent to this chat (still present), oldest first, with their bytes. */
  documents(): ReceivedFile[] {
    return this.files("document");
  }

  photos(): ReceivedFile[] {
    return this.files("photo");
  }

  private files(kind: "document" | "photo"): ReceivedFile[] {
    const out: ReceivedFile[] = [];
    for (const { message: m, fromBot } of this.chat.messages.values()) {
      const meta = kind === "document" ? m.document : m.photo?.[m.photo.length - 1];
      const file = fromBot && meta ? this.ctx.store.files.get(meta.file_id) : undefined;
      if (!file) continue;
      out.push({
        kind, message_id: m.message_id, file_id: file.file_id, bytes: file.bytes,
        ...(file.file_name !== undefined ? { file_name: file.file_name } : {}),
        ...(file.mime_type !== undefined ? { mime_type: file.mime_type } : {}),
        ...(m.caption !== undefined ? { caption: m.caption } : {}),
      });
    }
    return out;
  }

  /** Every message of the chat, both directions, as it stands now (edits applied, deletions gone). */
  transcript(): TranscriptEntry[] {
    return transcriptOf(this.ctx.store, this.chat);
  }

  transcriptText(): string {
    return formatTranscript(this.transcript());
  }

  /** The newest message from the bot in this chat. */
  lastBotMessage(): TranscriptEntry | undefined {
    return this.transcript().filter((e) => e.from === "bot").pop();
  }
}

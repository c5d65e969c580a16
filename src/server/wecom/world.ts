/**
 * The bridge's state: who is who (numeric ids ↔ WeCom userids and app chats, in the database),
 * the messages the bot sent (for edits, cards and clicks; cards also in the database), and the
 * update queue the bot polls.
 */
import { UpdateQueue } from "../botapi/updates.js";
import type { BotInfo, InlineKeyboardMarkup, Message, TgChat, TgUser } from "../botapi/types.js";
import type { ChannelsRepo } from "../../db/repos/channels.js";
import type { WecomApi } from "./api.js";
import type { CardButton } from "./cards.js";
import type { MemberLimiter } from "./limiter.js";
import type { Words } from "./words.js";

export const CHANNEL = "wecom";
/** A response_code may update its card once, within 72 hours. */
const RESPONSE_CODE_MS = 72 * 3_600_000;
const KEEP_MESSAGES = 5000;
/** 2026-01-01T00:00:00Z. */
const EPOCH_2026_MS = 1_767_225_600_000;

export type Target = { kind: "user"; userid: string; name: string } | { kind: "chat"; chatid: string; title: string };

export interface CardState {
  taskId: string;
  title: string;
  body: string;
  buttons: CardButton[];
  page: number;
  /** From message/send or the last click; usable once. */
  responseCode?: { code: string; at: number };
}

export interface SentMessage {
  message: Message;
  msgids: string[];
  card?: CardState;
}

export interface BridgeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export class WecomWorld {
  /** update_ids grow across restarts (the bot's inbox keeps them): milliseconds since 2026 to start. */
  readonly queue = new UpdateQueue(Date.now() - EPOCH_2026_MS);
  private readonly sent = new Map<string, SentMessage>();
  private readonly targets = new Map<number, Target>();
  private nextCallback = 1;
  /** Making updates, storing them and queueing them, one callback after another (see serially). */
  private intake: Promise<unknown> = Promise.resolve();
  readonly bot: TgUser & { username: string };
  /** What getMe answers. */
  readonly botInfo: BotInfo;
  private warnedOnce = new Set<string>();
  private readonly announced = new Set<string>();

  constructor(
    readonly api: WecomApi,
    readonly channels: ChannelsRepo,
    readonly limiter: MemberLimiter,
    readonly log: BridgeLogger,
    readonly words: Words,
    botName = "党支部台账",
  ) {
    this.bot = { id: api.agentId, is_bot: true, first_name: botName, username: `wecom_agent_${api.agentId}_bot` };
    this.botInfo = { ...this.bot, is_bot: true, can_join_groups: false, can_read_all_group_messages: true, supports_inline_queries: false };
  }

  warnOnce(key: string, obj: object, msg: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.log.warn(obj, msg);
  }

  /** Message ids are per chat and never repeat, also across restarts (the bot stores them). */
  newMessageId(chatId: number): Promise<number> {
    return this.channels.nextMessageId(chatId);
  }

  /**
   * A callback_query id that names the member who clicked, so that the bot may answer it also when
   * it was stored before a restart: `wc<time><n>_<chat id>_<userid, base64url>`.
   */
  newCallbackId(chatId: number, userid: string): string {
    return `wc${Date.now().toString(36)}${(this.nextCallback++).toString(36)}_${chatId}_${Buffer.from(userid, "utf8").toString("base64url")}`;
  }

  static callbackOf(id: string): { chatId: number; userid: string } | undefined {
    const m = /^wc[0-9a-z]+_(-?\d+)_([A-Za-z0-9_-]+)$/.exec(id);
    return m ? { chatId: Number(m[1]), userid: Buffer.from(m[2] ?? "", "base64url").toString("utf8") } : undefined;
  }

  /**
   * Runs `step` after the steps before it: update_ids are given, stored and queued in one order, so
   * the bot never confirms an offset past an update not yet queued.
   */
  serially<T>(step: () => Promise<T>): Promise<T> {
    const run = this.intake.then(step);
    this.intake = run.catch(() => undefined);
    return run;
  }

  /** The numeric id and Telegram user of a WeCom member (created on first sight, name looked up). */
  async member(userid: string): Promise<TgUser> {
    let row = await this.channels.userId(CHANNEL, userid);
    if (!row.name) {
      const name = await this.api.userName(userid);
      if (name) row = await this.channels.userId(CHANNEL, userid, name);
      // The numeric id the bot sees for this member (BOT_ADMINS userids map to it at start).
      if (!this.announced.has(userid)) this.log.info({ userid, id: row.id, name: row.name }, "WeCom member: numeric id");
      this.announced.add(userid);
    }
    const name = row.name ?? userid;
    this.targets.set(row.id, { kind: "user", userid, name });
    return { id: row.id, is_bot: false, first_name: name, username: userid, language_code: "zh" };
  }

  async appChat(chatid: string, title: string): Promise<number> {
    const id = -(await this.channels.chatId(CHANNEL, chatid, title));
    this.targets.set(id, { kind: "chat", chatid, title });
    return id;
  }

  /** Where a chat id goes, or undefined when no such member or app chat is known. */
  async target(chatId: number): Promise<Target | undefined> {
    const known = this.targets.get(chatId);
    if (known) return known;
    if (chatId > 0) {
      const u = await this.channels.userById(CHANNEL, chatId);
      if (!u) return undefined;
      const t: Target = { kind: "user", userid: u.externalId, name: u.name ?? u.externalId };
      this.targets.set(chatId, t);
      return t;
    }
    const c = await this.channels.chatById(CHANNEL, -chatId);
    if (!c) return undefined;
    const t: Target = { kind: "chat", chatid: c.externalId, title: c.title };
    this.targets.set(chatId, t);
    return t;
  }

  tgChat(chatId: number, t: Target): TgChat {
    return t.kind === "user" ? { id: chatId, type: "private", first_name: t.name, username: t.userid } : { id: chatId, type: "group", title: t.title };
  }

  /**
   * Keeps a sent message for edits, deletes and clicks: in memory (the last few thousand), and one
   * with a card also in the database (ChannelCard), so that it can be paged and edited in place
   * after a restart. Called again whenever its card changes (page, response_code).
   */
  async remember(s: SentMessage): Promise<void> {
    const key = `${s.message.chat.id}:${s.message.message_id}`;
    this.sent.delete(key);
    this.sent.set(key, s);
    if (this.sent.size > KEEP_MESSAGES) this.sent.delete(this.sent.keys().next().value!);
    if (s.card) await this.channels.saveCard(CHANNEL, s.message.chat.id, s.message.message_id, JSON.stringify(s), new Date());
  }

  async sentMessage(chatId: number, messageId: number): Promise<SentMessage | undefined> {
    const known = this.sent.get(`${chatId}:${messageId}`);
    if (known) return known;
    const stored = await this.channels.card(CHANNEL, chatId, messageId);
    if (!stored) return undefined;
    const s = JSON.parse(stored) as SentMessage;
    this.sent.set(`${chatId}:${messageId}`, s);
    return s;
  }

  /** Takes the card's response_code if it can still update the card (once, within 72 h). */
  takeResponseCode(card: CardState | undefined): string | undefined {
    const rc = card?.responseCode;
    if (!card || !rc) return undefined;
    delete card.responseCode;
    return Date.now() - rc.at < RESPONSE_CODE_MS ? rc.code : undefined;
  }

  message(chatId: number, t: Target, fields: Partial<Message> & { reply_markup?: InlineKeyboardMarkup }, messageId: number): Message {
    return { message_id: messageId, from: { ...this.bot }, chat: this.tgChat(chatId, t), date: Math.floor(Date.now() / 1000), ...fields };
  }
}

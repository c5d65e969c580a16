/** Delivering the bot's messages to WeCom: text and markdown parts, button cards, media. */
import { ApiError, badRequest, forbidden, tooManyRequests } from "../botapi/errors.js";
import type { InlineKeyboardMarkup, MessageEntity } from "../botapi/types.js";
import { WecomError } from "./api.js";
import { buttonsOf, CARD_TEXT_MAX, cardText, linksOf, templateCard, type CardButton } from "./cards.js";
import type { Words } from "./words.js";
import { toWecomText, type WecomText } from "./format.js";
import type { CardState, Target, WecomWorld } from "./world.js";

/** errcodes for a member the app cannot reach (not in its visible range, left the corp …). */
const UNREACHABLE = new Set([40031, 60111, 81013]);

/** A WeCom failure as the Telegram error the bot knows how to handle. */
export function asApiError(e: unknown): unknown {
  if (!(e instanceof WecomError)) return e;
  if (UNREACHABLE.has(e.errcode)) return forbidden(`bot can't initiate conversation with a user (WeCom ${e.errcode})`);
  if (e.errcode === 45009 || e.errcode === 45033) return tooManyRequests(5);
  return new ApiError(502, `Bad Gateway: WeCom ${e.path} failed: ${e.errcode} ${e.errmsg}`);
}

export interface Outgoing {
  text: string;
  parseMode?: string;
  entities?: MessageEntity[];
  markup?: InlineKeyboardMarkup;
}

export interface Delivered {
  plain: string;
  entities?: MessageEntity[];
  msgids: string[];
  card?: CardState;
}

async function sendParts(w: WecomWorld, t: Target, parts: WecomText[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of parts) {
    if (t.kind === "chat") {
      await w.api.sendToChat(t.chatid, p.msgtype, { content: p.content });
      continue;
    }
    const r = await w.limiter.run(t.userid, () => w.api.sendMessage(t.userid, p.msgtype, { content: p.content }));
    if (r.msgid) ids.push(r.msgid);
  }
  return ids;
}

export function newTaskId(chatId: number, messageId: number): string {
  return `t${Math.abs(chatId)}_${messageId}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Sends a card (to a member) and returns its state with the response_code from message/send. */
export async function sendCard(w: WecomWorld, t: Extract<Target, { kind: "user" }>, card: CardState, messageId: number): Promise<string | undefined> {
  const r = await w.limiter.run(t.userid, () =>
    w.api.sendMessage(t.userid, "template_card", templateCard({ messageId, ...card }, w.words)),
  );
  if (r.response_code) card.responseCode = { code: r.response_code, at: Date.now() };
  return r.msgid;
}

/** The card for a text with buttons; a text too long for a card goes in a message before it. */
export function cardFor(words: Words, text: string, buttons: CardButton[], links: string[], chatId: number, messageId: number, taskId?: string): { card: CardState; before?: string } {
  const { title, body } = cardText(text, words);
  const fullBody = [body, ...links].filter(Boolean).join("\n");
  const long = [...fullBody].length > CARD_TEXT_MAX;
  return {
    card: { taskId: taskId ?? newTaskId(chatId, messageId), title, body: long ? words.choose : fullBody, buttons, page: 0 },
    ...(long ? { before: text } : {}),
  };
}

/** Delivers a text message (with its keyboard) to a member or an app chat. */
export async function deliver(w: WecomWorld, chatId: number, t: Target, o: Outgoing, messageId: number): Promise<Delivered> {
  const formatted = toWecomText(o.text, o.parseMode, o.entities);
  const base = { plain: formatted.plain, ...(formatted.entities ? { entities: formatted.entities } : {}) };
  const buttons = buttonsOf(o.markup);
  const links = linksOf(o.markup);
  if (buttons.length === 0 || t.kind === "chat") {
    // App chats take no interactive cards: the buttons are named, to be used in the app.
    const extra = [...links, ...(buttons.length ? [w.words.buttonsInApp(buttons.map((b) => b.text).join(" / "))] : [])];
    const parts = extra.length ? toWecomText(`${o.text}\n${extra.join("\n")}`, o.parseMode, o.entities).parts : formatted.parts;
    return { ...base, msgids: await sendParts(w, t, parts) };
  }
  const { card, before } = cardFor(w.words, formatted.plain, buttons, links, chatId, messageId);
  const msgids = before ? await sendParts(w, t, toWecomText(before).parts) : [];
  const id = await sendCard(w, t, card, messageId);
  if (id) msgids.push(id);
  return { ...base, msgids, card };
}

export function checkSize(kind: "photo" | "document", size: number): void {
  const max = kind === "photo" ? 10 : 20;
  if (size > max * 1024 * 1024) {
    throw badRequest(`file is too big: WeCom takes ${kind === "photo" ? "images" : "files"} of at most ${max} MB (this one is ${(size / 1024 / 1024).toFixed(1)} MB)`);
  }
  if (size === 0) throw badRequest("file must be non-empty");
}

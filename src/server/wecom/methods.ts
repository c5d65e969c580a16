/** The Bot API the bot polls, answered from WeCom (the bridge's side of the shared core). */
import type { CallContext, MethodHandler } from "../botapi/dispatch.js";
import { frontDoorMethods } from "../botapi/front.js";
import { badRequest, forbidden, NOT_MODIFIED } from "../botapi/errors.js";
import { mimeFor } from "../botapi/files.js";
import { chatId, optInt, optJson, optStr, reqInt, type Params } from "../botapi/params.js";
import type { InlineKeyboardMarkup, Message, MessageEntity } from "../botapi/types.js";
import { buttonsOf, linksOf, templateCard } from "./cards.js";
import { toWecomText } from "./format.js";
import { asApiError, cardFor, checkSize, deliver } from "./send.js";
import { WecomWorld, type Target } from "./world.js";

type Handler = MethodHandler<WecomWorld>;
type Ctx = CallContext<WecomWorld>;

async function targetOf(w: WecomWorld, p: Params): Promise<{ id: number; t: Target }> {
  const id = chatId(p);
  const t = await w.target(id);
  if (!t) throw badRequest("chat not found");
  return { id, t };
}

function inlineMarkup(p: Params): InlineKeyboardMarkup | undefined {
  const m = optJson<Record<string, unknown>>(p, "reply_markup");
  return m && Array.isArray(m.inline_keyboard) ? (m as unknown as InlineKeyboardMarkup) : undefined;
}

/** Runs a WeCom call, turning its failures into Telegram errors. */
async function wecom<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asApiError(e);
  }
}

const sendMessage: Handler = async ({ engine: w, params: p }) => {
  const { id, t } = await targetOf(w, p);
  const text = optStr(p, "text") ?? "";
  if (text.trim() === "") throw badRequest("message text is empty");
  const markup = inlineMarkup(p);
  const messageId = await w.newMessageId(id);
  const parseMode = optStr(p, "parse_mode");
  const entities = optJson<MessageEntity[]>(p, "entities");
  const d = await wecom(() => deliver(w, id, t, { text, ...(parseMode ? { parseMode } : {}), ...(entities ? { entities } : {}), ...(markup ? { markup } : {}) }, messageId));
  const message = w.message(id, t, { text: d.plain, ...(d.entities ? { entities: d.entities } : {}), ...(markup ? { reply_markup: markup } : {}) }, messageId);
  await w.remember({ message, msgids: d.msgids, ...(d.card ? { card: d.card } : {}) });
  return message;
};

const sameMarkup = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * An edit: a card whose response_code is still good is updated in place (update_template_card);
 * anything else (a plain message, a used or expired code, a message from before a restart) is
 * sent anew and keeps its message id.
 */
async function edit(c: Ctx, change: { text?: string; markup: InlineKeyboardMarkup | undefined }): Promise<Message> {
  const w = c.engine, p = c.params;
  if (p.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  const { id, t } = await targetOf(w, p);
  const messageId = reqInt(p, "message_id", "message identifier is not specified");
  const old = await w.sentMessage(id, messageId);
  const rawText = change.text ?? old?.message.text;
  if (rawText === undefined) throw badRequest("there is no text in the message to edit");
  const parseMode = optStr(p, "parse_mode");
  const entities = optJson<MessageEntity[]>(p, "entities");
  const formatted = toWecomText(rawText, change.text !== undefined ? parseMode : undefined, change.text !== undefined ? entities : old?.message.entities);
  if (old && old.message.text === formatted.plain && sameMarkup(old.message.reply_markup, change.markup)) throw badRequest(NOT_MODIFIED);
  const message: Message = {
    ...w.message(id, t, { text: formatted.plain, ...(formatted.entities ? { entities: formatted.entities } : {}), ...(change.markup ? { reply_markup: change.markup } : {}) }, messageId),
    ...(old ? { date: old.message.date } : {}),
    edit_date: Math.floor(Date.now() / 1000),
  };
  const buttons = buttonsOf(change.markup);
  const code = t.kind === "user" ? w.takeResponseCode(old?.card) : undefined;
  if (code && old?.card && t.kind === "user") {
    const { card, before } = cardFor(w.words, formatted.plain, buttons, linksOf(change.markup), id, messageId, old.card.taskId);
    if (!before) {
      await wecom(() => w.api.updateTemplateCard([t.userid], code, templateCard({ messageId, ...card }, w.words)));
      await w.remember({ message, msgids: old.msgids, card });
      return message;
    }
    // Too long for the card: the card shows what is left to choose, the text comes anew.
    await wecom(() => w.api.updateTemplateCard([t.userid], code, templateCard({ messageId, ...card, body: "" }, w.words)));
  }
  const d = await wecom(() => deliver(w, id, t, { text: rawText, ...(parseMode ? { parseMode } : {}), ...(change.markup ? { markup: change.markup } : {}) }, messageId));
  await w.remember({ message, msgids: d.msgids, ...(d.card ? { card: d.card } : {}) });
  return message;
}

const editMessageText: Handler = (c) => {
  const text = optStr(c.params, "text") ?? "";
  if (text.trim() === "") throw badRequest("message text is empty");
  return edit(c, { text, markup: inlineMarkup(c.params) });
};

const editMessageReplyMarkup: Handler = (c) => edit(c, { markup: inlineMarkup(c.params) });

const answerCallbackQuery: Handler = async ({ engine: w, params: p }) => {
  const cb = WecomWorld.callbackOf(optStr(p, "callback_query_id") ?? "");
  if (!cb) throw badRequest("query is too old and response timeout expired or query ID is invalid");
  const text = optStr(p, "text");
  // WeCom has no toasts: a short answer comes as a text message.
  if (text) await wecom(() => w.limiter.run(cb.userid, () => w.api.sendMessage(cb.userid, "text", { content: text })));
  return true;
};

const deleteMessage: Handler = async ({ engine: w, params: p }) => {
  const { id } = await targetOf(w, p);
  const old = await w.sentMessage(id, reqInt(p, "message_id", "message identifier is not specified"));
  if (!old || old.msgids.length === 0) throw badRequest("message can't be deleted");
  try {
    for (const msgid of old.msgids) await w.api.recall(msgid);
  } catch {
    throw badRequest("message can't be deleted for everyone");
  }
  return true;
};

function sendFile(field: "photo" | "document"): Handler {
  return async (c) => {
    const w = c.engine, p = c.params;
    const { id, t } = await targetOf(w, p);
    const value = p[field];
    let mediaId: string | undefined;
    let name: string | undefined, size = 0, mime: string | undefined;
    if (typeof value === "string" && value.startsWith("wx:")) {
      mediaId = value.slice(3);
    } else {
      const part = typeof value === "string" && value.startsWith("attach://") ? c.files.get(value.slice(9)) : c.files.get(field);
      if (!part) throw badRequest(typeof value === "string" && value !== "" ? "wrong file identifier/HTTP URL specified" : `there is no ${field} in the request`);
      size = part.bytes.length;
      checkSize(field, size);
      name = part.filename;
      mime = mimeFor(part.filename, part.mimeType);
      // WeCom shows JPG and PNG as images; other pictures go as files.
      const asImage = field === "photo" && (mime === "image/png" || mime === "image/jpeg");
      mediaId = await wecom(() => w.api.upload(asImage ? "image" : "file", part.bytes, part.filename, mime));
      if (!asImage) mediaId = `file:${mediaId}`;
    }
    const asFile = mediaId.startsWith("file:") || field === "document";
    const media = mediaId.replace(/^file:/, "");
    const msgtype = asFile ? "file" : "image";
    const msgids: string[] = [];
    if (t.kind === "user") {
      const r = await wecom(() => w.limiter.run(t.userid, () => w.api.sendMessage(t.userid, msgtype, { media_id: media })));
      if (r.msgid) msgids.push(r.msgid);
    } else {
      await wecom(() => w.api.sendToChat(t.chatid, msgtype, { media_id: media }));
    }
    const caption = optStr(p, "caption") ?? "";
    const markup = inlineMarkup(p);
    const messageId = await w.newMessageId(id);
    if (caption.trim() !== "" || markup) {
      const d = await wecom(() => deliver(w, id, t, { text: caption.trim() || "📎", ...(markup ? { markup } : {}) }, messageId));
      msgids.push(...d.msgids);
    }
    const fileId = `wx:${media}`;
    const file = { file_id: fileId, file_unique_id: media.slice(0, 32), file_size: size };
    const message = w.message(id, t, {
      ...(field === "photo" ? { photo: [{ ...file, width: 0, height: 0 }] } : { document: { ...file, ...(name ? { file_name: name } : {}), ...(mime ? { mime_type: mime } : {}) } }),
      ...(caption ? { caption } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    }, messageId);
    await w.remember({ message, msgids });
    return message;
  };
}

const getFile: Handler = ({ params: p }) => {
  const fileId = optStr(p, "file_id") ?? "";
  if (!fileId.startsWith("wx:")) throw badRequest("invalid file_id");
  return { file_id: fileId, file_unique_id: fileId.slice(3, 35), file_path: `media/${encodeURIComponent(fileId.slice(3))}` };
};

/** setMyCommands: the default list becomes the app's menu (menu/create) where the app allows it. */
const setMyCommands: Handler = async ({ engine: w, params: p }) => {
  const scope = optJson<{ type?: string }>(p, "scope");
  const lang = optStr(p, "language_code");
  const commands = optJson<{ command: string; description: string }[]>(p, "commands") ?? [];
  if ((scope?.type ?? "default") !== "default" || (lang && lang !== "zh") || commands.length === 0) {
    w.warnOnce(`commands:${scope?.type}:${lang}`, { scope: scope?.type, lang }, "WeCom: command lists per chat or language have no place in WeCom; not applied");
    return true;
  }
  try {
    await w.api.createMenu(commandMenu(commands));
  } catch (e) {
    w.warnOnce("menu", { err: e instanceof Error ? e.message : String(e) }, "WeCom: could not set the app menu; members type the commands instead");
  }
  return true;
};

const byteCut = (s: string, max: number): string => {
  let out = "";
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
};

/** At most 3 top buttons of at most 5 entries each; a click sends the command as text. */
export function commandMenu(commands: { command: string; description: string }[]): { button: unknown[] } {
  const entries = commands.slice(0, 15).map((c) => ({ type: "click", name: byteCut(c.description.split(/[（(：:，,]/)[0] || `/${c.command}`, 40), key: `/${c.command}` }));
  const groups: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += 5) groups.push(entries.slice(i, i + 5));
  const titles = ["记录", "统计", "更多"];
  return {
    button: groups.map((g, i) => (g.length === 1 ? g[0] : { name: titles[i] ?? "更多", sub_button: g })),
  };
}

const getChat: Handler = async ({ engine: w, params: p }) => {
  const { id, t } = await targetOf(w, p);
  return w.tgChat(id, t);
};

const getChatMember: Handler = async ({ engine: w, params: p }) => {
  const { id, t } = await targetOf(w, p);
  const userId = optInt(p, "user_id") ?? 0;
  if (userId === w.bot.id) return { status: "member", user: w.bot };
  const u = await w.target(userId);
  if (!u || u.kind !== "user") throw badRequest("user not found");
  return { status: t.kind === "user" && id !== userId ? "left" : "member", user: { id: userId, is_bot: false, first_name: u.name } };
};

const ok: Handler = () => true;

export const wecomMethods: Record<string, Handler> = {
  ...frontDoorMethods<WecomWorld>({ bot: (w) => w.botInfo, queue: (w) => w.queue }),
  deleteWebhook: ok,
  setWebhook: () => {
    throw badRequest("the WeCom bridge is polled; it takes no webhook");
  },
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
  deleteMessage,
  sendPhoto: sendFile("photo"),
  sendDocument: sendFile("document"),
  getFile,
  setMyCommands,
  deleteMyCommands: ok,
  getMyCommands: () => [],
  setMyDescription: ok,
  setMyShortDescription: ok,
  setChatMenuButton: ok,
  sendChatAction: ok,
  pinChatMessage: ok,
  unpinChatMessage: ok,
  getChat,
  getChatMember,
  leaveChat: () => {
    throw forbidden("an app chat cannot be left");
  },
};

/** Bot API methods about messages: send, edit, delete, callback answers, chat actions. */
import { canonical, readReply, writableChat, type CallContext, type MethodHandler } from "./engine.js";
import { badRequest, NOT_MODIFIED } from "../botapi/errors.js";
import { inlineOnly, isInline, readReplyMarkup } from "./markup.js";
import { chatId, optBool, optInt, optJson, optStr, reqInt, type Params } from "../botapi/params.js";
import type { ChatState, StoredMessage } from "./store.js";
import { checkCaption, checkText, formatText } from "../botapi/text.js";
import type { Message, MessageEntity } from "../botapi/types.js";

function formatted(p: Params, textKey: "text" | "caption"): { text: string; entities?: MessageEntity[] } {
  const raw = optStr(p, textKey) ?? "";
  const entitiesKey = textKey === "text" ? "entities" : "caption_entities";
  return formatText(raw, optStr(p, "parse_mode"), optJson<MessageEntity[]>(p, entitiesKey));
}

const sendMessage: MethodHandler = ({ engine, params: p }) => {
  const chat = writableChat(engine.store, chatId(p));
  const { text, entities } = formatted(p, "text");
  checkText(text);
  const markup = readReplyMarkup(p);
  const reply = readReply(chat, p);
  engine.flood.take(chat.id, chat.type === "group");
  const inline = inlineOnly(markup);
  delete chat.lastAction;
  return engine.store.addMessage(chat, engine.store.botUser(), {
    ...(reply ? { reply_to_message: reply } : {}),
    text,
    ...(entities ? { entities } : {}),
    ...(inline ? { reply_markup: inline } : {}),
  }, markup).message;
};

/** The bot's own message to edit, or Telegram's error. */
function editable(c: CallContext): { chat: ChatState; stored: StoredMessage } {
  const p = c.params;
  if (p.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  const chat = c.engine.store.chat(chatId(p));
  if (chat.type === "private" && chat.blocked) writableChat(c.engine.store, chat.id);
  const id = reqInt(p, "message_id", "message identifier is not specified");
  const stored = chat.messages.get(id);
  if (!stored) throw badRequest("message to edit not found");
  if (!stored.fromBot) throw badRequest("message can't be edited");
  return { chat, stored };
}

function newInlineMarkup(p: Params): Message["reply_markup"] {
  const markup = readReplyMarkup(p);
  if (markup !== undefined && !isInline(markup)) throw badRequest("inline keyboard expected");
  return inlineOnly(markup);
}

function applyEdit(c: CallContext, chat: ChatState, old: Message, changes: Partial<Message>): Message {
  const next: Message = { ...old, ...changes, edit_date: Math.floor(Date.now() / 1000) };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete next[k as keyof Message];
  const same = (["text", "entities", "caption", "caption_entities", "reply_markup"] as const)
    .every((k) => canonical(old[k]) === canonical(next[k]));
  if (same) throw badRequest(NOT_MODIFIED);
  c.engine.store.replaceMessage(chat, next);
  return next;
}

const editMessageText: MethodHandler = (c) => {
  const { chat, stored } = editable(c);
  if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
  const { text, entities } = formatted(c.params, "text");
  checkText(text);
  return applyEdit(c, chat, stored.message, { text, entities, reply_markup: newInlineMarkup(c.params) });
};

const editMessageCaption: MethodHandler = (c) => {
  const { chat, stored } = editable(c);
  if (stored.message.text !== undefined) throw badRequest("there is no caption in the message to edit");
  const { text, entities } = formatted(c.params, "caption");
  checkCaption(text);
  return applyEdit(c, chat, stored.message, {
    caption: text === "" ? undefined : text,
    caption_entities: entities,
    reply_markup: newInlineMarkup(c.params),
  });
};

const editMessageReplyMarkup: MethodHandler = (c) => {
  const { chat, stored } = editable(c);
  return applyEdit(c, chat, stored.message, { reply_markup: newInlineMarkup(c.params) });
};

function deleteOne(c: CallContext, chat: ChatState, id: number): void {
  const stored = chat.messages.get(id);
  if (!stored) throw badRequest("message to delete not found");
  if (!stored.fromBot && chat.type === "group" && chat.botStatus !== "administrator") {
    throw badRequest("message can't be deleted");
  }
  c.engine.store.removeMessage(chat, id);
}

const deleteMessage: MethodHandler = (c) => {
  const chat = c.engine.store.chat(chatId(c.params));
  deleteOne(c, chat, reqInt(c.params, "message_id", "message identifier is not specified"));
  return true;
};

const deleteMessages: MethodHandler = (c) => {
  const chat = c.engine.store.chat(chatId(c.params));
  const ids = optJson<number[]>(c.params, "message_ids") ?? [];
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("message identifiers are not specified");
  for (const id of ids) if (chat.messages.has(Number(id))) deleteOne(c, chat, Number(id));
  return true;
};

const answerCallbackQuery: MethodHandler = ({ engine, params: p }) => {
  const id = optStr(p, "callback_query_id") ?? "";
  const cb = engine.store.callbacks.get(id);
  if (!cb || cb.answered) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  cb.answered = true;
  const text = optStr(p, "text");
  const alert = optBool(p, "show_alert");
  const url = optStr(p, "url");
  if (text !== undefined) cb.text = text;
  if (alert !== undefined) cb.show_alert = alert;
  if (url !== undefined) cb.url = url;
  engine.store.emit({
    type: "answer", chatId: cb.chatId, userId: cb.userId, queryId: cb.queryId,
    ...(text !== undefined ? { text } : {}), ...(alert !== undefined ? { show_alert: alert } : {}),
  });
  return true;
};

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

const sendChatAction: MethodHandler = ({ engine, params: p }) => {
  const chat = writableChat(engine.store, chatId(p));
  const action = optStr(p, "action") ?? "";
  if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
  chat.lastAction = { action, time: Date.now() };
  engine.store.emit({ type: "action", chatId: chat.id, action });
  return true;
};

const pinning: MethodHandler = ({ engine, params: p }) => {
  const chat = engine.store.chat(chatId(p));
  const id = optInt(p, "message_id");
  if (id !== undefined && !chat.messages.has(id)) throw badRequest("message to pin not found");
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage, editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage,
  deleteMessages, answerCallbackQuery, sendChatAction, pinChatMessage: pinning,
  unpinChatMessage: pinning, unpinAllChatMessages: pinning,
};

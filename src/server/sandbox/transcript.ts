/** Readable views of chat messages for tests and the page, and a text rendering for errors. */
import type { BotEvent, ChatState, Store, StoredMessage } from "./store.js";
import type { Message, MessageEntity, ReplyMarkup, StoredFile } from "../botapi/types.js";

export interface ButtonView {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface FileView {
  file_id: string;
  file_name?: string;
  mime_type?: string;
  size: number;
  width?: number;
  height?: number;
  /** Download path on the sandbox (for the page). */
  href: string;
}

export interface TranscriptEntry {
  message_id: number;
  from: "bot" | "user";
  sender: { id: number; name: string; username?: string };
  date: number;
  /** Text, or caption, or "" (service messages describe themselves in `service`). */
  text: string;
  entities?: MessageEntity[];
  /** Inline keyboard. */
  buttons: ButtonView[][];
  /** Reply keyboard sent with this message. */
  keyboard?: string[][];
  removeKeyboard?: boolean;
  document?: FileView;
  photo?: FileView;
  service?: string;
  edited: boolean;
  reply_to?: number;
  message: Message;
}

/** A bot message (or edit) handed out by ScriptedUser.next(). */
export interface BotMessage extends TranscriptEntry {
  kind: "message" | "edit";
  /** Bytes of the document or photo, if any. */
  bytes?: Buffer;
}

export const fileHref = (f: { file_id: string }): string => `/sandbox/files/${encodeURIComponent(f.file_id)}`;

function fileView(store: Store, fileId: string): FileView | undefined {
  const f: StoredFile | undefined = store.files.get(fileId);
  if (!f) return undefined;
  return {
    file_id: f.file_id, size: f.bytes.length, href: fileHref(f),
    ...(f.file_name !== undefined ? { file_name: f.file_name } : {}),
    ...(f.mime_type !== undefined ? { mime_type: f.mime_type } : {}),
    ...(f.width !== undefined ? { width: f.width, height: f.height ?? 0 } : {}),
  };
}

function serviceText(m: Message): string | undefined {
  const names = (us: { first_name: string }[]): string => us.map((u) => u.first_name).join("、");
  if (m.new_chat_members) return `${m.from?.first_name ?? ""} 添加了 ${names(m.new_chat_members)}`;
  if (m.left_chat_member) return `${m.left_chat_member.first_name} 离开了群组`;
  if (m.group_chat_created) return "群组已创建";
  return undefined;
}

export function entryOf(store: Store, message: Message, fromBot: boolean, markup?: ReplyMarkup): TranscriptEntry {
  const from = message.from;
  const name = from ? [from.first_name, from.last_name].filter(Boolean).join(" ") : "";
  const entities = message.entities ?? message.caption_entities;
  const document = message.document ? fileView(store, message.document.file_id) : undefined;
  const photoSize = message.photo?.[message.photo.length - 1];
  const photo = photoSize ? fileView(store, photoSize.file_id) : undefined;
  const service = serviceText(message);
  return {
    message_id: message.message_id,
    from: fromBot ? "bot" : "user",
    sender: { id: from?.id ?? 0, name, ...(from?.username ? { username: from.username } : {}) },
    date: message.date,
    text: message.text ?? message.caption ?? "",
    ...(entities ? { entities } : {}),
    buttons: (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({
      text: b.text,
      ...(b.callback_data !== undefined ? { callback_data: b.callback_data } : {}),
      ...(b.url !== undefined ? { url: b.url } : {}),
    }))),
    ...(markup && "keyboard" in markup ? { keyboard: markup.keyboard.map((r) => r.map((b) => b.text)) } : {}),
    ...(markup && "remove_keyboard" in markup ? { removeKeyboard: true } : {}),
    ...(document ? { document } : {}),
    ...(photo ? { photo } : {}),
    ...(service ? { service } : {}),
    edited: message.edit_date !== undefined,
    ...(message.reply_to_message ? { reply_to: message.reply_to_message.message_id } : {}),
    message,
  };
}

export function transcriptOf(store: Store, chat: ChatState): TranscriptEntry[] {
  return [...chat.messages.values()].map((s: StoredMessage) => entryOf(store, s.message, s.fromBot, s.markup));
}

export function botMessageOf(store: Store, e: BotEvent): BotMessage {
  const entry = entryOf(store, e.message, true, e.markup);
  const fileId = entry.document?.file_id ?? entry.photo?.file_id;
  const bytes = fileId ? store.files.get(fileId)?.bytes : undefined;
  return { ...entry, kind: e.kind === "edit" ? "edit" : "message", ...(bytes ? { bytes } : {}) };
}

/** One line per message, for error messages and debugging. */
export function formatTranscript(entries: TranscriptEntry[]): string {
  if (entries.length === 0) return "  (no messages)";
  return entries.map((e) => {
    const who = e.from === "bot" ? "bot" : e.sender.name;
    const parts = [e.service ? `[${e.service}]` : e.text.replace(/\n/g, "⏎")];
    if (e.document) parts.push(`[文件 ${e.document.file_name ?? e.document.file_id}]`);
    if (e.photo) parts.push("[图片]");
    const buttons = e.buttons.flat().map((b) => b.text);
    if (buttons.length) parts.push(`[按钮: ${buttons.join(" | ")}]`);
    if (e.keyboard) parts.push(`[键盘: ${e.keyboard.flat().join(" | ")}]`);
    return `  #${e.message_id} ${who}${e.edited ? " (edited)" : ""}: ${parts.join(" ")}`;
  }).join("\n");
}

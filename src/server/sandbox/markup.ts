/** Validation and normalisation of reply_markup, with Telegram's error messages. */
import { badRequest } from "../botapi/errors.js";
import { optJson, type Params } from "../botapi/params.js";
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyMarkup } from "../botapi/types.js";

export const MAX_CALLBACK_DATA_BYTES = 64;

const INLINE_ACTIONS = [
  "callback_data", "url", "web_app", "login_url", "switch_inline_query",
  "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
  "callback_game", "pay",
];

function inlineButton(raw: unknown): InlineKeyboardButton {
  if (typeof raw !== "object" || raw === null) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const b = raw as InlineKeyboardButton;
  if (typeof b.text !== "string") throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
  if (b.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
  if (!INLINE_ACTIONS.some((k) => b[k] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (b.callback_data !== undefined) {
    const data = b.callback_data;
    if (typeof data !== "string" || data === "" || Buffer.byteLength(data) > MAX_CALLBACK_DATA_BYTES) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  if (b.url !== undefined && (typeof b.url !== "string" || !/^(https?|tg):\/\/\S+$/i.test(b.url))) {
    throw badRequest(`inline keyboard button URL '${String(b.url)}' is invalid: Wrong HTTP URL`);
  }
  return b;
}

function rows<T>(raw: unknown, what: string, each: (b: unknown) => T): T[][] {
  if (!Array.isArray(raw)) throw badRequest(`can't parse reply keyboard markup JSON object: Field "${what}" must be of type Array`);
  return raw.map((row: unknown) => {
    if (!Array.isArray(row)) throw badRequest(`can't parse reply keyboard markup JSON object: Field "${what}" must be an Array of Arrays`);
    return row.map(each);
  });
}

/** Reads and validates `reply_markup`; returns undefined when absent. */
export function readReplyMarkup(p: Params): ReplyMarkup | undefined {
  const raw = optJson<Record<string, unknown>>(p, "reply_markup", "can't parse reply keyboard markup JSON object");
  if (raw === undefined) return undefined;
  if (typeof raw !== "object" || raw === null) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in raw) {
    return { inline_keyboard: rows(raw.inline_keyboard, "inline_keyboard", inlineButton) };
  }
  if ("keyboard" in raw) {
    const keyboard = rows(raw.keyboard, "keyboard", (b) => {
      if (typeof b === "string") return { text: b };
      if (typeof b === "object" && b !== null && typeof (b as { text?: unknown }).text === "string") {
        return b as { text: string };
      }
      throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
    });
    return { ...(raw as object), keyboard };
  }
  if (raw.remove_keyboard === true) return { remove_keyboard: true };
  if (raw.force_reply === true) return raw as ReplyMarkup;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

export function isInline(m: ReplyMarkup | undefined): m is InlineKeyboardMarkup {
  return m !== undefined && "inline_keyboard" in m;
}

export function isReplyKeyboard(m: ReplyMarkup | undefined): m is ReplyKeyboardMarkup {
  return m !== undefined && "keyboard" in m;
}

/** The inline keyboard as stored on a message (empty keyboards are dropped, as Telegram does). */
export function inlineOnly(m: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  if (!isInline(m)) return undefined;
  return m.inline_keyboard.some((r) => r.length > 0) ? m : undefined;
}

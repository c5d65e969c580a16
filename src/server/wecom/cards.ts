/**
 * Inline keyboards as WeCom template cards of type button_interaction. A card holds at most six
 * buttons; larger keyboards are paged (four buttons plus 上一页 / 下一页, turned by the bridge
 * itself). A button's key carries the message id and its callback_data, so no table is needed and
 * a click still works after a restart: `d@<message id>@<callback_data, base64url>`; paging keys
 * are `p@<message id>@<page>`.
 */
import type { InlineKeyboardMarkup } from "../botapi/types.js";
import type { Words } from "./words.js";

export const MAX_BUTTONS = 6;
export const PAGE_SIZE = 4;
const TITLE_MAX = 36;
/** Longer card text goes in a text message before the card. */
export const CARD_TEXT_MAX = 112;

export interface CardButton {
  text: string;
  data: string;
}

export type ButtonKey = { kind: "data"; messageId: number; data: string } | { kind: "page"; messageId: number; page: number };

export function buttonsOf(markup: InlineKeyboardMarkup | undefined): CardButton[] {
  const out: CardButton[] = [];
  for (const row of markup?.inline_keyboard ?? []) {
    for (const b of row) if (typeof b.callback_data === "string") out.push({ text: b.text, data: b.callback_data });
  }
  return out;
}

/** Link buttons (url) cannot be card buttons; they are listed in the card's text. */
export function linksOf(markup: InlineKeyboardMarkup | undefined): string[] {
  const out: string[] = [];
  for (const row of markup?.inline_keyboard ?? []) for (const b of row) if (typeof b.url === "string") out.push(`${b.text}: ${b.url}`);
  return out;
}

export function pageCount(buttons: number): number {
  return buttons <= MAX_BUTTONS ? 1 : Math.ceil(buttons / PAGE_SIZE);
}

export function parseKey(key: string): ButtonKey | undefined {
  const m = /^([dp])@(\d+)@([A-Za-z0-9_-]*)$/.exec(key);
  if (!m) return undefined;
  const messageId = Number(m[2]);
  if (m[1] === "p") return { kind: "page", messageId, page: Number(m[3]) };
  return { kind: "data", messageId, data: Buffer.from(m[3] ?? "", "base64url").toString("utf8") };
}

/** Splits the text into the card's title (first line) and body. */
export function cardText(text: string, words: Words): { title: string; body: string } {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  const head = (lines[first] ?? "").trim();
  const chars = [...head];
  const title = chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join("")}…` : head;
  const rest = chars.length > TITLE_MAX ? [head, ...lines.slice(first + 1)] : lines.slice(first + 1);
  return { title: title || words.choose, body: rest.join("\n").trim() };
}

export interface CardInput {
  messageId: number;
  taskId: string;
  title: string;
  body: string;
  buttons: CardButton[];
  page: number;
}

/** The template_card object for message/send and update_template_card. */
export function templateCard(c: CardInput, words: Words): Record<string, unknown> {
  const pages = pageCount(c.buttons.length);
  const page = Math.min(Math.max(c.page, 0), pages - 1);
  const shown = pages === 1 ? c.buttons : c.buttons.slice(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE);
  const list: Record<string, unknown>[] = shown.map((b) => ({
    text: b.text,
    style: 1,
    key: `d@${c.messageId}@${Buffer.from(b.data, "utf8").toString("base64url")}`,
  }));
  if (page > 0) list.push({ text: words.prev, style: 2, key: `p@${c.messageId}@${page - 1}` });
  if (page < pages - 1) list.push({ text: words.next, style: 2, key: `p@${c.messageId}@${page + 1}` });
  const body = [c.body, pages > 1 ? words.page(page + 1, pages) : ""].filter(Boolean).join("\n");
  return {
    card_type: "button_interaction",
    main_title: { title: c.title },
    ...(body ? { sub_title_text: body } : {}),
    task_id: c.taskId,
    button_list: list,
  };
}

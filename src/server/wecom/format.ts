/**
 * Telegram-formatted text → what WeCom shows: plain `text`, or `markdown` (WeCom's subset: bold,
 * links, inline code, quotes) when the bot used formatting; split at WeCom's 2,048 bytes.
 */
import { formatText } from "../botapi/text.js";
import type { MessageEntity } from "../botapi/types.js";

export const MAX_CONTENT_BYTES = 2048;

export interface WecomText {
  msgtype: "text" | "markdown";
  content: string;
}

const MARKS: Record<string, [string, string]> = { bold: ["**", "**"], code: ["`", "`"], pre: ["`", "`"], blockquote: ["> ", ""] };

/** Applies entities as WeCom markdown; entities it cannot show (italic, underline, spoiler …) are dropped. */
function toMarkdown(text: string, entities: MessageEntity[]): string {
  const opens = new Map<number, string[]>(), closes = new Map<number, string[]>();
  const add = (m: Map<number, string[]>, at: number, s: string, front = false) => {
    const list = m.get(at) ?? [];
    if (front) list.unshift(s);
    else list.push(s);
    m.set(at, list);
  };
  for (const e of entities) {
    const mark = e.type === "text_link" && e.url ? (["[", `](${e.url})`] as [string, string]) : MARKS[e.type];
    if (!mark) continue;
    add(opens, e.offset, mark[0]);
    add(closes, e.offset + e.length, mark[1], true);
  }
  let out = "";
  for (let i = 0; i <= text.length; i++) {
    out += (closes.get(i) ?? []).join("") + (opens.get(i) ?? []).join("");
    if (i < text.length) out += text[i];
  }
  return out;
}

/** The WeCom message(s) for a Bot API text with its parse_mode / entities. */
export function toWecomText(raw: string, parseMode?: string, entities?: MessageEntity[]): { plain: string; entities?: MessageEntity[]; parts: WecomText[] } {
  const f = formatText(raw, parseMode, entities);
  const shown = (f.entities ?? []).filter((e) => e.type === "text_link" || e.type in MARKS);
  const msgtype = shown.length ? "markdown" : "text";
  const body = shown.length ? toMarkdown(f.text, shown) : f.text;
  return { plain: f.text, ...(f.entities ? { entities: f.entities } : {}), parts: splitBytes(body).map((content) => ({ msgtype, content })) };
}

const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/** Splits text into pieces of at most `max` UTF-8 bytes, at line breaks where possible. */
export function splitBytes(text: string, max = MAX_CONTENT_BYTES): string[] {
  if (bytes(text) <= max) return [text];
  const out: string[] = [];
  let current = "";
  const push = () => {
    if (current !== "") out.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (bytes(candidate) <= max) {
      current = candidate;
      continue;
    }
    push();
    if (bytes(line) <= max) {
      current = line;
      continue;
    }
    // One line longer than the limit: cut it by characters.
    for (const ch of line) {
      if (bytes(current + ch) > max) push();
      current += ch;
    }
  }
  push();
  return out;
}

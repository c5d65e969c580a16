/**
 * Message text: parse_mode "HTML" (Telegram's tag set and error messages, so unescaped `<` in a
 * reply fails here as it would in production), entity detection for text typed by simulated
 * users, and the length limits.
 */
import { badRequest } from "./errors.js";
import type { MessageEntity } from "./types.js";

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;

const TAG_TYPES: Record<string, string> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler",
  span: "spoiler", a: "text_link", code: "code", pre: "pre", blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function decodeEntity(src: string, i: number): { text: string; end: number } | undefined {
  const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/.exec(src.slice(i, i + 12));
  if (!m || m[1] === undefined) return undefined;
  const body = m[1];
  let text: string | undefined;
  const code = body.startsWith("#x") ? parseInt(body.slice(2), 16) : body.startsWith("#") ? parseInt(body.slice(1), 10) : -1;
  if (code >= 0) text = code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  else text = NAMED[body.toLowerCase()];
  return text === undefined ? undefined : { text, end: i + m[0].length };
}

function decodeAll(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const d = s[i] === "&" ? decodeEntity(s, i) : undefined;
    if (d) { out += d.text; i = d.end; } else { out += s[i]; i++; }
  }
  return out;
}

function attributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const name = (m[1] ?? "").toLowerCase();
    attrs[name] = decodeAll(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

interface Open { tag: string; entity: MessageEntity; start: number }

/** Parses Telegram-flavoured HTML into plain text and entities, or throws Telegram's error. */
export function parseHtml(src: string): { text: string; entities: MessageEntity[] } {
  const fail = (what: string): never => { throw badRequest(`can't parse entities: ${what}`); };
  const byteOffset = (i: number): number => Buffer.byteLength(src.slice(0, i));
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === "&") {
      const d = decodeEntity(src, i);
      if (d) { text += d.text; i = d.end; } else { text += ch; i++; }
      continue;
    }
    if (ch !== "<") { text += ch; i++; continue; }
    const end = src.indexOf(">", i);
    const m = end < 0 ? null : /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>$/.exec(src.slice(i, end + 1));
    if (!m) {
      const name = /^<\/?([^\s>]*)/.exec(src.slice(i))?.[1] ?? "";
      fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
      return { text, entities };
    }
    const closing = m[1] === "/";
    const tag = (m[2] ?? "").toLowerCase();
    if (closing) {
      const top = stack.pop();
      if (!top) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      else if (top.tag !== tag) {
        fail(`Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${top.tag}>", found "</${tag}>"`);
      } else {
        top.entity.length = text.length - top.start;
        const parent = stack[stack.length - 1];
        if (tag === "code" && parent?.tag === "pre" && top.entity.language) {
          parent.entity.language = top.entity.language;
          top.entity.length = 0;
        }
      }
    } else {
      const type = TAG_TYPES[tag];
      if (!type) fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(i)}`);
      const attrs = attributes(m[3] ?? "");
      const entity: MessageEntity = { type: type as string, offset: text.length, length: 0 };
      if (tag === "span" && attrs.class !== "tg-spoiler") {
        fail(`Unsupported start tag "span" at byte offset ${byteOffset(i)}`);
      }
      if (tag === "a") {
        const href = attrs.href ?? "";
        const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
        if (mention) {
          entity.type = "text_mention";
          entity.user = { id: Number(mention[1]), is_bot: false, first_name: "" };
        } else entity.url = href;
      }
      if (tag === "code" && attrs.class?.startsWith("language-")) entity.language = attrs.class.slice(9);
      if (tag === "blockquote" && "expandable" in attrs) entity.type = "expandable_blockquote";
      entities.push(entity);
      stack.push({ tag, entity, start: text.length });
    }
    i = end + 1;
  }
  const open = stack.pop();
  if (open) fail(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return { text, entities: entities.filter((e) => e.length > 0) };
}

/** Text and entities of an outgoing text or caption, honouring parse_mode / explicit entities. */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  explicit: MessageEntity[] | undefined,
): { text: string; entities?: MessageEntity[] } {
  if (parseMode && parseMode.toLowerCase() === "html") {
    const parsed = parseHtml(raw);
    return parsed.entities.length ? parsed : { text: parsed.text };
  }
  // Markdown / MarkdownV2 are kept verbatim (not parsed by the sandbox).
  return explicit && explicit.length ? { text: raw, entities: explicit } : { text: raw };
}

export const charCount = (s: string): number => [...s].length;

export function checkText(text: string): void {
  if (text.trim() === "") throw badRequest("message text is empty");
  if (charCount(text) > MAX_TEXT) throw badRequest("message is too long");
}

export function checkCaption(caption: string): void {
  if (charCount(caption) > MAX_CAPTION) throw badRequest("message caption is too long");
}

/** Entities Telegram's clients compute for typed text: commands, mentions, URLs. */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const rules: [RegExp, string][] = [
    [/(?<=^|\s)\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![a-zA-Z0-9_@])/g, "bot_command"],
    [/(?<=^|\s)@[a-zA-Z0-9_]{4,32}(?![a-zA-Z0-9_])/g, "mention"],
    [/https?:\/\/[^\s<>"]+/g, "url"],
  ];
  for (const [re, type] of rules) {
    for (const m of text.matchAll(re)) {
      found.push({ type, offset: m.index ?? 0, length: m[0].length });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

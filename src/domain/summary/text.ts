// The summary as chat text, and splitting text into Telegram-sized messages.
import type { SummaryDocument } from "./types.js";

export const TELEGRAM_LIMIT = 4096;

/** Title, intro, parts and closing as plain text; paragraphs separated by blank lines. */
export function summaryToText(doc: SummaryDocument, options: { appendix?: boolean } = {}): string {
  const blocks: string[] = [doc.title, doc.intro];
  for (const part of doc.parts) blocks.push(part.heading, ...part.paragraphs);
  blocks.push(doc.closing.heading);
  for (const section of doc.closing.sections) blocks.push(section.heading, ...section.paragraphs);
  if (options.appendix && doc.appendix.length > 0) {
    blocks.push("台账附表");
    for (const group of doc.appendix) {
      const rows = group.rows.map(
        (r) => `${r.no}. ${r.date} ${r.kinds} ${r.title} ${r.personTimes}人次${r.note ? `（${r.note}）` : ""}`,
      );
      blocks.push([`▍${group.heading}`, ...(rows.length > 0 ? rows : ["（无记录）"])].join("\n"));
    }
  }
  return blocks.join("\n\n");
}

/** Cuts a string at a UTF-16 index without splitting a surrogate pair. */
function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
}

/** A paragraph longer than the limit: split after 。！？ (or, for a sentence longer than the limit, anywhere). */
function splitParagraph(paragraph: string, limit: number): string[] {
  const sentences = paragraph.match(/[^。！？]*[。！？]+[”’」』）)]*|[^。！？]+$/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = "";
  for (let sentence of sentences) {
    if (current.length + sentence.length <= limit) {
      current += sentence;
      continue;
    }
    if (current) pieces.push(current);
    while (sentence.length > limit) {
      const cut = safeCut(sentence, limit);
      pieces.push(sentence.slice(0, cut));
      sentence = sentence.slice(cut);
    }
    current = sentence;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Splits text into messages of at most `limit` UTF-16 units (Telegram's measure), only between lines
 * (paragraphs); a single line longer than the limit is split at sentence ends.
 */
export function splitForTelegram(text: string, limit = TELEGRAM_LIMIT): string[] {
  if (limit < 1) throw new RangeError("limit must be positive");
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    const trimmed = current.replace(/^\n+|\n+$/g, "");
    if (trimmed) chunks.push(trimmed);
    current = "";
  };
  for (const line of text.split("\n")) {
    const pieces = line.length > limit ? splitParagraph(line, limit) : [line];
    for (const piece of pieces) {
      const candidate = current === "" ? piece : `${current}\n${piece}`;
      if (candidate.replace(/\n+$/, "").length <= limit) {
        current = candidate;
      } else {
        flush();
        current = piece;
      }
    }
  }
  flush();
  return chunks;
}

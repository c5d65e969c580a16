import { toNumber } from "./numbers.js";
import { maskSpans, matchesOf } from "./text.js";
import type { ClockTime, PartOfDay, Span } from "./types.js";

const PART_WORDS: Record<string, PartOfDay> = {
  凌晨: "morning", 早上: "morning", 早晨: "morning", 清晨: "morning", 上午: "morning",
  中午: "afternoon", 午间: "afternoon", 下午: "afternoon",
  傍晚: "evening", 晚上: "evening", 晚间: "evening", 夜间: "evening", 夜里: "evening", 晚: "evening",
};
const PART = "(凌晨|早上|早晨|清晨|上午|中午|午间|下午|傍晚|晚上|晚间|夜间|夜里|晚)?\\s*";
const CN_HOUR = "[零〇一二两三四五六七八九十]{1,3}";

export interface TimeFinding {
  time: ClockTime | null;
  partOfDay: PartOfDay | null;
  spans: Span[];
}

function to24(hour: number, part: PartOfDay | null, word: string | undefined): number {
  if (word === "中午") return hour >= 1 && hour <= 2 ? hour + 12 : hour;
  // "3点开会" without 上午/下午 is 15:00: branch activities do not happen at 3 a.m. (凌晨 says so).
  if (part === null && hour >= 1 && hour <= 6) return hour + 12;
  if ((part === "afternoon" || part === "evening") && hour < 12) return hour + 12;
  return hour;
}

function partOfHour(hour: number): PartOfDay {
  if (hour < 12) return "morning";
  return hour < 18 ? "afternoon" : "evening";
}

/** 14:30, 下午3点, 下午三点半, 9点30分, 晚上7点; or only 上午/下午/晚上. `given` comes from 今晚/昨早. */
export function findTime(view: string, given: PartOfDay | null): TimeFinding {
  const spans: Span[] = [];
  let time: ClockTime | null = null;
  let partOfDay: PartOfDay | null = given;
  const clock = new RegExp(`${PART}(?<![\\d.])(\\d{1,2})\\s*:\\s*(\\d{2})(?!\\d)`);
  const spoken = new RegExp(
    `${PART}(?<![\\d.])(\\d{1,2}|${CN_HOUR})\\s*[点时](?:\\s*(半|一刻|三刻|整|(?:\\d{1,2}|${CN_HOUR})\\s*分|\\d{2}(?![\\d人名位次项条个篇余多])))?`,
  );
  const hits: { span: Span; word: string | undefined; hour: number; minute: number }[] = [];
  for (const { m, span } of matchesOf(view, clock)) {
    hits.push({ span, word: m[1], hour: Number(m[2]), minute: Number(m[3]) });
  }
  for (const { m, span } of matchesOf(view, spoken)) {
    if (hits.some((h) => span[0] < h.span[1] && h.span[0] < span[1])) continue;
    const [, word, hourText = "", minuteText] = m;
    // 三点要求 / 两点意见: a spoken hour in Chinese numerals needs 上午/下午… or minutes to be a time.
    // 提出3点意见: a bare hour must be followed by a pause or by what happened then (3点召开).
    if (word === undefined && minuteText === undefined) {
      if (!/^\d/.test(hourText)) continue;
      if (!/^(?:$|[\s,;。、!?)\u0000]|[召开举组在于到集前整钟])/.test(view.slice(span[1], span[1] + 1))) continue;
    }
    const minute =
      minuteText === undefined || minuteText === "整" ? 0
      : minuteText === "半" ? 30
      : minuteText === "一刻" ? 15
      : minuteText === "三刻" ? 45
      : (toNumber(minuteText.replace(/\s*分$/, "")) ?? NaN);
    hits.push({ span, word, hour: toNumber(hourText) ?? NaN, minute });
  }
  hits.sort((a, b) => a.span[0] - b.span[0]);
  for (const hit of hits) {
    spans.push(hit.span);
    if (time) continue;
    const part = hit.word !== undefined ? (PART_WORDS[hit.word] ?? null) : partOfDay;
    const hour = to24(hit.hour, part, hit.word);
    if (hour >= 0 && hour <= 23 && hit.minute >= 0 && hit.minute <= 59) {
      time = { hour, minute: hit.minute };
      partOfDay = part ?? partOfHour(hour);
    }
  }
  if (!time) {
    const rest = maskSpans(view, spans);
    const word = /凌晨|早上|早晨|清晨|上午|中午|午间|下午|傍晚|晚上|晚间|夜间|夜里/.exec(rest);
    if (word) {
      partOfDay = PART_WORDS[word[0]] ?? partOfDay;
      spans.push([word.index, word.index + word[0].length]);
    }
  }
  return { time, partOfDay, spans };
}

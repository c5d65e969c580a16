import { normalize } from "./text.js";

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numeral characters, for building patterns. */
export const CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千";

/**
 * A number written with digits or Chinese numerals: "12", "十二", "二十三", "一百零五",
 * "二〇二三" (digit by digit). Returns null when it is not a number.
 */
export function toNumber(raw: string): number | null {
  const s = normalize(raw).trim();
  if (s === "") return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  // "二〇二三", "二三": digit by digit, no positional units
  if (!/[十百千]/.test(s)) {
    if (s.length === 1) return CN_DIGITS[s] ?? null;
    let n = 0;
    for (const ch of s) n = n * 10 + (CN_DIGITS[ch] ?? 0);
    return n;
  }
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (current === 0 ? 1 : current) * unit;
      current = 0;
    } else {
      current = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + current;
}

export interface Count {
  value: number;
  approximate: boolean;
}

/**
 * A count with its looseness: "12", "１２", "十二", "20余", "二十多", "十几", "约20", "近20", "20左右".
 * "十几" keeps 10 and is approximate.
 */
export function readCount(raw: string, looseMark = ""): Count | null {
  let s = normalize(raw).trim();
  let approximate = /[余多几]|左右|约|近/.test(looseMark);
  const fewTens = /^([一二三四五六七八九]?十)几$/.exec(s);
  if (fewTens?.[1] !== undefined) {
    s = fewTens[1];
    approximate = true;
  }
  const value = toNumber(s);
  if (value === null) return null;
  return { value, approximate };
}

const UNIT = "(?:人次|人|名|位|个|次|项|条|篇|份|件|处)";
const COUNT_ALONE = new RegExp(`^(约|大约|近|共|共计|累计|合计)?(\\d+|[${CN_NUMERAL_CHARS}几]+)(余|多)?${UNIT}?(左右)?$`);

/**
 * A count as a user types it in a guided flow: "12", "12人", "十二人", "20余", "60余人次", "约20人".
 * Returns the number (approximate ones keep their number) or null.
 */
export function parseCount(text: string): number | null {
  return parseCountDetailed(text)?.value ?? null;
}

export function parseCountDetailed(text: string): Count | null {
  const s = normalize(text).replace(/\s+/g, "");
  const m = COUNT_ALONE.exec(s);
  if (!m?.[2]) return null;
  const mark = `${m[1] ?? ""}${m[3] ?? ""}${m[4] ?? ""}`.replace(/共计|累计|合计|共/, "");
  return readCount(m[2], mark);
}

/** Pattern source for a count: digits, or Chinese numerals not glued to a preceding word. */
export const COUNT_NUM = `(\\d+(?!\\d|\\.\\d)|(?:(?<![\\u4e00-\\u9fff])|(?<=[共约近有计到加席会达为员是盖及与育务众部工民]))[${CN_NUMERAL_CHARS}]+(?![${CN_NUMERAL_CHARS}])几?)`;
/** Pattern source for a count right after a keyword (应到十五人, 心得四篇). */
export const PLAIN_NUM = `(\\d+(?!\\d|\\.\\d)|[${CN_NUMERAL_CHARS}]+(?![${CN_NUMERAL_CHARS}])几?)`;
/** Pattern source for a decimal amount (durations). */
export const DEC_NUM = `(\\d+(?:\\.\\d+)?(?!\\d|\\.\\d)|[${CN_NUMERAL_CHARS}]+(?![${CN_NUMERAL_CHARS}]))`;
/** Pattern source for a day or month number. */
export const DAY_NUM = `(\\d{1,2}|[${CN_NUMERAL_CHARS}]{1,3})`;

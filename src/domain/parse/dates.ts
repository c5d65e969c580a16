import type { LocalDate } from "../activity.js";
import { addDays, addMonths, compareLocalDate, isValidDate, isoWeekday, todayIn } from "../calendar/index.js";
import { DAY_NUM, toNumber } from "./numbers.js";
import { MaskedText, maskSpans, matchesOf } from "./text.js";
import { findTime, type TimeFinding } from "./times.js";
import type { ParseOptions, ParseProblem, PartOfDay, Span } from "./types.js";

/** What a date rule makes of its match: a date, an impossible date, a vague period, or nothing. */
type Resolution = { date: LocalDate; partOfDay?: PartOfDay } | "impossible" | "vague" | null;

interface DateRule {
  re: RegExp;
  resolve: (m: RegExpExecArray, today: LocalDate, view: string) => Resolution;
}

const HAN = /[\u4e00-\u9fff]/;
const YEAR_CN = "[〇零一二三四五六七八九]{4}";
/** After a day number without 日/号, the next character must not make it a count ("5月12人"). */
const DAY_END = `(?:\\s*[日号]|(?![\\d人名位次项条个篇余多]))`;

function num(s: string | undefined): number {
  return s === undefined ? NaN : (toNumber(s) ?? NaN);
}

function fullYear(raw: string): number {
  const y = num(raw);
  return y < 100 ? 2000 + y : y;
}

function exact(year: number, month: number, day: number): Resolution {
  return isValidDate(year, month, day) ? { date: { year, month, day } } : "impossible";
}

/** The most recent (month, day) not after today; impossible if no year has it (2月30日). */
function recentMonthDay(month: number, day: number, today: LocalDate): Resolution {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return "impossible";
  for (let year = today.year; year >= today.year - 8; year--) {
    const date = { year, month, day };
    if (isValidDate(year, month, day) && compareLocalDate(date, today) <= 0) return { date };
  }
  return "impossible";
}

/** The most recent day-of-month `day` not after today (3号 on 7月5日 → 7月3日; 10号 → 6月10日). */
function recentDay(day: number, today: LocalDate): Resolution {
  if (!(day >= 1 && day <= 31)) return null;
  for (let back = 0; back <= 12; back++) {
    const { year, month } = addMonths(today.year, today.month, -back);
    const date = { year, month, day };
    if (isValidDate(year, month, day) && compareLocalDate(date, today) <= 0) return { date };
  }
  return null;
}

const RELATIVE_DAYS: Record<string, [number, PartOfDay | undefined]> = {
  今天: [0, undefined], 今日: [0, undefined], 今儿: [0, undefined], 本日: [0, undefined],
  今早: [0, "morning"], 今晨: [0, "morning"], 今晚: [0, "evening"],
  昨天: [-1, undefined], 昨日: [-1, undefined], 昨儿: [-1, undefined],
  昨早: [-1, "morning"], 昨晨: [-1, "morning"], 昨晚: [-1, "evening"],
  前天: [-2, undefined], 前日: [-2, undefined], 大前天: [-3, undefined],
  刚刚: [0, undefined], 刚才: [0, undefined], 刚: [0, undefined],
  明天: [1, undefined], 明日: [1, undefined], 后天: [2, undefined],
};

const WEEKDAYS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7,
};

const WEEK_OFFSET: Record<string, number> = { 上上: -14, 上个: -7, 上: -7, 本: 0, 这个: 0, 这: 0, 下个: 7, 下: 7 };

/** Rules in priority order: an earlier rule's match wins over an overlapping later one. */
const RULES: DateRule[] = [
  {
    // 2023-05-12, 2023/5/12, 2023.5.12
    re: /(?<![\d.])(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])(?:\s*[日号])?/,
    resolve: (m) => exact(num(m[1]), num(m[3]), num(m[4])),
  },
  {
    // 2023年5月12日, 二〇二三年五月十二日, 23年5月12号, 今年3月5日, 去年12月1日
    re: new RegExp(`(?:(?<!\\d)(\\d{4}|\\d{2}|${YEAR_CN})\\s*年|(今年|去年|前年))\\s*${DAY_NUM}\\s*月\\s*${DAY_NUM}${DAY_END}`),
    resolve: (m, today) => {
      const year = m[1] !== undefined ? fullYear(m[1]) : today.year - ({ 今年: 0, 去年: 1, 前年: 2 }[m[2] ?? ""] ?? 0);
      return exact(year, num(m[3]), num(m[4]));
    },
  },
  {
    // 2023年5月, 今年5月, 5月份: a month is not a date (see index.ts)
    re: new RegExp(`(?:(?:(?<!\\d)(?:\\d{4}|${YEAR_CN})\\s*年|今年|去年|前年)\\s*${DAY_NUM}\\s*月(?:份)?)`),
    resolve: () => "vague",
  },
  {
    // 3月5日, 3月5号, 三月五日, 12月25
    re: new RegExp(`(?<![\\d年])${DAY_NUM}\\s*月\\s*${DAY_NUM}(?:\\s*[日号]|(?=[\\s,;。、!?)]|$))`),
    resolve: (m, today) => recentMonthDay(num(m[1]), num(m[2]), today),
  },
  {
    // 本月3日, 上月15号, 3号, 十五日
    re: new RegExp(
      `(?<![\\d.\\-/年月第零〇一二两三四五六七八九十])(?:(本月|这个月|这月|当月|上个月|上月)\\s*)?${DAY_NUM}\\s*[日号](?![楼院室线文令件机子])`,
    ),
    resolve: (m, today, view) => {
      const day = num(m[2]);
      const prefix = m[1];
      if (prefix === undefined) {
        // 两日 / 连续三日 are durations; a bare Chinese day needs a clear left edge.
        const before = view[m.index - 1] ?? "";
        if (!/^\d/.test(m[2] ?? "") && HAN.test(before) && !/[于在是]/.test(before)) return null;
        return recentDay(day, today);
      }
      const back = prefix.startsWith("上") ? 1 : 0;
      const { year, month } = addMonths(today.year, today.month, -back);
      return day >= 1 && day <= 31 ? exact(year, month, day) : "impossible";
    },
  },
  {
    // 5.12, 3.8, 5/12 (month.day) but not 1.5小时, 2/3以上
    re: /(?<![\d.\-/:]|时长|约|共|计|第|版|长)(\d{1,2})([./-])(\d{1,2})(?![\d./:%]|\s*(?:学时|小时|课时|个|天|日|号|次|人|名|位|项|条|篇|份|倍|万|千|分|元|h|版|章|节|级|亿|米|公里|岁|以上|以下|的))/i,
    resolve: (m, today) => {
      const r = recentMonthDay(num(m[1]), num(m[3]), today);
      return r === "impossible" ? null : r;
    },
  },
  {
    re: /大前天|前天|前日|昨天|昨日|昨儿|昨早|昨晨|昨晚|今天|今日|今儿|本日|今早|今晨|今晚|明天|明日|后天|刚刚|刚才|刚(?=开完|结束|开了|搞完|组织完|参加完)/,
    resolve: (m, today) => {
      const [offset, partOfDay] = RELATIVE_DAYS[m[0]] ?? [0, undefined];
      return partOfDay ? { date: addDays(today, offset), partOfDay } : { date: addDays(today, offset) };
    },
  },
  {
    // 上周五, 本周一, 这周三, 星期天, 周三 (bare: the most recent one, today included)
    re: /(?<!每)(上上|上个|上|本|这个|这|下个|下)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])(?![\d年])/,
    resolve: (m, today) => {
      const weekday = WEEKDAYS[m[2] ?? ""] ?? 1;
      const monday = addDays(today, 1 - isoWeekday(today));
      if (m[1] === undefined) {
        const date = addDays(monday, weekday - 1);
        return { date: compareLocalDate(date, today) > 0 ? addDays(date, -7) : date };
      }
      return { date: addDays(monday, (WEEK_OFFSET[m[1]] ?? 0) + weekday - 1) };
    },
  },
  {
    // A month or week without a day: understood as "no date", kept out of the title.
    re: new RegExp(`上上周|上周|本周|这周|上个月|上月|本月|这个月|近日|日前|近期|(?<![\\d年\\u4e00-\\u9fff])${DAY_NUM}\\s*月份?(?!\\s*\\d)`),
    resolve: (m) => (m[1] === undefined || (num(m[1]) >= 1 && num(m[1]) <= 12) ? "vague" : null),
  },
];

export interface DateFinding extends TimeFinding {
  date: LocalDate | null;
  /** impossible_date or future_date, with the offending text. */
  problem: ParseProblem | null;
  spans: Span[];
}

/** Finds the activity's date (the first one written), its time of day, and what text they used. */
export function findDateAndTime(view: string, today: LocalDate): DateFinding {
  const taken: { span: Span; text: string; res: Exclude<Resolution, null> }[] = [];
  const overlaps = (s: Span) => taken.some((t) => s[0] < t.span[1] && t.span[0] < s[1]);
  for (const rule of RULES) {
    for (const { m, span } of matchesOf(view, rule.re)) {
      if (overlaps(span)) continue;
      const res = rule.resolve(m, today, view);
      if (res !== null) taken.push({ span, text: m[0].trim(), res });
    }
  }
  taken.sort((a, b) => a.span[0] - b.span[0]);

  let date: LocalDate | null = null;
  let problem: ParseProblem | null = null;
  let datePartOfDay: PartOfDay | null = null;
  const first = taken.find((t) => t.res !== "vague");
  if (first?.res === "impossible") problem = { code: "impossible_date", text: first.text };
  else if (first && first.res !== "vague") {
    if (compareLocalDate(first.res.date, today) > 0) problem = { code: "future_date", text: first.text };
    else date = first.res.date;
    datePartOfDay = first.res.partOfDay ?? null;
  }
  const spans = taken.map((t) => t.span);

  const time = findTime(maskSpans(view, spans), datePartOfDay);
  return { date, problem, spans: [...spans, ...time.spans], time: time.time, partOfDay: time.partOfDay };
}

/**
 * A date as a user types it in a guided flow ("昨天", "3月5日", "2023-05-12", "上周五下午").
 * Returns the date, or a problem: impossible_date, future_date, or no_date.
 */
export function parseChineseDate(text: string, opts: ParseOptions): LocalDate | ParseProblem {
  const masked = new MaskedText(text);
  const found = findDateAndTime(masked.view(), todayIn(opts.now, opts.timeZone));
  if (found.date) return found.date;
  if (found.problem) return found.problem;
  return { code: "no_date", text: text.trim() };
}


// The /stats argument: 本月 | 本季度 | 今年 | 上月 | 去年 | YYYY | YYYY-MM | YYYY-Qn (and English forms).
import { isValidTimeZone, localDateOf, quarterOfMonth, type Quarter } from "../calendar/index.js";
import { monthPeriod, quarterPeriod, yearPeriod, type Period } from "./period.js";

export type PeriodError = "bad_format" | "bad_year" | "bad_month" | "bad_quarter" | "bad_time_zone";

export type ParsePeriodResult =
  | { ok: true; period: Period }
  | { ok: false; error: PeriodError; input: string };

/** Years accepted in a period argument. */
export const MIN_YEAR = 1921;
export const MAX_YEAR = 2100;

type Relative = "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year" | "last_year";

const RELATIVE: Record<string, Relative> = {
  本月: "this_month", 这个月: "this_month", 这月: "this_month", 当月: "this_month",
  "this-month": "this_month", "this month": "this_month", this_month: "this_month", month: "this_month",
  上月: "last_month", 上个月: "last_month",
  "last-month": "last_month", "last month": "last_month", last_month: "last_month",
  本季度: "this_quarter", 本季: "this_quarter", 这个季度: "this_quarter", 当季: "this_quarter",
  "this-quarter": "this_quarter", "this quarter": "this_quarter", this_quarter: "this_quarter", quarter: "this_quarter",
  上季度: "last_quarter", 上个季度: "last_quarter",
  "last-quarter": "last_quarter", "last quarter": "last_quarter", last_quarter: "last_quarter",
  今年: "this_year", 本年: "this_year", 本年度: "this_year", 全年: "this_year",
  "this-year": "this_year", "this year": "this_year", this_year: "this_year", year: "this_year",
  去年: "last_year", 上年: "last_year", 上一年: "last_year",
  "last-year": "last_year", "last year": "last_year", last_year: "last_year",
};

const QUARTER_DIGIT: Record<string, Quarter> = { "1": 1, "2": 2, "3": 3, "4": 4, 一: 1, 二: 2, 三: 3, 四: 4 };

/**
 * Parses a period argument relative to `now` in the branch's `timeZone`; no argument means this year.
 * Bounds are local midnights in `timeZone`, so 23:30 on 31 March Shanghai time is in Q1.
 */
export function parsePeriod(arg: string | undefined, now: Date, timeZone: string): ParsePeriodResult {
  const input = arg ?? "";
  if (!isValidTimeZone(timeZone)) return { ok: false, error: "bad_time_zone", input };
  const text = input.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  const ok = (period: Period): ParsePeriodResult => ({ ok: true, period });
  const fail = (error: PeriodError): ParsePeriodResult => ({ ok: false, error, input });

  const today = localDateOf(now, timeZone);
  if (text === "") return ok(yearPeriod(today.year, timeZone));

  const relative = RELATIVE[text];
  if (relative) return ok(relativePeriod(relative, today.year, today.month, timeZone));

  let m = /^(\d{4})(?:年|年度)?$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    return inYearRange(year) ? ok(yearPeriod(year, timeZone)) : fail("bad_year");
  }
  m = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (!inYearRange(year)) return fail("bad_year");
    if (month < 1 || month > 12) return fail("bad_month");
    return ok(monthPeriod(year, month, timeZone));
  }
  m = /^(\d{4})(?:[-/ ]?q|年第?|年?q)(\d|[一二三四])(?:季度?)?$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const quarter = QUARTER_DIGIT[m[2] ?? ""];
    if (!inYearRange(year)) return fail("bad_year");
    if (!quarter) return fail("bad_quarter");
    return ok(quarterPeriod(year, quarter, timeZone));
  }
  return fail("bad_format");
}

function inYearRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function relativePeriod(which: Relative, year: number, month: number, timeZone: string): Period {
  const quarter = quarterOfMonth(month);
  switch (which) {
    case "this_month":
      return monthPeriod(year, month, timeZone);
    case "last_month":
      return month === 1 ? monthPeriod(year - 1, 12, timeZone) : monthPeriod(year, month - 1, timeZone);
    case "this_quarter":
      return quarterPeriod(year, quarter, timeZone);
    case "last_quarter":
      return quarter === 1 ? quarterPeriod(year - 1, 4, timeZone) : quarterPeriod(year, (quarter - 1) as Quarter, timeZone);
    case "this_year":
      return yearPeriod(year, timeZone);
    case "last_year":
      return yearPeriod(year - 1, timeZone);
  }
}

import type { LocalDate } from "../../../src/domain/activity.js";
import {
  CHINESE_DAYS_COVERAGE,
  chineseDaysCalendar,
  lastWorkdayOf,
  monthEndCheckAt,
  parseThemeDayRule,
  resolveThemeDay,
  themeDayOf,
  weekendsOnlyCalendar,
  type HolidayCalendar,
  type ThemeDayRuleInput,
} from "../../../src/domain/reminders/index.js";

const d = (s: string): LocalDate => {
  const [year, month, day] = s.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};
const holidays = chineseDaysCalendar;

describe("chineseDaysCalendar (official holidays and 调休)", () => {
  it.each([
    ["2024-02-04", true], // Sunday, make-up workday before Spring Festival
    ["2024-02-09", true], // 除夕 2024 was a workday
    ["2024-02-10", false],
    ["2024-02-16", false], // Friday inside the holiday
    ["2024-02-17", false],
    ["2024-02-18", true], // Sunday, make-up workday
    ["2024-02-19", true],
    ["2023-09-28", true],
    ["2023-09-29", false], // Mid-Autumn
    ["2023-10-02", false], // Monday, National Day
    ["2023-10-06", false],
    ["2023-10-07", true], // Saturday, make-up workday
    ["2023-10-08", true], // Sunday, make-up workday
    ["2023-10-14", false], // ordinary Saturday
  ])("%s workday = %s", (date, expected) => {
    expect(holidays.isWorkday(d(date))).toBe(expected);
  });

  it("covers 2004–2026 and falls back to weekends only beyond", () => {
    expect(CHINESE_DAYS_COVERAGE).toEqual({ first: 2004, last: 2026 });
    expect(holidays.covers(2026)).toBe(true);
    expect(holidays.covers(2027)).toBe(false);
    expect(holidays.covers(2003)).toBe(false);
    expect(holidays.isWorkday(d("2027-01-01"))).toBe(true); // a Friday: no data for 2027's New Year
    expect(holidays.isWorkday(d("2027-01-02"))).toBe(false);
    expect(weekendsOnlyCalendar.isWorkday(d("2023-10-02"))).toBe(true);
    expect(weekendsOnlyCalendar.covers(2024)).toBe(false);
  });

  it("names holidays and make-up days", () => {
    expect(holidays.holidayName?.(d("2023-10-01"), "zh")).toBe("国庆节");
    expect(holidays.holidayName?.(d("2024-02-18"), "en")).toBe("Spring Festival");
    expect(holidays.holidayName?.(d("2024-03-05"), "zh")).toBeNull();
  });
});

type Case = [string, ThemeDayRuleInput["pattern"], "keep" | "next_workday" | "previous_workday", number, number, string];
const dom = (day: number) => ({ type: "day_of_month", day }) as const;
const nth = (n: 1 | 2 | 3 | 4 | 5 | -1, weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7) => ({ type: "nth_weekday", n, weekday }) as const;
const lastWorkday = { type: "last_workday" } as const;

describe("themeDayOf", () => {
  it.each<Case>([
    // 2023 National Day / Mid-Autumn: 09-29..10-06 off; 10-07 (Sat) and 10-08 (Sun) are workdays
    ["Oct 1 next_workday → the Saturday make-up workday", dom(1), "next_workday", 2023, 10, "2023-10-07"],
    ["Oct 1 previous_workday → before the break", dom(1), "previous_workday", 2023, 10, "2023-09-28"],
    ["Oct 1 keep", dom(1), "keep", 2023, 10, "2023-10-01"],
    ["first Monday of Oct 2023 (holiday) next", nth(1, 1), "next_workday", 2023, 10, "2023-10-07"],
    ["Sept 30 next_workday crosses into October", dom(30), "next_workday", 2023, 9, "2023-10-07"],
    ["day 31 in September = Sept 30 (holiday) previous", dom(31), "previous_workday", 2023, 9, "2023-09-28"],
    ["last workday of Sept 2023", lastWorkday, "keep", 2023, 9, "2023-09-28"],
    ["last workday of Oct 2023", lastWorkday, "next_workday", 2023, 10, "2023-10-31"],
    ["first Sunday of Sept 2023", nth(1, 7), "keep", 2023, 9, "2023-09-03"],
    // 2024 Spring Festival: 02-10..17 off; 02-04 (Sun) and 02-18 (Sun) are workdays
    ["first Friday of Feb 2024", nth(1, 5), "next_workday", 2024, 2, "2024-02-02"],
    ["Feb 4 (Sunday make-up workday) stays", dom(4), "next_workday", 2024, 2, "2024-02-04"],
    ["Feb 10 next → Sunday Feb 18 (make-up)", dom(10), "next_workday", 2024, 2, "2024-02-18"],
    ["Feb 10 previous → Feb 9", dom(10), "previous_workday", 2024, 2, "2024-02-09"],
    ["Feb 10 keep", dom(10), "keep", 2024, 2, "2024-02-10"],
    ["third Friday Feb 2024 (holiday) next", nth(3, 5), "next_workday", 2024, 2, "2024-02-18"],
    ["second Monday Feb 2024 previous", nth(2, 1), "previous_workday", 2024, 2, "2024-02-09"],
    ["last Friday of Feb 2024", nth(-1, 5), "keep", 2024, 2, "2024-02-23"],
    ["5th Friday missing in Feb 2024 → the last", nth(5, 5), "keep", 2024, 2, "2024-02-23"],
    ["5th Thursday of Feb 2024 exists", nth(5, 4), "keep", 2024, 2, "2024-02-29"],
    ["last workday of Feb 2024 (leap)", lastWorkday, "keep", 2024, 2, "2024-02-29"],
    ["day 31 in Feb 2024 → Feb 29", dom(31), "keep", 2024, 2, "2024-02-29"],
    ["day 31 in Feb 2023 → Feb 28", dom(31), "keep", 2023, 2, "2023-02-28"],
    ["day 31 in April 2024 → April 30 (Tuesday, a workday)", dom(31), "next_workday", 2024, 4, "2024-04-30"],
    ["first Friday Apr 2024 is 清明 → Sunday make-up Apr 7", nth(1, 5), "next_workday", 2024, 4, "2024-04-07"],
    ["first Friday Oct 2024 is National Day → Oct 8", nth(1, 5), "next_workday", 2024, 10, "2024-10-08"],
    ["last Sunday of March 2024", nth(-1, 7), "keep", 2024, 3, "2024-03-31"],
    ["last workday Dec 2023", lastWorkday, "keep", 2023, 12, "2023-12-29"],
    ["Jan 1 2024 previous → Dec 29 2023", dom(1), "previous_workday", 2024, 1, "2023-12-29"],
    ["15th Jan 2023 (Sunday) next", dom(15), "next_workday", 2023, 1, "2023-01-16"],
  ])("%s", (_name, pattern, onNonWorkday, year, month, expected) => {
    const rule = parseThemeDayRule({ pattern, onNonWorkday });
    expect(themeDayOf(rule, year, month, { holidays })).toEqual(d(expected));
  });

  it("keeps the occurrence in the rule's month and reports the move", () => {
    const rule = parseThemeDayRule({ pattern: dom(1), onNonWorkday: "previous_workday" });
    expect(resolveThemeDay(rule, 2023, 10, { holidays })).toEqual({
      occurrenceKey: "2023-10",
      nominal: d("2023-10-01"),
      themeDay: d("2023-09-28"),
      shifted: true,
      approximate: false,
    });
  });

  it("flags years without official data and uses weekends only", () => {
    const rule = parseThemeDayRule({ pattern: dom(1), onNonWorkday: "next_workday" });
    const r = resolveThemeDay(rule, 2027, 5, { holidays }); // 2027-05-01 is a Saturday
    expect(r.themeDay).toEqual(d("2027-05-03"));
    expect(r.approximate).toBe(true);
    // moving from a covered year into an uncovered one is approximate too
    const upTo2024: HolidayCalendar = { isWorkday: weekendsOnlyCalendar.isWorkday, covers: (y) => y <= 2024 };
    const dec = resolveThemeDay(parseThemeDayRule({ pattern: dom(28), onNonWorkday: "next_workday" }), 2024, 12, { holidays: upTo2024 });
    expect(dec.themeDay).toEqual(d("2024-12-30")); // Sat 28 → Mon 30: same year, still covered
    expect(dec.approximate).toBe(false);
    const jan = resolveThemeDay(parseThemeDayRule({ pattern: nth(-1, 6), onNonWorkday: "next_workday" }), 2022, 12, {
      holidays: { isWorkday: weekendsOnlyCalendar.isWorkday, covers: (y) => y <= 2022 },
    });
    expect(jan.themeDay).toEqual(d("2023-01-02")); // last Saturday 2022-12-31 → Monday 2023-01-02
    expect(jan.approximate).toBe(true);
    expect(resolveThemeDay(rule, 2026, 11, { holidays }).approximate).toBe(false);
  });

  it("uses an injected calendar (fake) and never loops on a calendar without workdays", () => {
    const onlyWednesdays: HolidayCalendar = { isWorkday: (x) => new Date(Date.UTC(x.year, x.month - 1, x.day)).getUTCDay() === 3, covers: () => true };
    const rule = parseThemeDayRule({ pattern: dom(1), onNonWorkday: "next_workday" });
    expect(themeDayOf(rule, 2024, 5, { holidays: onlyWednesdays })).toEqual(d("2024-05-01"));
    expect(themeDayOf(rule, 2024, 6, { holidays: onlyWednesdays })).toEqual(d("2024-06-05"));
    expect(themeDayOf(parseThemeDayRule({ pattern: lastWorkday }), 2024, 6, { holidays: onlyWednesdays })).toEqual(d("2024-06-26"));
    const never: HolidayCalendar = { isWorkday: () => false, covers: () => true };
    expect(themeDayOf(rule, 2024, 6, { holidays: never })).toEqual(d("2024-06-01"));
    expect(lastWorkdayOf(2024, 6, never)).toEqual(d("2024-06-30"));
  });
});

describe("monthEndCheckAt", () => {
  it("is the last official workday at 17:00 local", () => {
    expect(monthEndCheckAt(2023, 9, "Asia/Shanghai")).toBe("2023-09-28T09:00:00.000Z");
    expect(monthEndCheckAt(2024, 2, "Asia/Shanghai")).toBe("2024-02-29T09:00:00.000Z");
    expect(monthEndCheckAt(2023, 12, "Asia/Shanghai", "16:30")).toBe("2023-12-29T08:30:00.000Z");
    expect(monthEndCheckAt(2024, 3, "Europe/Berlin")).toBe("2024-03-29T16:00:00.000Z"); // CET
    expect(monthEndCheckAt(2024, 9, "Asia/Shanghai", "17:00", weekendsOnlyCalendar)).toBe("2024-09-30T09:00:00.000Z");
  });
  it("rejects an unknown time zone", () => {
    expect(() => monthEndCheckAt(2024, 2, "Mars/Olympus")).toThrow(RangeError);
  });
});

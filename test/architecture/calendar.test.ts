// One calendar: every local-date helper lives in src/domain/calendar. This fails when a module
// elsewhere computes calendar dates itself instead of calling it.
import { sourcesUnder } from "./sources.js";

/** What a local-date helper is made of: time-zone libraries, UTC/local date fields, date formatting. */
const SIGNS: [string, RegExp][] = [
  ["imports date-fns", /from\s+["'](date-fns|@date-fns\/[^"']+)["']/],
  ["builds a TZDate", /\bTZDate\b/],
  ["uses Date.UTC", /\bDate\.UTC\s*\(/],
  ["reads UTC date fields", /\.getUTC(FullYear|Month|Date|Day|Hours)\s*\(/],
  ["reads local date fields", /\.get(FullYear|Month|Date|Day)\s*\(\s*\)/],
  ["checks a time zone with Intl", /Intl\.DateTimeFormat\([^)]*timeZone/],
  ["formats a date with toLocale*", /\.toLocale(Date)?String\s*\(/],
  [
    "defines a date helper by name",
    /\bfunction\s+(localDate\w*|formatLocalDate\w*|todayIn|addDays|addMonths|shiftMonth|daysBetween|daysInMonth|isoWeekday|isValidDate|isValidTimeZone|isTimeZone|assertTimeZone|dayBounds|localYearBounds|localMidnightUtc|instantAt|instantOf)\b/,
  ],
];

describe("the one calendar", () => {
  const outside = sourcesUnder("src").filter((s) => !s.file.startsWith("src/domain/calendar/"));

  it("is the only place that defines local-date helpers", () => {
    const found = outside.flatMap((s) =>
      SIGNS.filter(([, re]) => re.test(s.text.replace(/^\s*(\/\/|\*).*$/gm, ""))).map(([what]) => `${s.file} ${what}`),
    );
    expect(found).toEqual([]);
  });

  it("catches a helper written elsewhere", () => {
    const sample = "export function addDays(d: LocalDate, n: number) { const t = new Date(Date.UTC(d.year, d.month - 1, d.day)); }";
    expect(SIGNS.filter(([, re]) => re.test(sample)).map(([what]) => what)).toEqual(["uses Date.UTC", "defines a date helper by name"]);
  });
});

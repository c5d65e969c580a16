import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  dayBounds,
  formatLocalDate,
  instantAt,
  instantOf,
  isValidDate,
  isValidTimeZone,
  isoWeekday,
  localClockOf,
  localDateOf,
  localMidnightUtc,
  localTimeOf,
  localYearBounds,
  partOfDayOf,
  type LocalDate,
} from "../../../src/domain/calendar/index.js";

const d = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

describe("the calendar", () => {
  it.each([
    [d(2024, 2, 28), 1, d(2024, 2, 29)],
    [d(2023, 2, 28), 1, d(2023, 3, 1)],
    [d(2023, 12, 31), 1, d(2024, 1, 1)],
    [d(2024, 3, 1), -1, d(2024, 2, 29)],
    [d(2024, 3, 31), -366, d(2023, 3, 31)],
  ])("adds days: %j + %i = %j", (from, days, to) => {
    expect(addDays(from, days)).toEqual(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    [2023, 11, 2, { year: 2024, month: 1 }],
    [2023, 1, -1, { year: 2022, month: 12 }],
    [2023, 1, -13, { year: 2021, month: 12 }],
    [2024, 3, 0, { year: 2024, month: 3 }],
  ])("shifts months: %i-%i by %i", (year, month, delta, expected) => {
    expect(addMonths(year, month, delta)).toEqual(expected);
  });

  it("knows weekdays, month lengths and real dates", () => {
    expect(isoWeekday(d(2023, 5, 1))).toBe(1); // Monday
    expect(isoWeekday(d(2023, 4, 30))).toBe(7); // Sunday
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2023, 12)]).toEqual([29, 28, 31]);
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect([isValidDate(2023, 2, 29), isValidDate(2023, 13, 1), isValidDate(2023, 4, 31), isValidDate(2023, 1.5, 1)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Mars/Base")).toBe(false);
  });

  it("turns instants into the branch's dates and back", () => {
    // 2023-05-20 17:30 UTC is already the 21st in Shanghai.
    expect(localDateOf("2023-05-20T17:30:00Z", "Asia/Shanghai")).toEqual(d(2023, 5, 21));
    expect(localDateOf(new Date("2023-05-20T17:30:00Z"), "Europe/London")).toEqual(d(2023, 5, 20));
    expect(localClockOf("2023-05-20T17:30:00Z", "Asia/Shanghai")).toEqual({ hour: 1, minute: 30 });
    expect(localTimeOf("2023-05-20T17:05:00Z", "Asia/Shanghai")).toBe("01:05");
    expect(localMidnightUtc(2023, 5, 21, "Asia/Shanghai")).toBe("2023-05-20T16:00:00.000Z");
    expect(localMidnightUtc(2023, 13, 1, "Asia/Shanghai")).toBe("2023-12-31T16:00:00.000Z");
    expect(dayBounds(d(2023, 5, 21), "Asia/Shanghai")).toEqual({ start: "2023-05-20T16:00:00.000Z", end: "2023-05-21T16:00:00.000Z" });
    expect(localYearBounds(new Date("2023-12-31T17:00:00Z"), "Asia/Shanghai")).toEqual({
      year: 2024,
      start: new Date("2023-12-31T16:00:00.000Z"),
      end: new Date("2024-12-31T16:00:00.000Z"),
    });
    expect(formatLocalDate(d(2023, 5, 1))).toBe("2023-05-01");
  });

  it("stores an activity's time, a part of day or noon, and reads the part of day back", () => {
    expect(instantOf(d(2023, 5, 21), { hour: 9, minute: 30 }, null, "Asia/Shanghai")).toBe("2023-05-21T01:30:00.000Z");
    expect(instantOf(d(2023, 5, 21), null, "afternoon", "Asia/Shanghai")).toBe("2023-05-21T07:00:00.000Z");
    expect(instantOf(d(2023, 5, 21), null, null, "Asia/Shanghai")).toBe("2023-05-21T04:00:00.000Z");
    expect([9, 12, 15, 19].map(partOfDayOf)).toEqual(["morning", null, "afternoon", "evening"]);
  });

  it("places wall times across daylight-saving changes", () => {
    // Spring forward in Berlin: 02:30 does not exist and moves to 03:30 CEST.
    expect(instantAt(d(2024, 3, 31), "02:30", "Europe/Berlin").toISOString()).toBe("2024-03-31T01:30:00.000Z");
    expect(instantAt(d(2024, 7, 1), "08:00", "Asia/Shanghai").toISOString()).toBe("2024-07-01T00:00:00.000Z");
  });
});

import { ZodError } from "zod";
import { defaultThemeDayRule, parseThemeDayRule, safeParseThemeDayRule } from "../../../src/domain/reminders/index.js";

describe("ThemeDayRule", () => {
  it("defaults to the first Friday, next workday, 3 days before 09:00 + on the day 08:30, follow-up 18:00", () => {
    expect(defaultThemeDayRule).toEqual({
      pattern: { type: "nth_weekday", n: 1, weekday: 5 },
      onNonWorkday: "next_workday",
      reminders: [
        { daysBefore: 3, time: "09:00" },
        { daysBefore: 0, time: "08:30" },
      ],
      followUp: { enabled: true, daysAfter: 0, time: "18:00" },
      target: "group",
      theme: null,
    });
    expect(Object.isFrozen(defaultThemeDayRule.reminders)).toBe(true);
  });

  it("fills defaults from stored JSON (null, text, partial objects)", () => {
    expect(parseThemeDayRule(null)).toEqual(defaultThemeDayRule);
    expect(parseThemeDayRule(undefined)).toEqual(defaultThemeDayRule);
    expect(parseThemeDayRule("{}")).toEqual(defaultThemeDayRule);
    const r = parseThemeDayRule('{"pattern":{"type":"day_of_month","day":15},"followUp":{"time":"17:30"},"extra":1}');
    expect(r.pattern).toEqual({ type: "day_of_month", day: 15 });
    expect(r.followUp).toEqual({ enabled: true, daysAfter: 0, time: "17:30" });
    expect(r).not.toHaveProperty("extra");
    expect(parseThemeDayRule(JSON.parse(JSON.stringify(r)))).toEqual(r); // round-trips as plain JSON
  });

  it("drops duplicate reminders, orders them earliest first, and blanks empty themes", () => {
    const r = parseThemeDayRule({
      reminders: [
        { daysBefore: 0, time: "08:30" },
        { daysBefore: 7, time: "10:00" },
        { daysBefore: 0, time: "08:30" },
        { daysBefore: 0, time: "07:00" },
      ],
      theme: "   ",
    });
    expect(r.reminders).toEqual([
      { daysBefore: 7, time: "10:00" },
      { daysBefore: 0, time: "07:00" },
      { daysBefore: 0, time: "08:30" },
    ]);
    expect(r.theme).toBeNull();
    expect(parseThemeDayRule({ theme: " 传承好家风 " }).theme).toBe("传承好家风");
    expect(parseThemeDayRule({ reminders: [] }).reminders).toEqual([]);
  });

  it.each([
    [{ pattern: { type: "day_of_month", day: 32 } }],
    [{ pattern: { type: "day_of_month", day: 0 } }],
    [{ pattern: { type: "nth_weekday", n: 6, weekday: 5 } }],
    [{ pattern: { type: "nth_weekday", n: 0, weekday: 5 } }],
    [{ pattern: { type: "nth_weekday", n: 1, weekday: 0 } }],
    [{ pattern: { type: "every_day" } }],
    [{ onNonWorkday: "skip" }],
    [{ reminders: [{ daysBefore: 15, time: "09:00" }] }],
    [{ reminders: [{ daysBefore: 1, time: "9:00" }] }],
    [{ reminders: [{ daysBefore: 1, time: "24:00" }] }],
    [{ reminders: [0, 1, 2, 3, 4, 5].map((n) => ({ daysBefore: n, time: "09:00" })) }],
    [{ followUp: { daysAfter: 2 } }],
    [{ target: "everyone" }],
    ["not json"],
  ])("rejects %j", (input) => {
    expect(() => parseThemeDayRule(input)).toThrow(ZodError);
    expect(safeParseThemeDayRule(input).success).toBe(false);
  });

  it("accepts the edge values", () => {
    const r = parseThemeDayRule({
      pattern: { type: "nth_weekday", n: -1, weekday: 7 },
      onNonWorkday: "previous_workday",
      reminders: [{ daysBefore: 14, time: "23:59" }, { daysBefore: 0, time: "00:00" }],
      followUp: { enabled: false, daysAfter: 1, time: "09:00" },
      target: "both",
    });
    expect(r.pattern).toEqual({ type: "nth_weekday", n: -1, weekday: 7 });
    expect(r.followUp.enabled).toBe(false);
  });
});

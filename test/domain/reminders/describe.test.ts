import {
  defaultThemeDayRule,
  describeDelivery,
  describeNext,
  describeRule,
  formatDay,
  parseThemeDayRule,
  relativeDay,
  upcomingOccurrences,
  type ThemeDayRuleInput,
} from "../../../src/domain/reminders/index.js";

const SH = "Asia/Shanghai";

describe("describeRule", () => {
  it.each<[string, ThemeDayRuleInput, string, string]>([
    [
      "default: first Friday",
      {},
      "每月第一个周五（遇节假日顺延至下一个工作日）；提前3天 09:00、当天 08:30 提醒，发送到支部群；当天 18:00 询问书记是否已登记",
      "Monthly on the first Friday (moved to the next workday if that is a holiday); reminders 3 days before at 09:00 and on the day at 08:30, sent to the branch group; the secretary is asked to log it on the day at 18:00",
    ],
    [
      "day of month, keep, one reminder, no follow-up, theme",
      { pattern: { type: "day_of_month", day: 15 }, onNonWorkday: "keep", reminders: [{ daysBefore: 1, time: "20:00" }], followUp: { enabled: false }, target: "both", theme: "传承好家风 筑牢廉洁墙" },
      "每月15日（遇节假日照常举行）；提前1天 20:00 提醒，发送到支部群并私信每位党员；主题：传承好家风 筑牢廉洁墙",
      "Monthly on the 15th (held even on holidays); reminders 1 day before at 20:00, sent to the group and privately to every member; theme: 传承好家风 筑牢廉洁墙",
    ],
    [
      "day 31, previous workday, no reminders, next-day follow-up",
      { pattern: { type: "day_of_month", day: 31 }, onNonWorkday: "previous_workday", reminders: [], followUp: { daysAfter: 1, time: "09:00" }, target: "members" },
      "每月31日（当月没有该日时取月末；遇节假日提前至上一个工作日）；不发提前提醒；次日 09:00 询问书记是否已登记",
      "Monthly on the 31st (the last day in shorter months; moved to the previous workday if that is a holiday); no advance reminders; the secretary is asked to log it the next day at 09:00",
    ],
    [
      "last workday",
      { pattern: { type: "last_workday" }, target: "members" },
      "每月最后一个工作日；提前3天 09:00、当天 08:30 提醒，私信每位党员；当天 18:00 询问书记是否已登记",
      "Monthly on the last workday; reminders 3 days before at 09:00 and on the day at 08:30, sent privately to every member; the secretary is asked to log it on the day at 18:00",
    ],
    [
      "last Wednesday",
      { pattern: { type: "nth_weekday", n: -1, weekday: 3 }, onNonWorkday: "keep", reminders: [{ daysBefore: 2, time: "10:00" }] },
      "每月最后一个周三（遇节假日照常举行）；提前2天 10:00 提醒，发送到支部群；当天 18:00 询问书记是否已登记",
      "Monthly on the last Wednesday (held even on holidays); reminders 2 days before at 10:00, sent to the branch group; the secretary is asked to log it on the day at 18:00",
    ],
    [
      "fifth Monday",
      { pattern: { type: "nth_weekday", n: 5, weekday: 1 }, reminders: [{ daysBefore: 0, time: "08:00" }], followUp: { enabled: false } },
      "每月第五个周一（不足五个时取最后一个；遇节假日顺延至下一个工作日）；当天 08:00 提醒，发送到支部群",
      "Monthly on the fifth Monday (the last one if there is no fifth; moved to the next workday if that is a holiday); reminders on the day at 08:00, sent to the branch group",
    ],
    [
      "second Sunday, 21st-style ordinals",
      { pattern: { type: "nth_weekday", n: 2, weekday: 7 }, onNonWorkday: "previous_workday", reminders: [], followUp: { enabled: false } },
      "每月第二个周日（遇节假日提前至上一个工作日）；不发提前提醒",
      "Monthly on the second Sunday (moved to the previous workday if that is a holiday); no advance reminders",
    ],
  ])("%s", (_name, input, zh, en) => {
    const rule = parseThemeDayRule(input);
    expect(describeRule(rule, "zh")).toBe(zh);
    expect(describeRule(rule, "en")).toBe(en);
  });

  it("writes English ordinals", () => {
    const en = (day: number) => describeRule(parseThemeDayRule({ pattern: { type: "day_of_month", day } }), "en").split(" (")[0];
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map(en)).toEqual(
      ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd"].map((o) => `Monthly on the ${o}`),
    );
  });
});

describe("describeNext", () => {
  it("names the next theme day and the reminders still to go out", () => {
    const now = new Date("2024-01-29T02:00:00Z");
    expect(describeNext(defaultThemeDayRule, { now, timeZone: SH, locale: "zh" })).toBe(
      "下一次主题党日：2月2日 周五（4天后）\n将发送的提醒：\n· 1月30日 周二 09:00（提前3天）\n· 2月2日 周五 08:30（当天）\n· 2月2日 周五 18:00 询问书记是否已登记",
    );
    expect(describeNext(defaultThemeDayRule, { now, timeZone: SH, locale: "en" })).toBe(
      "Next theme day (主题党日): Fri 2 Feb (in 4 days)\nReminders to go out:\n· Tue 30 Jan 09:00 (3 days before)\n· Fri 2 Feb 08:30 (on the day)\n· Fri 2 Feb 18:00: ask the secretary to log it",
    );
  });

  it("explains a moved date and a make-up workday, and shows the theme", () => {
    const rule = parseThemeDayRule({ pattern: { type: "day_of_month", day: 1 }, onNonWorkday: "next_workday", theme: "不忘初心" });
    const now = new Date("2023-10-05T02:00:00Z");
    expect(describeNext(rule, { now, timeZone: SH, locale: "zh" })).toBe(
      "下一次主题党日：10月7日 周六（后天；调休上班日；原定10月1日 周日，国庆节假期，已调整）\n主题：不忘初心\n将发送的提醒：\n· 10月7日 周六 08:30（当天）\n· 10月7日 周六 18:00 询问书记是否已登记",
    );
    expect(describeNext(rule, { now, timeZone: SH, locale: "en" })).toBe(
      "Next theme day (主题党日): Sat 7 Oct (in 2 days; a make-up workday; moved from Sun 1 Oct, National Day)\nTheme: 不忘初心\nReminders to go out:\n· Sat 7 Oct 08:30 (on the day)\n· Sat 7 Oct 18:00: ask the secretary to log it",
    );
  });

  it("says when everything has gone out, and when holiday data is missing", () => {
    expect(describeNext(defaultThemeDayRule, { now: new Date("2024-02-02T11:00:00Z"), timeZone: SH, locale: "zh" })).toBe(
      "下一次主题党日：2月2日 周五（今天）\n本次的提醒都已到发送时间。",
    );
    const text = describeNext(defaultThemeDayRule, { now: new Date("2026-12-25T00:00:00Z"), timeZone: SH, locale: "zh" });
    expect(text.split("\n")[0]).toBe("下一次主题党日：2027年1月1日 周五（7天后）");
    expect(text).toContain("注：暂无2027年的官方节假日安排，日期仅按周末推算，公布后可能调整。");
    expect(describeNext(defaultThemeDayRule, { now: new Date("2026-12-25T00:00:00Z"), timeZone: SH, locale: "en" })).toContain(
      "Note: the official 2027 holiday schedule is not available yet",
    );
  });
});

describe("describeDelivery", () => {
  const [feb] = upcomingOccurrences(defaultThemeDayRule, { now: new Date("2024-01-20T00:00:00Z"), timeZone: SH, count: 1 });
  const [d3, d0, followUp] = feb!.deliveries;

  it("words a reminder for the moment it is sent (catch-up safe)", () => {
    expect(describeDelivery(d3!, { now: new Date(d3!.at), timeZone: SH, locale: "zh" })).toBe("【主题党日提醒】3天后（2月2日 周五）是本支部的主题党日。");
    // sent late after downtime: says tomorrow, not "in 3 days"
    expect(describeDelivery(d3!, { now: new Date("2024-02-01T02:00:00Z"), timeZone: SH, locale: "zh", theme: "传承好家风" })).toBe(
      "【主题党日提醒】明天（2月2日 周五）是本支部的主题党日。\n主题：传承好家风",
    );
    expect(describeDelivery(d0!, { now: new Date(d0!.at), timeZone: SH, locale: "en" })).toBe("Reminder: the branch theme day (主题党日) is today, Fri 2 Feb.");
  });

  it("asks the secretary for the record with a one-line example", () => {
    expect(describeDelivery(followUp!, { now: new Date(followUp!.at), timeZone: SH, locale: "zh" })).toBe(
      "今天（2月2日 周五）的主题党日记录了吗？发一句话即可登记，例如：\n/log 2月2日 主题党日 12人参加",
    );
    expect(describeDelivery(followUp!, { now: new Date("2024-02-03T01:00:00Z"), timeZone: SH, locale: "en", theme: "不忘初心" })).toBe(
      "Has the theme day (主题党日) of yesterday, Fri 2 Feb, been logged? One line is enough, e.g.\n/log 2月2日 主题党日 “不忘初心” 12人参加",
    );
  });
});

describe("formatting helpers", () => {
  it("formats days and relative days", () => {
    expect(formatDay({ year: 2024, month: 2, day: 18 }, "zh", 2024)).toBe("2月18日 周日");
    expect(formatDay({ year: 2025, month: 1, day: 1 }, "zh", 2024)).toBe("2025年1月1日 周三");
    expect(formatDay({ year: 2025, month: 1, day: 1 }, "en", 2024)).toBe("Wed 1 Jan 2025");
    const t = { year: 2024, month: 2, day: 28 };
    expect([-3, -2, -1, 0, 1, 2, 5].map((n) => relativeDay(t, { year: 2024, month: 2 + (28 + n > 29 ? 1 : 0), day: 28 + n > 29 ? 28 + n - 29 : 28 + n }, "zh"))).toEqual([
      "3天前", "前天", "昨天", "今天", "明天", "后天", "5天后",
    ]);
    expect(relativeDay(t, { year: 2024, month: 3, day: 2 }, "en")).toBe("in 3 days");
    expect(relativeDay(t, { year: 2024, month: 2, day: 26 }, "en")).toBe("2 days ago");
  });
});

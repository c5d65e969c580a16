import { localDateOf, monthsOf, quarterOf } from "../../../src/domain/calendar/index.js";
import { isInPeriod, parsePeriod, type ParsePeriodResult, type Period } from "../../../src/domain/period/index.js";

const SH = "Asia/Shanghai";
const NOW = new Date("2023-05-20T04:00:00Z"); // 20 May 2023, noon in Shanghai

function period(result: ParsePeriodResult): Period {
  if (!result.ok) throw new Error(`expected a period, got ${result.error}`);
  return result.period;
}

describe("local dates at the Shanghai boundary", () => {
  it("puts 23:30 on 31 March Shanghai time in Q1 and 00:30 on 1 April in Q2", () => {
    const lateMarch = localDateOf("2023-03-31T15:30:00Z", SH);
    expect(lateMarch).toEqual({ year: 2023, month: 3, day: 31 });
    expect(quarterOf(lateMarch)).toBe(1);
    const earlyApril = localDateOf("2023-03-31T16:30:00Z", SH);
    expect(earlyApril).toEqual({ year: 2023, month: 4, day: 1 });
    expect(quarterOf(earlyApril)).toBe(2);
  });

  it("bounds quarters at local midnight", () => {
    const q1 = period(parsePeriod("2023-Q1", NOW, SH));
    expect(q1.start).toBe("2022-12-31T16:00:00.000Z");
    expect(q1.end).toBe("2023-03-31T16:00:00.000Z");
    expect(isInPeriod("2023-03-31T15:30:00Z", q1)).toBe(true);
    expect(isInPeriod("2023-03-31T16:30:00Z", q1)).toBe(false);
    const q2 = period(parsePeriod("2023-q2", NOW, SH));
    expect(q2.key).toBe("2023-Q2");
    expect(isInPeriod("2023-03-31T16:30:00Z", q2)).toBe(true);
    expect(isInPeriod("2023-03-31T16:00:00Z", q2)).toBe(true); // start is inclusive
  });

  it("lists the months of a year", () => {
    const months = monthsOf(2023);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2023-01");
    expect(months[11]).toBe("2023-12");
  });
});

describe("parsePeriod", () => {
  it("defaults to this year", () => {
    const p = period(parsePeriod(undefined, NOW, SH));
    expect(p).toMatchObject({ key: "2023", unit: "year", label: { zh: "2023年", en: "2023" } });
    expect(p.start).toBe("2022-12-31T16:00:00.000Z");
    expect(p.end).toBe("2023-12-31T16:00:00.000Z");
    expect(period(parsePeriod("  ", NOW, SH)).key).toBe("2023");
  });

  it("understands the Chinese relative forms", () => {
    expect(period(parsePeriod("本月", NOW, SH)).key).toBe("2023-05");
    expect(period(parsePeriod("本季度", NOW, SH)).key).toBe("2023-Q2");
    expect(period(parsePeriod("今年", NOW, SH)).key).toBe("2023");
    expect(period(parsePeriod("上月", NOW, SH)).key).toBe("2023-04");
    expect(period(parsePeriod("去年", NOW, SH)).key).toBe("2022");
  });

  it("understands the English forms, case-insensitively", () => {
    expect(period(parsePeriod("this-month", NOW, SH)).key).toBe("2023-05");
    expect(period(parsePeriod("This-Quarter", NOW, SH)).key).toBe("2023-Q2");
    expect(period(parsePeriod("this-year", NOW, SH)).key).toBe("2023");
    expect(period(parsePeriod("last month", NOW, SH)).key).toBe("2023-04");
    expect(period(parsePeriod("last-year", NOW, SH)).key).toBe("2022");
  });

  it("takes 'now' in the branch's zone: 00:30 on 1 April Shanghai is already April", () => {
    const now = new Date("2023-03-31T16:30:00Z");
    expect(period(parsePeriod("本月", now, SH)).key).toBe("2023-04");
    expect(period(parsePeriod("本季度", now, SH)).key).toBe("2023-Q2");
    expect(period(parsePeriod("本月", now, "UTC")).key).toBe("2023-03");
  });

  it("rolls 上月 and 上季度 over the year", () => {
    const january = new Date("2024-01-10T04:00:00Z");
    expect(period(parsePeriod("上月", january, SH)).key).toBe("2023-12");
    expect(period(parsePeriod("上季度", january, SH)).key).toBe("2023-Q4");
  });

  it("parses explicit years, months and quarters with labels", () => {
    const year = period(parsePeriod("2022", NOW, SH));
    expect(year).toMatchObject({ key: "2022", unit: "year", year: 2022 });
    const month = period(parsePeriod("2023-03", NOW, SH));
    expect(month).toMatchObject({ key: "2023-03", unit: "month", month: 3, label: { zh: "2023年3月", en: "March 2023" } });
    expect(month.start).toBe("2023-02-28T16:00:00.000Z");
    expect(month.end).toBe("2023-03-31T16:00:00.000Z");
    const december = period(parsePeriod("2023-12", NOW, SH));
    expect(december.end).toBe("2023-12-31T16:00:00.000Z");
    expect(period(parsePeriod("2023-3", NOW, SH)).key).toBe("2023-03");
    expect(period(parsePeriod("2023年3月", NOW, SH)).key).toBe("2023-03");
    const q3 = period(parsePeriod("2023-Q3", NOW, SH));
    expect(q3).toMatchObject({ quarter: 3, label: { zh: "2023年第三季度", en: "Q3 2023" } });
    expect(period(parsePeriod("2023年第三季度", NOW, SH)).key).toBe("2023-Q3");
    expect(period(parsePeriod("２０２３－Ｑ４", NOW, SH)).key).toBe("2023-Q4"); // full-width input
  });

  it("follows daylight saving time in zones that have it", () => {
    const march = period(parsePeriod("2023-03", NOW, "America/New_York"));
    expect(march.start).toBe("2023-03-01T05:00:00.000Z");
    expect(march.end).toBe("2023-04-01T04:00:00.000Z");
  });

  it.each([
    ["2023-13", "bad_month"],
    ["2023-00", "bad_month"],
    ["2023-Q5", "bad_quarter"],
    ["2023-Q0", "bad_quarter"],
    ["1800", "bad_year"],
    ["3000-01", "bad_year"],
    ["23", "bad_format"],
    ["abc", "bad_format"],
    ["2023-03-05", "bad_format"],
    ["下个月", "bad_format"],
    ["2023Q", "bad_format"],
  ])("rejects %s as %s", (input, error) => {
    expect(parsePeriod(input, NOW, SH)).toEqual({ ok: false, error, input });
  });

  it("rejects an unknown time zone", () => {
    expect(parsePeriod("2023", NOW, "Mars/Olympus")).toEqual({ ok: false, error: "bad_time_zone", input: "2023" });
  });
});

// Placing a local wall time in a time zone takes a fast path where the zone's offset holds around it;
// it must give what TZDate gives everywhere, DST changes included (gaps move forward, overlaps take
// the later instant), and keep rejecting what cannot be placed.
import { TZDate } from "@date-fns/tz";
import { instantAt, isValidDate, localDate, localMidnightUtc } from "../../../src/domain/calendar/index.js";

const ZONES = [
  "Asia/Shanghai",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Pacific/Apia",
];

test.each(ZONES)("%s: every hour (and half hour) of 2021–2022 as TZDate places it", (zone) => {
  const wrong: string[] = [];
  for (let day = 0; day < 730; day++) {
    const d = new Date(Date.UTC(2021, 0, 1 + day));
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const [h, mi] = [Math.floor(minutes / 60), minutes % 60];
      const time = `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}`;
      const expected = new TZDate(y, m - 1, dd, h, mi, 0, 0, zone).getTime();
      if (instantAt(localDate(y, m, dd), time, zone).getTime() !== expected) wrong.push(`${y}-${m}-${dd} ${time}`);
    }
    if (localMidnightUtc(y, m, dd, zone) !== new Date(new TZDate(y, m - 1, dd, 0, 0, 0, 0, zone).getTime()).toISOString())
      wrong.push(`${y}-${m}-${dd} midnight`);
  }
  expect(wrong).toEqual([]);
});

test("the wall times a DST change skips or repeats, as members would write them", () => {
  // Berlin springs forward at 02:00 on 2022-03-27 (02:30 does not exist) and falls back at 03:00 on 2022-10-30.
  expect(instantAt(localDate(2022, 3, 27), "02:30", "Europe/Berlin").toISOString()).toBe("2022-03-27T01:30:00.000Z");
  expect(instantAt(localDate(2022, 10, 30), "02:30", "Europe/Berlin").toISOString()).toBe("2022-10-30T01:30:00.000Z");
  expect(instantAt(localDate(2022, 10, 30), "09:00", "Asia/Shanghai").toISOString()).toBe("2022-10-30T01:00:00.000Z");
  // Months overflow into the next year, as before.
  expect(localMidnightUtc(2026, 13, 1, "Asia/Shanghai")).toBe("2026-12-31T16:00:00.000Z");
});

test("what cannot be placed or is no date is still refused", () => {
  expect(() => instantAt(localDate(2026, 3, 1), "xx:yy", "Asia/Shanghai")).toThrow(RangeError);
  expect([
    isValidDate(2026, 2, 29),
    isValidDate(2024, 2, 29),
    isValidDate(2026, 4, 31),
    isValidDate(2026, 12, 31),
    isValidDate(2026, 1.5, 3),
  ]).toEqual([false, true, false, true, false]);
});

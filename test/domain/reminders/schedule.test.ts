import {
  CATCH_UP_DAYS,
  defaultThemeDayRule,
  deliveryKey,
  dueDeliveries,
  parseThemeDayRule,
  upcomingOccurrences,
  weekendsOnlyCalendar,
  type Delivery,
} from "../../../src/domain/reminders/index.js";

const SH = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);
const brief = (list: Delivery[]) => list.map((x) => `${x.occurrenceKey} ${x.offsetKey} ${x.at}`);
const reasons = (list: (Delivery & { reason: string })[]) => list.map((x) => `${x.occurrenceKey} ${x.offsetKey} ${x.reason}`);

describe("upcomingOccurrences", () => {
  it("plans the Feb 2024 theme day in Asia/Shanghai (09:00 local = 01:00Z)", () => {
    const [feb] = upcomingOccurrences(defaultThemeDayRule, { now: at("2024-01-20T00:00:00Z"), timeZone: SH, count: 1 });
    expect(feb?.themeDay).toEqual({ year: 2024, month: 2, day: 2 });
    expect(feb?.deliveries.map((x) => ({ kind: x.kind, offsetKey: x.offsetKey, occurrenceKey: x.occurrenceKey, at: x.at, expiresAt: x.expiresAt }))).toEqual([
      { kind: "before", offsetKey: "d-3@09:00", occurrenceKey: "2024-02", at: "2024-01-30T01:00:00.000Z", expiresAt: "2024-02-02T16:00:00.000Z" },
      { kind: "before", offsetKey: "d-0@08:30", occurrenceKey: "2024-02", at: "2024-02-02T00:30:00.000Z", expiresAt: "2024-02-02T16:00:00.000Z" },
      { kind: "followup", offsetKey: "followup@18:00", occurrenceKey: "2024-02", at: "2024-02-02T10:00:00.000Z", expiresAt: "2024-02-03T16:00:00.000Z" },
    ]);
    expect(feb?.deliveries[0]?.localDate).toEqual({ year: 2024, month: 1, day: 30 });
    expect(feb?.deliveries[0]?.themeDay).toEqual({ year: 2024, month: 2, day: 2 });
  });

  it("includes today's theme day, then moves on once the local day is over", () => {
    const onTheDay = upcomingOccurrences(defaultThemeDayRule, { now: at("2024-02-02T15:59:00Z"), timeZone: SH });
    expect(onTheDay.map((o) => [o.occurrenceKey, o.themeDay.month, o.themeDay.day, o.shifted])).toEqual([
      ["2024-02", 2, 2, false],
      ["2024-03", 3, 1, false],
      ["2024-04", 4, 7, true], // first Friday Apr 5 is 清明; Sunday Apr 7 is a make-up workday
    ]);
    // 00:30 on Feb 3 in Shanghai, still Feb 2 in UTC
    const after = upcomingOccurrences(defaultThemeDayRule, { now: at("2024-02-02T16:30:00Z"), timeZone: SH, count: 2 });
    expect(after.map((o) => o.occurrenceKey)).toEqual(["2024-03", "2024-04"]);
  });

  it("keeps an occurrence moved into the next month, in date order", () => {
    const rule = parseThemeDayRule({ pattern: { type: "day_of_month", day: 30 }, onNonWorkday: "next_workday" });
    const list = upcomingOccurrences(rule, { now: at("2023-10-02T04:00:00Z"), timeZone: SH });
    expect(list.map((o) => [o.occurrenceKey, `${o.themeDay.month}-${o.themeDay.day}`])).toEqual([
      ["2023-09", "10-7"],
      ["2023-10", "10-30"],
      ["2023-11", "11-30"],
    ]);
  });

  it("computes instants across a DST change (Europe/Berlin)", () => {
    const rule = parseThemeDayRule({ pattern: { type: "day_of_month", day: 1 }, onNonWorkday: "keep" });
    const [apr] = upcomingOccurrences(rule, { now: at("2024-03-20T12:00:00Z"), timeZone: "Europe/Berlin", count: 1 });
    expect(brief(apr?.deliveries ?? [])).toEqual([
      "2024-04 d-3@09:00 2024-03-29T08:00:00.000Z", // CET, UTC+1
      "2024-04 d-0@08:30 2024-04-01T06:30:00.000Z", // CEST, UTC+2
      "2024-04 followup@18:00 2024-04-01T16:00:00.000Z",
    ]);
    expect(apr?.deliveries[0]?.expiresAt).toBe("2024-04-01T22:00:00.000Z");
    // a wall time that does not exist (02:30 on 2024-03-31) moves forward by the gap
    const gap = parseThemeDayRule({ pattern: { type: "nth_weekday", n: -1, weekday: 7 }, onNonWorkday: "keep", reminders: [{ daysBefore: 0, time: "02:30" }] });
    const [mar] = upcomingOccurrences(gap, { now: at("2024-03-20T12:00:00Z"), timeZone: "Europe/Berlin", count: 1 });
    expect(mar?.deliveries[0]?.at).toBe("2024-03-31T01:30:00.000Z");
  });

  it("flags occurrences in years without official holiday data", () => {
    const list = upcomingOccurrences(defaultThemeDayRule, { now: at("2026-11-20T00:00:00Z"), timeZone: SH, count: 3 });
    expect(list.map((o) => [o.occurrenceKey, o.approximate])).toEqual([
      ["2026-12", false],
      ["2027-01", true],
      ["2027-02", true],
    ]);
  });

  it("rejects an unknown time zone", () => {
    expect(() => upcomingOccurrences(defaultThemeDayRule, { now: at("2024-01-01T00:00:00Z"), timeZone: "Nowhere/City" })).toThrow(RangeError);
  });
});

describe("delivery keys", () => {
  it("are `${branchId}:${occurrenceKey}:${themeDay}:${offset}:${recipient}`, without the clock time", () => {
    const [feb] = upcomingOccurrences(defaultThemeDayRule, { now: at("2024-01-20T00:00:00Z"), timeZone: SH, count: 1 });
    const first = feb!.deliveries[0]!;
    expect(first.key(42, "group")).toBe("42:2024-02:2024-02-02:d-3:group");
    expect(first.key("b7", 123456789)).toBe("b7:2024-02:2024-02-02:d-3:123456789");
    expect(deliveryKey(42, first, "group")).toBe(first.key(42, "group"));
    const followUp = feb!.deliveries[2]!;
    expect(followUp.key(42, "secretary")).toBe("42:2024-02:2024-02-02:followup:secretary");
    const { key } = first; // usable detached
    expect(key(1, "group")).toBe("1:2024-02:2024-02-02:d-3:group");
    // The same reminder moved to another hour keeps its key; moved to another day it gets a new one.
    expect(deliveryKey(1, { ...first, offsetKey: "d-3@10:30" }, "group")).toBe(key(1, "group"));
    expect(deliveryKey(1, { ...first, themeDay: { year: 2024, month: 2, day: 9 } }, "group")).not.toBe(key(1, "group"));
  });
});

describe("dueDeliveries", () => {
  const rule = defaultThemeDayRule; // Feb 2024: theme day Fri 02-02; d-3 = 01-30 09:00 (01:00Z)

  it("sends a reminder when its time has come, once per window", () => {
    const before = dueDeliveries(rule, { now: at("2024-01-30T00:59:00Z"), timeZone: SH });
    expect(before).toEqual({ due: [], skipped: [] });
    const tick = dueDeliveries(rule, { now: at("2024-01-30T01:00:30Z"), timeZone: SH, lastCheckedAt: at("2024-01-30T00:59:30Z") });
    expect(brief(tick.due)).toEqual(["2024-02 d-3@09:00 2024-01-30T01:00:00.000Z"]);
    expect(tick.skipped).toEqual([]);
    const next = dueDeliveries(rule, { now: at("2024-01-30T01:01:30Z"), timeZone: SH, lastCheckedAt: at("2024-01-30T01:00:30Z") });
    expect(next).toEqual({ due: [], skipped: [] });
    // exactly at lastCheckedAt counts as handled by the previous run
    expect(dueDeliveries(rule, { now: at("2024-01-30T01:05:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-30T01:00:00Z") }).due).toEqual([]);
  });

  it("without lastCheckedAt returns what is still useful (the database dedups)", () => {
    const r = dueDeliveries(rule, { now: at("2024-01-31T03:00:00Z"), timeZone: SH });
    expect(brief(r.due)).toEqual(["2024-02 d-3@09:00 2024-01-30T01:00:00.000Z"]);
    expect(r.skipped).toEqual([]); // January's deliveries are older than the catch-up window
    expect(CATCH_UP_DAYS).toBeGreaterThan(15);
  });

  it("catches up after downtime: the 3-days-before reminder is still due the day before", () => {
    const r = dueDeliveries(rule, { now: at("2024-02-01T02:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-29T12:00:00Z") });
    expect(brief(r.due)).toEqual(["2024-02 d-3@09:00 2024-01-30T01:00:00.000Z"]);
    expect(r.skipped).toEqual([]);
  });

  it("sends only the latest of several missed reminders", () => {
    const r = dueDeliveries(rule, { now: at("2024-02-02T01:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-29T12:00:00Z") });
    expect(brief(r.due)).toEqual(["2024-02 d-0@08:30 2024-02-02T00:30:00.000Z"]);
    expect(reasons(r.skipped)).toEqual(["2024-02 d-3@09:00 superseded"]);
    // in the evening after the follow-up time, only the follow-up goes out
    const evening = dueDeliveries(rule, { now: at("2024-02-02T12:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-29T12:00:00Z") });
    expect(brief(evening.due)).toEqual(["2024-02 followup@18:00 2024-02-02T10:00:00.000Z"]);
    expect(reasons(evening.skipped)).toEqual(["2024-02 d-3@09:00 superseded", "2024-02 d-0@08:30 superseded"]);
  });

  it("skips before-reminders once the theme day is over, but still asks for the record", () => {
    const r = dueDeliveries(rule, { now: at("2024-02-03T02:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-29T12:00:00Z") });
    expect(reasons(r.skipped)).toEqual(["2024-02 d-3@09:00 expired", "2024-02 d-0@08:30 expired"]);
    expect(brief(r.due)).toEqual(["2024-02 followup@18:00 2024-02-02T10:00:00.000Z"]);
    // local midnight ending the day after: the follow-up is stale too
    const late = dueDeliveries(rule, { now: at("2024-02-03T16:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-01-29T12:00:00Z") });
    expect(late.due).toEqual([]);
    expect(reasons(late.skipped)).toEqual(["2024-02 d-3@09:00 expired", "2024-02 d-0@08:30 expired", "2024-02 followup@18:00 expired"]);
  });

  it("a before-reminder is due until local midnight ending the theme day", () => {
    const lastCheckedAt = at("2024-02-01T12:00:00Z");
    const r = dueDeliveries(rule, { now: at("2024-02-02T15:59:00Z"), timeZone: SH, lastCheckedAt, holidays: weekendsOnlyCalendar });
    // the follow-up (18:00) has come too, so the morning reminder is superseded rather than sent at 23:59
    expect(brief(r.due)).toEqual(["2024-02 followup@18:00 2024-02-02T10:00:00.000Z"]);
    const noFollowUp = parseThemeDayRule({ followUp: { enabled: false } });
    const r2 = dueDeliveries(noFollowUp, { now: at("2024-02-02T15:59:00Z"), timeZone: SH, lastCheckedAt });
    expect(brief(r2.due)).toEqual(["2024-02 d-0@08:30 2024-02-02T00:30:00.000Z"]);
    const r3 = dueDeliveries(noFollowUp, { now: at("2024-02-02T16:00:00Z"), timeZone: SH, lastCheckedAt });
    expect(reasons(r3.skipped)).toEqual(["2024-02 d-0@08:30 expired"]);
  });

  it("sees next month's theme day across a month and year boundary", () => {
    const rule1st = parseThemeDayRule({ pattern: { type: "day_of_month", day: 1 }, onNonWorkday: "keep" });
    // 3 days before 2025-01-01 = 2024-12-29 09:00 Shanghai
    const r = dueDeliveries(rule1st, { now: at("2024-12-29T01:05:00Z"), timeZone: SH, lastCheckedAt: at("2024-12-29T00:55:00Z") });
    expect(r.due.map((x) => x.key(9, "group"))).toEqual(["9:2025-01:2025-01-01:d-3:group"]);
    // October 2023's theme day moved back to 09-28 is reminded on 09-25, from September
    const prev = parseThemeDayRule({ pattern: { type: "day_of_month", day: 1 }, onNonWorkday: "previous_workday" });
    const sep = dueDeliveries(prev, { now: at("2023-09-25T01:00:00Z"), timeZone: SH, lastCheckedAt: at("2023-09-25T00:00:00Z") });
    expect(brief(sep.due)).toEqual(["2023-10 d-3@09:00 2023-09-25T01:00:00.000Z"]);
    expect(sep.due[0]?.themeDay).toEqual({ year: 2023, month: 9, day: 28 });
  });

  it("follow-up timing: on the day at 18:00, or the next day", () => {
    expect(dueDeliveries(rule, { now: at("2024-02-02T09:59:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-02T09:00:00Z") }).due).toEqual([]);
    const onTime = dueDeliveries(rule, { now: at("2024-02-02T10:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-02T09:59:00Z") });
    expect(onTime.due.map((x) => [x.kind, x.key(1, "secretary")])).toEqual([["followup", "1:2024-02:2024-02-02:followup:secretary"]]);

    const nextDay = parseThemeDayRule({ followUp: { daysAfter: 1, time: "09:00" } });
    const r = dueDeliveries(nextDay, { now: at("2024-02-03T01:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-03T00:00:00Z") });
    expect(brief(r.due)).toEqual(["2024-02 followup+1@09:00 2024-02-03T01:00:00.000Z"]);
    expect(r.due[0]?.expiresAt).toBe("2024-02-04T16:00:00.000Z");
    const stillUseful = dueDeliveries(nextDay, { now: at("2024-02-04T15:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-03T00:00:00Z") });
    expect(brief(stillUseful.due)).toEqual(["2024-02 followup+1@09:00 2024-02-03T01:00:00.000Z"]);
    const stale = dueDeliveries(nextDay, { now: at("2024-02-04T16:30:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-03T00:00:00Z") });
    expect(reasons(stale.skipped)).toEqual(["2024-02 followup+1@09:00 expired"]);
  });

  it("sends no follow-up when disabled", () => {
    const off = parseThemeDayRule({ followUp: { enabled: false } });
    const r = dueDeliveries(off, { now: at("2024-02-02T12:00:00Z"), timeZone: SH, lastCheckedAt: at("2024-02-02T01:00:00Z") });
    expect(r).toEqual({ due: [], skipped: [] });
  });
});

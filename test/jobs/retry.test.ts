// Retrying failed reminders beyond the theme-day ones of scheduler.test.ts: the follow-up, the
// month-end nudge, and the cases where a retry is no longer wanted.
import { MARCH_RULE, createWorld, flakyApi, telegramError, type World } from "./world.js";

let w: World;
afterEach(() => w?.close());

const D3 = "2024-03-12T01:00:00Z"; // 12 March 09:00 in Shanghai: 3 days before
const FOLLOW_UP = "2024-03-15T10:00:00Z"; // 15 March 18:00
const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);
const SERVER_ERROR = telegramError(500, "Internal Server Error");

async function rows() {
  return (await w.store.reminders.deliveries(w.branchId)).map((r) => `${r.offsetKey} ${r.recipient} ${r.status}${r.error ? ` (${r.error})` : ""}`);
}

/** An api down until `up()`; the scheduler on it. */
function outage(fail: (chatId: number) => unknown = () => SERVER_ERROR) {
  let down = true;
  const api = flakyApi(w.api, (chatId) => (down ? fail(chatId) : undefined));
  return { api, scheduler: w.scheduler({ api }), up: () => void (down = false) };
}

describe("retrying the follow-up and the month-end nudge", () => {
  it("asks the secretary again the next morning, with the button to log it", async () => {
    w = await createWorld({ enabledAt: "2024-03-15T09:00:00Z" });
    const { scheduler, up } = outage();
    w.clock.now = after(FOLLOW_UP, 1);
    expect(await scheduler.runOnce()).toMatchObject({ failed: 1 });
    up();
    w.clock.now = new Date("2024-03-16T01:00:00Z"); // 09:00 the next day
    expect(await scheduler.runOnce()).toMatchObject({ sent: 1, retried: 1 });
    const [ask] = w.sandbox.transcript(701).filter((e) => e.from === "bot");
    expect(ask?.text).toContain("昨天（3月15日 周五）的主题党日记录了吗？");
    expect(ask?.buttons.flat().map((b) => b.callback_data)).toEqual([`rfu:log:${w.branchId}:20240315`]);
  });

  it("records the follow-up as skipped when the theme day was logged meanwhile", async () => {
    w = await createWorld({ enabledAt: "2024-03-15T09:00:00Z" });
    const { api, scheduler, up } = outage();
    w.clock.now = after(FOLLOW_UP, 1);
    await scheduler.runOnce();
    await w.store.activities.create({
      branchId: w.branchId, reporterId: w.memberIds.get(701)!, personal: false, kinds: ["theme_day"], occurredAt: "2024-03-15T06:00:00.000Z",
      hasTime: false, title: null, location: null, host: null, recorder: null, speaker: null, expectedCount: null, presentCount: 12,
      durationHours: null, notes: null, details: {}, absentees: [], attendeeIds: [],
    });
    up();
    w.clock.now = after(FOLLOW_UP, 2);
    expect(await scheduler.runOnce()).toMatchObject({ sent: 0, retried: 0, skipped: 1 });
    expect(api.tries(701)).toBe(1);
    expect(await rows()).toEqual([`followup@18:00 member:${w.memberIds.get(701)} skipped (already logged)`]);
  });

  it("drops the follow-up at the end of the day after", async () => {
    w = await createWorld({ enabledAt: "2024-03-15T09:00:00Z" });
    const { api, scheduler, up } = outage();
    w.clock.now = after(FOLLOW_UP, 1);
    await scheduler.runOnce();
    up();
    w.clock.now = new Date("2024-03-16T16:00:00Z"); // midnight after 16 March in Shanghai
    expect(await scheduler.runOnce()).toMatchObject({ sent: 0, retried: 0, skipped: 0 });
    expect(api.tries(701)).toBe(1);
  });

  it("sends the month-end nudge again while the month lasts", async () => {
    w = await createWorld({ enabledAt: "2024-03-29T08:00:00Z" });
    await w.store.reminders.setMonthEndNudge(w.branchId, true);
    const { scheduler, up } = outage();
    w.clock.now = new Date("2024-03-29T09:01:00Z"); // Friday 29 March 17:01, the last workday
    expect(await scheduler.runOnce()).toMatchObject({ failed: 1 });
    up();
    w.clock.now = new Date("2024-03-29T09:02:00Z");
    expect(await scheduler.runOnce()).toMatchObject({ sent: 1, retried: 1 });
    expect(w.botTexts(701)[0]).toContain("本月（3月）还没有登记支委会。");
  });
});

describe("retries that are no longer wanted", () => {
  it("marks a member who blocked the bot since, and does not try again", async () => {
    w = await createWorld();
    const { api, scheduler, up } = outage((chatId) => (chatId === 702 ? SERVER_ERROR : undefined));
    w.clock.now = after(D3, 1);
    expect(await scheduler.runOnce()).toMatchObject({ sent: 3, failed: 1 });
    await w.members[0]!.block();
    up();
    w.clock.now = after(D3, 2);
    expect(await scheduler.runOnce()).toMatchObject({ sent: 0, retried: 1, blocked: 1 });
    expect((await w.db.prisma.member.findUniqueOrThrow({ where: { id: w.memberIds.get(702)! } })).blockedAt).toEqual(w.clock.now);
    w.clock.now = after(D3, 30);
    expect(await scheduler.runOnce()).toMatchObject({ retried: 0 });
    expect(api.tries(702)).toBe(2);
  });

  it("not to a member who has left, nor for a theme day the rule has moved", async () => {
    w = await createWorld();
    const { api, scheduler, up } = outage((chatId) => (chatId === 702 || chatId === 703 ? SERVER_ERROR : undefined));
    const failingAfterUp = flakyApi(w.api, (chatId) => (chatId === 703 ? SERVER_ERROR : undefined));
    w.clock.now = after(D3, 1);
    expect(await scheduler.runOnce()).toMatchObject({ sent: 2, failed: 2 });
    await w.store.memberships.remove(w.branchId, w.memberIds.get(702)!);
    up();
    w.clock.now = after(D3, 2);
    const s2 = w.scheduler({ api: failingAfterUp });
    expect(await s2.runOnce()).toMatchObject({ sent: 0, retried: 1, failed: 1 });
    expect([api.tries(702), api.tries(703) + failingAfterUp.tries(703)]).toEqual([1, 2]);
    await w.store.reminders.setRule(w.branchId, { ...MARCH_RULE, pattern: { type: "day_of_month", day: 20 } }, w.clock.now);
    w.clock.now = after(D3, 10);
    expect(await s2.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    expect(failingAfterUp.tries(703)).toBe(1);
  });
});

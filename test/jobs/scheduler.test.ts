// The reminder scheduler on a controllable clock: what members receive, and what is recorded.
import { GrammyError } from "grammy";
import type { NewActivity } from "../../src/db/repos/activities.js";
import { createWorld, THEME, type World } from "./world.js";

let w: World;
afterEach(() => w?.close());

const D3 = "2024-03-12T01:00:00Z"; // 12 March 09:00 in Shanghai: 3 days before
const D0 = "2024-03-15T00:30:00Z"; // 15 March 08:30: on the day
const FOLLOW_UP = "2024-03-15T10:00:00Z"; // 15 March 18:00
const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);
const ZH_3_DAYS = `【主题党日提醒】3天后（3月15日 周五）是本支部的主题党日。\n主题：${THEME}`;
const ZH_TODAY = `【主题党日提醒】今天（3月15日 周五）是本支部的主题党日。\n主题：${THEME}`;

async function rows(offsetKey?: string) {
  const all = await w.store.reminders.deliveries(w.branchId);
  return all.filter((r) => offsetKey === undefined || r.offsetKey === offsetKey).map((r) => `${r.offsetKey} ${r.recipient} ${r.status}${r.error ? ` (${r.error})` : ""}`);
}

function logTheme(date: string) {
  const input: NewActivity = {
    branchId: w.branchId, reporterId: w.memberIds.get(701)!, personal: false, kinds: ["theme_day"], occurredAt: date, hasTime: false,
    title: THEME, location: null, host: null, recorder: null, speaker: null, expectedCount: null, presentCount: 12, durationHours: null,
    notes: null, details: {}, absentees: [], attendeeIds: [],
  };
  return w.store.activities.create(input);
}

describe("sending a reminder exactly once", () => {
  it("reaches every member once, in their language, and not again after a restart", async () => {
    w = await createWorld();
    w.clock.now = after(D3, 1);
    const first = await w.scheduler().runOnce();
    expect(first).toEqual({ branches: 1, sent: 4, skipped: 0, blocked: 0, failed: 0, alreadyClaimed: 0 });
    for (const id of [701, 702, 704]) expect(w.botTexts(id)).toEqual([ZH_3_DAYS]);
    expect(w.botTexts(703)).toEqual([`Reminder: the branch theme day (主题党日) is in 3 days, Fri 15 Mar.\nTheme: ${THEME}`]);

    // The process dies after sending, before it could note the pass; a new one starts on the same database.
    await w.db.prisma.reminderRule.update({ where: { branchId: w.branchId }, data: { checkedAt: new Date("2024-03-11T00:00:00Z") } });
    const restarted = w.scheduler({ store: await w.openStore(), api: w.api });
    w.clock.now = after(D3, 2);
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, alreadyClaimed: 4 });
    for (const id of [701, 702, 703, 704]) expect(w.botTexts(id)).toHaveLength(1);
    expect(await rows()).toEqual(
      [701, 702, 703, 704].map((tg) => `d-3@09:00 member:${w.memberIds.get(tg)} sent`),
    );
  });

  it("sends each reminder once when two scheduler processes share one database", async () => {
    w = await createWorld({ extra: 26 });
    const a = w.scheduler();
    const b = w.scheduler({ store: await w.openStore(), api: w.api });
    w.clock.now = after(D3, 1);
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(30);
    expect(ra.failed + rb.failed + ra.blocked + rb.blocked).toBe(0);
    for (const u of [w.secretary, ...w.members]) expect(w.botTexts(u.id)).toHaveLength(1);
    const stored = await w.store.reminders.deliveries(w.branchId);
    expect(stored).toHaveLength(30);
    expect(stored.every((r) => r.status === "sent")).toBe(true);
    // Both keep going later on: the on-the-day reminder, again once each.
    w.clock.now = after(D0, 1);
    const [la, lb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(la.sent + lb.sent).toBe(30);
    expect(w.botTexts(702)).toEqual([ZH_3_DAYS, ZH_TODAY]);
  });

  it("finishes the pass in hand when stopped", async () => {
    w = await createWorld();
    w.clock.now = after(D3, 1);
    const s = w.scheduler();
    s.start();
    await s.stop();
    expect(w.botTexts(702)).toEqual([ZH_3_DAYS]);
    expect((await w.store.reminders.get(w.branchId)).checkedAt).toEqual(w.clock.now);
  });
});

describe("catching up after downtime", () => {
  it("on the theme day morning sends only today's reminder; the missed one is recorded as superseded", async () => {
    w = await createWorld({ enabledAt: "2024-03-11T04:00:00Z" });
    w.clock.now = after(D0, 15);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 4, skipped: 1 });
    expect(w.botTexts(702)).toEqual([ZH_TODAY]);
    expect(await rows("d-3@09:00")).toEqual(["d-3@09:00 * skipped (superseded)"]);
  });

  it("the day after, still asks the secretary about yesterday's theme day, with the button to log it", async () => {
    w = await createWorld({ enabledAt: "2024-03-15T04:00:00Z" });
    w.clock.now = new Date("2024-03-16T02:00:00Z"); // 10:00 the next day
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 1, skipped: 0 });
    const [ask] = w.sandbox.transcript(701).filter((e) => e.from === "bot");
    expect(ask?.text).toContain("昨天（3月15日 周五）的主题党日记录了吗？");
    expect(ask?.buttons.flat().map((b) => [b.text, b.callback_data])).toEqual([["📝 记录主题党日", `rfu:log:${w.branchId}:20240315`]]);
    expect(w.botTexts(702)).toEqual([]);
  });

  it("after a long outage sends nothing stale, recording each skipped reminder once", async () => {
    w = await createWorld({ enabledAt: "2024-03-11T04:00:00Z" });
    w.clock.now = new Date("2024-03-17T02:00:00Z");
    const s = w.scheduler();
    expect(await s.runOnce()).toMatchObject({ sent: 0, skipped: 3 });
    for (const id of [701, 702, 703, 704]) expect(w.botTexts(id)).toEqual([]);
    expect(await rows()).toEqual(["d-3@09:00 * skipped (expired)", "d-0@08:30 * skipped (expired)", "followup@18:00 * skipped (expired)"]);
    expect(await s.runOnce()).toMatchObject({ sent: 0, skipped: 0, alreadyClaimed: 0 });
  });
});

describe("follow-up and where reminders go", () => {
  it("does not ask the secretary when the theme day is already logged", async () => {
    w = await createWorld({ enabledAt: "2024-03-15T09:00:00Z" });
    await logTheme("2024-03-15T06:00:00.000Z");
    w.clock.now = after(FOLLOW_UP, 1);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    expect(w.botTexts(701)).toEqual([]);
    expect(await rows()).toEqual([`followup@18:00 member:${w.memberIds.get(701)} skipped (already logged)`]);
  });

  it("sends to the bound group once instead of every member, and to members when no group is bound", async () => {
    w = await createWorld({ rule: { pattern: { type: "day_of_month", day: 15 }, target: "group" } });
    w.clock.now = after(D3, 1);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 4 });
    expect(w.botTexts(702)).toEqual(["【主题党日提醒】3天后（3月15日 周五）是本支部的主题党日。"]);
    const group = w.sandbox.group({ title: "第一党支部群", members: [701, 702, 703, 704] });
    await w.store.branches.bindGroup(w.branchId, group.id);
    w.clock.now = after(D0, 1);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 1 });
    expect(w.botTexts(group.id)).toEqual(["【主题党日提醒】今天（3月15日 周五）是本支部的主题党日。"]);
    expect(w.botTexts(702)).toHaveLength(1);
    expect(await rows("d-0@08:30")).toEqual([`d-0@08:30 group:${group.id} sent`]);
  });
});

describe("recipients Telegram refuses", () => {
  it("marks a member who blocked the bot and still reaches the others; they are not tried again", async () => {
    w = await createWorld();
    const wang = w.members[2]!;
    await wang.block();
    w.clock.now = after(D3, 1);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 3, blocked: 1, failed: 0 });
    expect(w.botTexts(702)).toEqual([ZH_3_DAYS]);
    const wangId = w.memberIds.get(704)!;
    expect((await w.db.prisma.member.findUniqueOrThrow({ where: { id: wangId } })).blockedAt).toEqual(w.clock.now);
    expect(await rows()).toContain(`d-3@09:00 member:${wangId} blocked (Forbidden: bot was blocked by the user)`);

    w.clock.now = after(D0, 1);
    expect(await w.scheduler().runOnce()).toMatchObject({ sent: 3, blocked: 0 });
    const triedWang = w.sandbox.requests.of("sendMessage").filter((r) => Number(r.params.chat_id) === 704);
    expect(triedWang).toHaveLength(1);
  });

  it("records any other refusal as failed and goes on with the rest", async () => {
    w = await createWorld();
    const api = {
      sendMessage: (chatId: number | string, text: string, other?: object) => {
        if (chatId === 702) {
          throw new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: "Bad Request: chat not found" }, "sendMessage", {});
        }
        return w.api.sendMessage(chatId, text, other);
      },
    };
    w.clock.now = after(D3, 1);
    expect(await w.scheduler({ api }).runOnce()).toMatchObject({ sent: 3, failed: 1, blocked: 0 });
    expect(w.botTexts(704)).toEqual([ZH_3_DAYS]);
    expect(await rows()).toContain(`d-3@09:00 member:${w.memberIds.get(702)} failed (Bad Request: chat not found)`);
    expect((await w.db.prisma.member.findUniqueOrThrow({ where: { id: w.memberIds.get(702)! } })).blockedAt).toBeNull();
  });
});

describe("month-end 支委会 nudge", () => {
  it("tells the secretary once on the last workday when no 支委会 is logged, and stays quiet when one is", async () => {
    w = await createWorld({ enabledAt: "2024-03-29T08:00:00Z" });
    await w.store.reminders.setMonthEndNudge(w.branchId, true);
    w.clock.now = new Date("2024-03-29T09:01:00Z"); // Friday 29 March 17:01, the last workday
    const s = w.scheduler();
    expect(await s.runOnce()).toMatchObject({ sent: 1 });
    expect(w.botTexts(701)).toEqual(["本月（3月）还没有登记支委会。支委会一般每月召开一次；如已召开，发一句话即可登记，例如：\n/log 今天 支委会 研究部署下月工作 实到5人"]);
    expect(w.botTexts(702)).toEqual([]);
    w.clock.now = new Date("2024-03-29T10:00:00Z");
    expect(await s.runOnce()).toMatchObject({ sent: 0 });

    await w.store.activities.create({
      branchId: w.branchId, reporterId: w.memberIds.get(701)!, personal: false, kinds: ["branch_committee"], occurredAt: "2024-04-10T04:00:00.000Z",
      hasTime: false, title: null, location: null, host: null, recorder: null, speaker: null, expectedCount: null, presentCount: 5,
      durationHours: null, notes: null, details: {}, absentees: [], attendeeIds: [],
    });
    await w.store.reminders.setCheckedAt(w.branchId, new Date("2024-04-30T08:00:00Z"));
    w.clock.now = new Date("2024-04-30T09:01:00Z"); // Tuesday 30 April 17:01 (1–5 May are the holiday)
    expect(await s.runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    expect(w.botTexts(701)).toHaveLength(1);
    expect(await rows("monthend")).toEqual([
      `monthend member:${w.memberIds.get(701)} sent`,
      `monthend member:${w.memberIds.get(701)} skipped (already logged)`,
    ]);
  });
});

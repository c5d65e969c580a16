// The reminder scheduler on a controllable clock: what members receive, and what is recorded.
import { HttpError } from "grammy";
import type { NewActivity } from "../../src/db/repos/activities.js";
import type { Store } from "../../src/db/store.js";
import { createWorld, flakyApi, MARCH_RULE, telegramError, THEME, type World } from "./world.js";

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
    expect(first).toEqual({ branches: 1, sent: 4, skipped: 0, blocked: 0, failed: 0, alreadyClaimed: 0, retried: 0 });
    for (const id of [701, 702, 704]) expect(w.botTexts(id)).toEqual([ZH_3_DAYS]);
    expect(w.botTexts(703)).toEqual([`Reminder: the branch theme day (主题党日) is in 3 days, Fri 15 Mar.\nTheme: ${THEME}`]);

    // The process dies after sending, before it could note the pass; a new one starts on the same database.
    await w.db.prisma.reminderRule.update({ where: { branchId: w.branchId }, data: { checkedAt: new Date("2024-03-11T00:00:00Z") } });
    const restarted = w.scheduler({ store: await w.openStore(), api: w.api });
    w.clock.now = after(D3, 2);
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, alreadyClaimed: 4 });
    for (const id of [701, 702, 703, 704]) expect(w.botTexts(id)).toHaveLength(1);
    // Claimed concurrently: in any order.
    expect((await rows()).sort()).toEqual(
      [701, 702, 703, 704].map((tg) => `d-3@09:00 member:${w.memberIds.get(tg)} sent`).sort(),
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

  it("records a 400 as failed, goes on with the rest, and does not try it again", async () => {
    w = await createWorld();
    const api = flakyApi(w.api, (chatId) => (chatId === 702 ? telegramError(400, "Bad Request: chat not found") : undefined));
    w.clock.now = after(D3, 1);
    const s = w.scheduler({ api });
    expect(await s.runOnce()).toMatchObject({ sent: 3, failed: 1, blocked: 0 });
    expect(w.botTexts(704)).toEqual([ZH_3_DAYS]);
    expect(await rows()).toContain(`d-3@09:00 member:${w.memberIds.get(702)} failed (Bad Request: chat not found)`);
    expect((await w.db.prisma.member.findUniqueOrThrow({ where: { id: w.memberIds.get(702)! } })).blockedAt).toBeNull();
    w.clock.now = after(D3, 30);
    expect(await s.runOnce()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    expect(api.tries(702)).toBe(1);
  });
});

describe("trying again what Telegram did not take", () => {
  const id = (tg: number) => w.memberIds.get(tg)!;
  const SERVER_ERROR = telegramError(500, "Internal Server Error");
  /** GrammyError-like, not a GrammyError. */
  const TOO_MANY = { error_code: 429, description: "Too Many Requests: retry after 20", parameters: { retry_after: 20 } };
  const NETWORK_ERROR = new HttpError("Network request for 'sendMessage' failed!", new Error("fetch failed"));

  it("sends a reminder that met a 500 or a 429 on a later pass, once to each member", async () => {
    w = await createWorld();
    let down = true;
    const outage = (chatId: number) => (chatId === 702 ? TOO_MANY : chatId === 704 ? NETWORK_ERROR : SERVER_ERROR);
    const api = flakyApi(w.api, (chatId) => (down ? outage(chatId) : undefined));
    const s = w.scheduler({ api });
    w.clock.now = after(D3, 1);
    expect(await s.runOnce()).toMatchObject({ sent: 0, failed: 4 });
    const from = (seconds: number) => new Date(after(D3, 1).getTime() + seconds * 1000).toISOString();
    const retryState = async () =>
      (await w.store.reminders.deliveries(w.branchId)).map((d) => `${d.recipient} ${d.status} (${d.error}) attempts=${d.attempts} retryAt=${d.retryAt?.toISOString()}`);
    expect(await retryState()).toEqual(expect.arrayContaining([
      `member:${id(701)} failed (Internal Server Error) attempts=1 retryAt=${from(0)}`,
      `member:${id(702)} failed (Too Many Requests: retry after 20) attempts=1 retryAt=${from(20)}`,
      `member:${id(704)} failed (Network request for 'sendMessage' failed!) attempts=1 retryAt=${from(0)}`,
    ]));
    down = false;
    w.clock.now = after(D3, 1.2); // before the 429's retry_after
    expect(await s.runOnce()).toMatchObject({ sent: 3, retried: 3 });
    w.clock.now = after(D3, 2);
    expect(await s.runOnce()).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    w.clock.now = after(D3, 3);
    expect(await s.runOnce()).toMatchObject({ sent: 0, retried: 0, alreadyClaimed: 0 });
    for (const tg of [701, 702, 703, 704]) expect([w.botTexts(tg).length, api.tries(tg)]).toEqual([1, 2]);
    expect(w.botTexts(702)).toEqual([ZH_3_DAYS]);
    expect((await rows()).sort()).toEqual([701, 702, 703, 704].map((tg) => `d-3@09:00 member:${id(tg)} sent`).sort());
  });

  it("leaves a failed reminder once its theme day is over, or once a later reminder has come", async () => {
    w = await createWorld({ rule: { ...MARCH_RULE, reminders: [{ daysBefore: 0, time: "08:30" }], followUp: { enabled: false } } });
    let down = true;
    const api = flakyApi(w.api, () => (down ? SERVER_ERROR : undefined));
    const s = w.scheduler({ api });
    w.clock.now = after(D0, 1);
    expect(await s.runOnce()).toMatchObject({ failed: 4 });
    down = false;
    w.clock.now = new Date("2024-03-15T16:00:00Z"); // midnight in Shanghai: the theme day is over
    expect(await s.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    expect(w.botTexts(702)).toEqual([]);
    expect((await w.store.reminders.deliveries(w.branchId)).every((d) => d.status === "failed" && d.attempts === 1 && d.retryAt !== null)).toBe(true);

    await w.close();
    [w, down] = [await createWorld(), true];
    const api2 = flakyApi(w.api, () => (down ? SERVER_ERROR : undefined));
    w.clock.now = after(D3, 1);
    expect(await w.scheduler({ api: api2 }).runOnce()).toMatchObject({ failed: 4 });
    [w.clock.now, down] = [after(D0, 1), false];
    expect(await w.scheduler({ api: api2 }).runOnce()).toMatchObject({ sent: 4, retried: 0 }); // the d-3 one is superseded
    expect(w.botTexts(702)).toEqual([ZH_TODAY]);
  });

  it("sends it once when two schedulers retry it at the same time", async () => {
    w = await createWorld();
    let down = true;
    const api = flakyApi(w.api, () => (down ? SERVER_ERROR : undefined));
    w.clock.now = after(D3, 1);
    expect(await w.scheduler({ api }).runOnce()).toMatchObject({ failed: 4 });
    down = false;
    // Both processes read the failed rows before either claims one.
    let [reads, release] = [0, () => {}];
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const racing = (store: Store): Store => ({
      ...store,
      reminders: {
        ...store.reminders,
        async dueAgain(branchId, since, now, staleBefore) {
          const found = await store.reminders.dueAgain(branchId, since, now, staleBefore);
          if (++reads === 2) release();
          await bothRead;
          return found;
        },
      },
    });
    const a = w.scheduler({ store: racing(w.store), api });
    const b = w.scheduler({ store: racing(await w.openStore()), api });
    w.clock.now = after(D3, 2);
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    const total = (k: "sent" | "retried" | "alreadyClaimed" | "failed") => ra[k] + rb[k];
    expect([total("sent"), total("retried"), total("alreadyClaimed"), total("failed")]).toEqual([4, 4, 4, 0]);
    for (const tg of [701, 702, 703, 704]) expect([w.botTexts(tg).length, api.tries(tg)]).toEqual([1, 2]);
  });

  it("gives up after 5 attempts, waiting longer between them", async () => {
    w = await createWorld();
    const api = flakyApi(w.api, (chatId) => (chatId === 702 ? telegramError(502, "Bad Gateway") : undefined));
    const s = w.scheduler({ api });
    // Attempts at +1, +2 (next pass), +6 (4 min later), +21 (15), +62 (40 min later); none after.
    const passes: [number, number][] = [[1, 1], [2, 2], [3, 2], [6, 3], [7, 3], [21, 4], [22, 4], [62, 5], [63, 5], [600, 5]];
    for (const [minutes, tries] of passes) {
      w.clock.now = after(D3, minutes);
      await s.runOnce();
      expect([minutes, api.tries(702)]).toEqual([minutes, tries]);
    }
    expect(await rows()).toContain(`d-3@09:00 member:${id(702)} failed (Bad Gateway)`);
    expect((await w.store.reminders.deliveries(w.branchId)).find((d) => d.recipient === `member:${id(702)}`)).toMatchObject({ attempts: 5, retryAt: null });
    expect(w.botTexts(704)).toEqual([ZH_3_DAYS]);
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

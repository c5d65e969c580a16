// The reminders repository against a real SQLite file (Shanghai time).
import { ZodError } from "zod";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import type { NewActivity } from "../../src/db/repos/activities.js";
import { createStore, type Store } from "../../src/db/store.js";
import { defaultThemeDayRule } from "../../src/domain/reminders/index.js";
import { newActivity } from "../support/records.js";

const TZ = "Asia/Shanghai";
let testDb: TestDatabase;
let db: DatabaseHandle;
let store: Store;
let branchId: number;
const ids: Record<string, number> = {};

async function person(name: string, telegramId: number): Promise<number> {
  const m = await store.members.ensure(telegramId, undefined);
  await store.members.setName(m.id, name);
  return m.id;
}

function add(a: Pick<NewActivity, "kinds" | "occurredAt">) {
  return store.activities.create(newActivity(branchId, ids.sec!, { ...a }));
}

beforeAll(async () => {
  testDb = await createTestDatabase("reminders");
  const url = testDb.url;
  await deployMigrations(url);
  db = await openDatabase(url);
  store = createStore(db);
});

// Each test gets its own branch (the same four people), so any one of them runs alone or in any order.
beforeEach(async () => {
  ids.sec = await person("李书记", 801);
  branchId = (await store.branches.create("第一党支部", TZ, ids.sec)).id;
  for (const [key, name, tg] of [["zhang", "张三", 802], ["li", "李四", 803], ["wang", "王五", 804]] as const) {
    ids[key] = await person(name, tg);
    await store.memberships.join(branchId, ids[key], false);
  }
  await store.members.setLocale(ids.li!, "en");
});

afterAll(async () => {
  await db.close();
  await testDb.drop();
});

describe("reminder settings", () => {
  it("offers the default rule, switched off, before the secretary sets anything", async () => {
    const s = await store.reminders.get(branchId);
    expect(s).toMatchObject({ branchId, enabled: false, monthEndNudge: false, checkedAt: null, stored: false });
    expect(s.rule).toEqual(defaultThemeDayRule);
    expect((await store.reminders.scheduled()).filter((b) => b.branchId === branchId)).toEqual([]);
  });

  it("stores a validated rule and refuses an invalid one", async () => {
    const now = new Date("2024-03-01T02:00:00Z");
    const saved = await store.reminders.setRule(branchId, { pattern: { type: "day_of_month", day: 15 }, theme: "  学习党章  " }, now);
    expect(saved.pattern).toEqual({ type: "day_of_month", day: 15 });
    expect(saved.theme).toBe("学习党章");
    await expect(store.reminders.setRule(branchId, { pattern: { type: "day_of_month", day: 32 } }, now)).rejects.toBeInstanceOf(ZodError);
    const s = await store.reminders.get(branchId);
    expect(s).toMatchObject({ stored: true, enabled: false, checkedAt: now });
    expect(s.rule.pattern).toEqual({ type: "day_of_month", day: 15 });
    const row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { branchId } });
    expect(JSON.parse(row.rule)).toMatchObject({ pattern: { type: "day_of_month", day: 15 }, theme: "学习党章" });
  });

  it("lists a branch for the scheduler once its reminders are on, starting from the moment they were turned on", async () => {
    const on = new Date("2024-03-02T02:00:00Z");
    await store.reminders.setEnabled(branchId, true, on);
    await store.reminders.setMonthEndNudge(branchId, true);
    expect((await store.reminders.scheduled()).filter((b) => b.branchId === branchId)).toEqual([
      expect.objectContaining({ branchId, branchName: "第一党支部", timeZone: TZ, monthEndNudge: true, checkedAt: on }),
    ]);
    await store.reminders.setCheckedAt(branchId, new Date("2024-03-02T03:00:00Z"));
    expect((await store.reminders.get(branchId)).checkedAt).toEqual(new Date("2024-03-02T03:00:00Z"));
  });

  it("keeps the last pass when the rule changes a moment after it, so a reminder due since then still goes out", async () => {
    await store.reminders.setRule(branchId, { pattern: { type: "day_of_month", day: 15 }, theme: "学习党章" }, new Date("2024-03-01T02:00:00Z"));
    const pass = new Date("2024-03-12T01:00:00Z");
    await store.reminders.setCheckedAt(branchId, pass);
    await store.reminders.setRule(branchId, { pattern: { type: "day_of_month", day: 15 }, theme: "学习党章" }, new Date("2024-03-12T01:01:00Z"));
    expect((await store.reminders.get(branchId)).checkedAt).toEqual(pass);
    // Long after the last pass (the scheduler was not running): start from the change.
    const later = new Date("2024-03-12T05:00:00Z");
    await store.reminders.setRule(branchId, { pattern: { type: "day_of_month", day: 15 }, theme: "学习党章" }, later);
    expect((await store.reminders.get(branchId)).checkedAt).toEqual(later);
  });

  it("falls back to the default rule when the stored JSON no longer parses", async () => {
    const other = (await store.branches.create("第二党支部", TZ, ids.sec!)).id;
    await db.prisma.reminderRule.create({ data: { branchId: other, rule: "{\"pattern\":{\"type\":\"weekly\"}}", enabled: true } });
    expect((await store.reminders.get(other)).rule).toEqual(defaultThemeDayRule);
    await db.prisma.reminderRule.delete({ where: { branchId: other } });
  });
});

describe("deliveries", () => {
  const slot = { branchId: 0, occurrenceKey: "2024-03", offsetKey: "d-3@09:00" };
  const now = new Date("2024-03-12T01:00:00Z");

  it("claims a key once; a second claim of the same key is refused", async () => {
    const key = `${branchId}:2024-03:d-3@09:00:member:${ids.zhang}`;
    const claim = { ...slot, branchId, key, recipient: `member:${ids.zhang}`, status: "claimed" as const, now };
    expect(await store.reminders.claim(claim)).toBe(true);
    expect(await store.reminders.claim(claim)).toBe(false);
    await store.reminders.markSent(key, new Date("2024-03-12T01:00:05Z"));
    const [row] = (await store.reminders.deliveries(branchId)).filter((d) => d.key === key);
    expect(row).toMatchObject({ status: "sent", recipient: `member:${ids.zhang}`, createdAt: now, sentAt: new Date("2024-03-12T01:00:05Z"), error: null });
  });

  it("records skipped, failed and blocked deliveries with their reason", async () => {
    const skipKey = `${branchId}:2024-03:d-0@08:30:*`;
    await store.reminders.claim({ ...slot, branchId, offsetKey: "d-0@08:30", key: skipKey, recipient: "*", status: "skipped", error: "expired", now });
    const failKey = `${branchId}:2024-03:d-3@09:00:member:${ids.li}`;
    await store.reminders.claim({ ...slot, branchId, key: failKey, recipient: `member:${ids.li}`, status: "claimed", now });
    await store.reminders.markFailed(failKey, "blocked", "Forbidden: bot was blocked by the user");
    const rows = await store.reminders.deliveries(branchId);
    expect(rows.find((r) => r.key === skipKey)).toMatchObject({ status: "skipped", error: "expired", sentAt: null });
    expect(rows.find((r) => r.key === failKey)).toMatchObject({ status: "blocked", error: "Forbidden: bot was blocked by the user" });
  });

  it("lists deliveries due again (failed with retryAt come, claims left stale) and lets exactly one caller claim one, as it was read", async () => {
    const key = `${branchId}:2024-03:d-3@09:00:member:${ids.wang}`;
    await store.reminders.claim({ ...slot, branchId, key, recipient: `member:${ids.wang}`, status: "claimed", now, owner: "p1" });
    const later = new Date(now.getTime() + 60_000);
    // A fresh claim is not due; one older than the stale bound is (its process died).
    expect(await store.reminders.dueAgain(branchId, now, later, now)).toEqual([]);
    expect((await store.reminders.dueAgain(branchId, now, later, later)).map((r) => [r.key, r.status, r.attempts])).toEqual([[key, "claimed", 1]]);

    const retryAt = new Date(now.getTime() + 5 * 60_000);
    await store.reminders.markFailed(key, "failed", "Internal Server Error", retryAt);
    expect(await store.reminders.dueAgain(branchId, now, later, now)).toEqual([]);
    expect((await store.reminders.dueAgain(branchId, now, retryAt, now)).map((r) => [r.key, r.error, r.attempts, r.retryAt])).toEqual([
      [key, "Internal Server Error", 1, retryAt],
    ]);
    expect(await store.reminders.dueAgain(branchId, new Date(now.getTime() + 1), retryAt, now)).toEqual([]);

    expect(await store.reminders.reclaim(key, { status: "failed", attempts: 2 }, retryAt)).toBe(false);
    const [first, second] = await Promise.all([
      store.reminders.reclaim(key, { status: "failed", attempts: 1 }, retryAt),
      store.reminders.reclaim(key, { status: "failed", attempts: 1 }, retryAt),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await store.reminders.dueAgain(branchId, now, retryAt, now)).toEqual([]);
    expect((await store.reminders.deliveries(branchId)).find((d) => d.key === key)).toMatchObject({ status: "claimed", attempts: 2, retryAt: null });
    await store.reminders.markSkipped(key, "already logged");
    const [row] = (await store.reminders.deliveries(branchId)).filter((d) => d.key === key);
    expect(row).toMatchObject({ status: "skipped", error: "already logged", sentAt: null });
  });
});

describe("recipients", () => {
  it("names the bound group, the active members with their language, and the secretary", async () => {
    await store.branches.bindGroup(branchId, -1001);
    const r = await store.reminders.recipients(branchId);
    expect(r.groupChatId).toBe(-1001);
    expect(r.members.map((m) => [m.telegramId, m.locale, m.role])).toEqual([
      [801, null, "secretary"], [802, null, "member"], [803, "en", "member"], [804, null, "member"],
    ]);
    expect(r.secretary?.memberId).toBe(ids.sec);
  });

  it("leaves out removed members and those who blocked the bot, until they come back", async () => {
    await store.memberships.remove(branchId, ids.wang!);
    await store.reminders.markBlocked(ids.zhang!, new Date("2024-03-12T01:00:00Z"));
    expect((await store.reminders.recipients(branchId)).members.map((m) => m.telegramId)).toEqual([801, 803]);
    const zhang = await db.prisma.member.findUniqueOrThrow({ where: { id: ids.zhang! } });
    expect(zhang.blockedAt).toEqual(new Date("2024-03-12T01:00:00Z"));
    await store.reminders.markUnblocked(802);
    expect((await store.reminders.recipients(branchId)).members.map((m) => m.telegramId)).toEqual([801, 802, 803]);
    await store.reminders.markBlockedByTelegramId(801, new Date("2024-03-12T02:00:00Z"));
    expect((await store.reminders.recipients(branchId)).secretary).toBeNull();
    await store.reminders.markUnblocked(801);
  });
});

describe("what has been logged", () => {
  it("finds a live 主题党日 within three branch-local days of the planned date", async () => {
    // 15 March 2024, 23:30 in Shanghai = 15:30Z
    const { record } = await add({ kinds: ["theme_day", "party_lecture"], occurredAt: "2024-03-15T15:30:00.000Z" });
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 15 }, TZ)).toBe(true);
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 18 }, TZ)).toBe(true);
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 19 }, TZ)).toBe(false);
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 12 }, TZ)).toBe(true);
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 11 }, TZ)).toBe(false);
    await store.activities.softDelete(record.id, ids.sec!, new Date("2024-03-16T00:00:00Z"));
    expect(await store.reminders.themeDayLoggedOn(branchId, { year: 2024, month: 3, day: 15 }, TZ)).toBe(false);
  });

  it("finds a 支委会 in the branch-local month", async () => {
    expect(await store.reminders.committeeLoggedIn(branchId, 2024, 3, TZ)).toBe(false);
    // 1 April 2024 at 07:00 in Shanghai is still 31 March in UTC: it belongs to April.
    await add({ kinds: ["branch_committee"], occurredAt: "2024-03-31T23:00:00.000Z" });
    expect(await store.reminders.committeeLoggedIn(branchId, 2024, 3, TZ)).toBe(false);
    expect(await store.reminders.committeeLoggedIn(branchId, 2024, 4, TZ)).toBe(true);
  });
});

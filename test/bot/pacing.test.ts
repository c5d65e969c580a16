// Replies are not queued behind a reminder burst, and the burst still reaches everyone: the shipped
// API stack (pacing + auto-retry, reminders on their own budget) against the sandbox's flood limits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { pino } from "pino";
import { createBot } from "../../src/bot/createBot.js";
import { TokenBucket } from "../../src/bot/pacing.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createStore } from "../../src/db/store.js";
import { createReminderScheduler } from "../../src/jobs/scheduler.js";
import { createSandbox, type Sandbox } from "../../src/server/sandbox/index.js";

const MEMBERS = 1000;
const FIRST_ID = 300_000;

describe("TokenBucket", () => {
  it("lets a burst of `capacity` through, then one per interval, in order", async () => {
    let now = 0;
    const bucket = new TokenBucket(2, 100, () => now);
    const order: number[] = [];
    await bucket.take().then(() => order.push(1));
    await bucket.take().then(() => order.push(2));
    expect(bucket.idle()).toBe(false);
    now = 100;
    await bucket.take().then(() => order.push(3));
    expect(order).toEqual([1, 2, 3]);
    now = 1000;
    expect(bucket.idle()).toBe(true);
  });
});

describe("a reminder burst to 1,000 members", () => {
  let dir: string;
  let db: DatabaseHandle;
  let sandbox: Sandbox;
  let runner: RunnerHandle;

  afterAll(async () => {
    if (runner?.isRunning()) await runner.stop();
    await sandbox?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds no member's reply back by more than a second, and reaches every member once", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "ledger-pacing-"));
    const url = `file:${path.join(dir, "ledger.db")}`;
    await deployMigrations(url);
    db = await openDatabase(url);
    const store = createStore(db);
    // Telegram-like flood control: 429 with retry_after beyond 30 messages a second to one chat.
    sandbox = await createSandbox({ recordRequests: false });
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
    const logger = pino({ level: "silent" });
    // The shipped stack: pacing on (the default), reminders through broadcastApi.
    const { bot, broadcastApi, i18n } = createBot("7:pacing", { config, store, logger, now: () => new Date() }, { client: { apiRoot: sandbox.apiRoot } });
    await bot.init();

    const secretary = await store.members.ensure(FIRST_ID, undefined);
    const branch = await store.branches.create("节奏测试党支部", "Asia/Shanghai", secretary.id);
    sandbox.user({ id: FIRST_ID, first_name: "书记", started: true });
    await db.prisma.member.createMany({ data: Array.from({ length: MEMBERS - 1 }, (_, i) => ({ telegramId: FIRST_ID + 1 + i })) });
    const rows = await db.prisma.member.findMany({ where: { telegramId: { gt: FIRST_ID } }, select: { id: true } });
    for (const r of rows) await store.memberships.join(branch.id, r.id, false);
    for (let i = 1; i < MEMBERS; i++) sandbox.user({ id: FIRST_ID + i, first_name: `党员${i}`, started: true });
    const enabledAt = new Date("2024-03-01T00:00:00Z");
    await store.reminders.setRule(branch.id, { pattern: { type: "day_of_month", day: 15 }, target: "members", theme: "学习贯彻党的二十大精神" }, enabledAt);
    await store.reminders.setEnabled(branch.id, true, enabledAt);

    runner = run(bot, { runner: { fetch: { timeout: 1 } } });
    // 12 March 2024 09:00 in Shanghai: the "3 days before" reminder is due for everyone.
    const scheduler = createReminderScheduler({
      store, api: broadcastApi, logger, now: () => new Date("2024-03-12T01:00:30Z"),
      translate: (l, k, v) => i18n.t(l ?? "zh", k, v),
    });
    // How long a /help takes here without a burst (the machine may be busy with other tests).
    const asker = sandbox.user({ id: FIRST_ID + 1, first_name: "党员1", started: true });
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await asker.command("help");
      await asker.next({ timeout: 10_000 });
      quiet.push(performance.now() - t0);
    }

    const burst = scheduler.runOnce();
    // While it runs, members ask for /help one after another and time the answer.
    const waits: number[] = [];
    let done = false;
    void burst.finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 500));
    while (!done && waits.length < 15) {
      const t0 = performance.now();
      await asker.command("help");
      // The asker is a member too: skip the reminder when it arrives in between.
      while (!(await asker.next({ timeout: 10_000 })).text.includes("/log"));
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const result = await burst;

    expect(waits.length).toBeGreaterThanOrEqual(5);
    // Held back = longer than the slowest answer without the burst; by less than a second.
    expect(Math.max(...waits) - Math.max(...quiet)).toBeLessThan(1000);
    expect(result.sent).toBe(MEMBERS);
    expect(result.failed).toBe(0);
    let exactlyOne = 0;
    for (let i = 0; i < MEMBERS; i++) {
      const reminders = sandbox.transcript(FIRST_ID + i).filter((e) => e.from === "bot" && e.text.startsWith("【主题党日提醒】"));
      if (reminders.length === 1) exactlyOne++;
    }
    expect(exactlyOne).toBe(MEMBERS);
  }, 120_000);
});

// Reminder fan-out: one theme-day reminder to 1,000 members through the sandbox, with the bot's
// real API stack (throttler within Telegram's ~30 messages/s, auto-retry), and without the throttler.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createBot } from "../src/bot/createBot.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { createReminderScheduler } from "../src/jobs/scheduler.js";
import { createSandbox } from "../src/server/sandbox/index.js";

const MEMBERS = 1000;

async function fanOutOnce(throttle: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-rem-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const sandbox = await createSandbox({ recordRequests: false });
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const logger = pino({ level: "silent" });
  const { bot, i18n } = createBot("3:bench", { config, store, logger, now: () => new Date() }, { client: { apiRoot: sandbox.apiRoot }, throttle });

  const secretary = await store.members.ensure(100_000, undefined);
  const branch = await store.branches.create("基准党支部", "Asia/Shanghai", secretary.id);
  sandbox.user({ id: 100_000, first_name: "书记", started: true });
  for (let i = 1; i <= MEMBERS - 1; i++) {
    const m = await store.members.ensure(100_000 + i, undefined);
    await store.memberships.join(branch.id, m.id, false);
    sandbox.user({ id: 100_000 + i, first_name: `党员${i}`, started: true });
  }
  const enabledAt = new Date("2024-03-01T00:00:00Z");
  await store.reminders.setRule(branch.id, { pattern: { type: "day_of_month", day: 15 }, target: "members", theme: "学习贯彻党的二十大精神" }, enabledAt);
  await store.reminders.setEnabled(branch.id, true, enabledAt);

  // 12 March 2024 09:00 in Shanghai: the "3 days before" reminder is due.
  const clock = { now: new Date("2024-03-12T01:00:30Z") };
  const scheduler = createReminderScheduler({ store, api: bot.api, translate: (l, k, v) => i18n.t(l ?? "zh", k, v), logger, now: () => clock.now });
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = await scheduler.runOnce();
  const seconds = (performance.now() - t0) / 1000;
  const again = await scheduler.runOnce();

  let exactlyOne = 0;
  for (let i = 0; i < MEMBERS; i++) {
    const said = sandbox.transcript(100_000 + i).filter((e) => e.from === "bot");
    if (said.length === 1) exactlyOne++;
  }
  const stats = sandbox.stats();
  await scheduler.stop();
  await sandbox.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return { result, again, seconds, exactlyOne, floodRejections: stats.floodRejections, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1e6 };
}

export async function runRemindersBench(): Promise<void> {
  console.log(`\nReminder fan-out to ${MEMBERS} members through the sandbox`);
  console.log("| API stack | sent | seconds | messages/s | members with exactly one | second pass sent | 429s from sandbox |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const throttle of [false, true]) {
    const r = await fanOutOnce(throttle);
    console.log(`| ${throttle ? "throttler + auto-retry (production)" : "auto-retry only"} | ${r.result.sent} | ${r.seconds.toFixed(1)} | ${(r.result.sent / r.seconds).toFixed(0)} | ${r.exactlyOne}/${MEMBERS} | ${r.again.sent} | ${r.floodRejections} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runRemindersBench().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}

// Bot throughput and latency through the sandbox, against a bare grammY bot measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";
import { pino } from "pino";
import { createBot } from "../src/bot/createBot.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { createSandbox, type ScriptedUser } from "../src/server/sandbox/index.js";

const USERS = 50;
const ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Each user sends `ROUNDS` messages, waiting for each reply (closed loop); returns latencies in ms. */
async function drive(users: ScriptedUser[], message: (u: ScriptedUser, i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(users.map(async (u) => {
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await message(u, i);
      await u.next({ timeout: 30_000 });
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function runBotBench(): Promise<void> {
  const sandbox = await createSandbox({ flood: false, recordRequests: false });
  const rows: [string, { rate: number; p50: number; p99: number }][] = [];

  // Floor: a bare grammY bot that answers every message.
  const bare = new Bot("1:bare", { client: { apiRoot: sandbox.apiRoot } });
  bare.on("message", (ctx) => ctx.reply("ok"));
  await bare.init();
  const bareRunner = run(bare);
  const bareUsers = Array.from({ length: USERS }, (_, i) => sandbox.user({ id: 90_000 + i, first_name: `b${i}`, started: true }));
  rows.push(["bare grammY, text", await drive(bareUsers, (u) => u.say("hi"))]);
  await bareRunner.stop();

  // branch-ledger with a real SQLite file.
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const { bot } = createBot("2:ledger", { config, store, logger: pino({ level: "silent" }), now: () => new Date() }, {
    client: { apiRoot: sandbox.apiRoot }, throttle: false,
  });
  await bot.init();
  const secretary = await store.members.ensure(80_000, undefined);
  const branch = await store.branches.create("基准测试党支部", "Asia/Shanghai", secretary.id);
  const users: ScriptedUser[] = [];
  for (let i = 0; i < USERS; i++) {
    const m = await store.members.ensure(80_001 + i, undefined);
    await store.members.setName(m.id, `党员${i}`);
    await store.memberships.join(branch.id, m.id, false);
    users.push(sandbox.user({ id: 80_001 + i, first_name: `党员${i}`, started: true }));
  }
  const runner = run(bot);
  const heapBefore = process.memoryUsage().heapUsed;
  rows.push(["branch-ledger, /help", await drive(users, (u) => u.command("help"))]);
  rows.push(["branch-ledger, /log one line (parse + save + tally)", await drive(users, (u, i) => u.command("log", `今天 理论学习 第${i}次集中学习 ${i + 3}人`))]);
  const heapAfter = process.memoryUsage().heapUsed;
  await runner.stop();

  const floor = rows[0]![1].rate;
  console.log(`\nBot through the sandbox (${USERS} users × ${ROUNDS} messages each, closed loop, in one process)`);
  console.log("| scenario | updates/s | p50 ms | p99 ms | rate vs bare |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rate / floor).toFixed(2)} |`);
  }
  console.log(`heap growth over ${USERS * ROUNDS * 2} ledger updates: ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  await sandbox.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runBotBench().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}

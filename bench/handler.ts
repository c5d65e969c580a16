// The CPU one update costs inside the bot (not part of `npm run bench`): the real bot, its real
// database, one-line /log and /help handed to bot.handleUpdate in-process, the Bot API answered at
// once in memory (no HTTP, no inbox). Steadier than the end-to-end figures on a noisy machine, for
// comparing two versions of the handling code.
//   npx tsx bench/handler.ts [reports]        CPU_PROF=1 adds a CPU profile (./CPU.*.cpuprofile),
//   ALLOC_PROF=1 an allocation profile (./ALLOC.*.heapprofile)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot/createBot.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { reportLine, seedBranch } from "./seed.js";

const dir = mkdtempSync(path.join(tmpdir(), "ledger-handler-"));
const reports = Number(process.argv[2] ?? 2000);

async function main() {
  const url = `file:${path.join(dir, "ledger.db")}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const branch = await seedBranch(store, db.prisma, "第一党支部", 500_000, 51);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const { bot } = createBot(
    "1000000002:handler",
    { config, store, logger: pino({ level: "silent" }), now: () => new Date() },
    {
      throttle: false,
      botInfo: {
        id: 1000000002,
        is_bot: true,
        first_name: "台账",
        username: "ledger_bot",
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      } as never,
    },
  );
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    const chat = (payload as { chat_id?: number }).chat_id ?? 0;
    const result = method === "sendMessage" ? { message_id: messageId++, date: 0, chat: { id: chat, type: "private" }, text: "" } : true;
    return { ok: true, result } as never;
  });
  let updateId = 1;
  const members = branch.telegramIds.slice(1, 51);
  const command = (from: number, text: string): Update =>
    ({
      update_id: updateId++,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from, type: "private", first_name: "党员" },
        from: { id: from, is_bot: false, first_name: "党员" },
        text,
        entities: [{ type: "bot_command", offset: 0, length: text.indexOf(" ") > 0 ? text.indexOf(" ") : text.length }],
      },
    }) as unknown as Update;
  const year = new Date().getFullYear();
  let next = 0;
  /** 50 members at once, each one update after another, as the bench's members send. */
  async function round(n: number, text: () => string): Promise<number> {
    const cpu0 = process.cpuUsage();
    await Promise.all(
      members.map(async (id) => {
        for (let i = 0; i < n / members.length; i++) await bot.handleUpdate(command(id, text()));
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    return (cpu.user + cpu.system) / 1000 / n;
  }
  await round(500, () => "/help");
  // Warm-up reports (their lines name no year: they land in this one, on other days than the measured ones).
  await round(500, () => `/log ${reportLine(next++, year, 330)}`);
  const savedBefore = await db.prisma.activity.count();
  const session = process.env.CPU_PROF ? new Session() : undefined;
  const alloc = process.env.ALLOC_PROF ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  if (alloc) {
    alloc.connect();
    await alloc.post("HeapProfiler.enable");
    await alloc.post("HeapProfiler.startSampling", { samplingInterval: 4096 });
  }
  const help = await round(reports, () => "/help");
  const logCpu = await round(reports, () => `/log ${reportLine(next++, year, 330)}`);
  if (session) {
    const { profile } = await session.post("Profiler.stop");
    const fs = await import("node:fs");
    fs.writeFileSync(`CPU.handler.${Date.now()}.cpuprofile`, JSON.stringify(profile));
  }
  if (alloc) {
    const { profile } = await alloc.post("HeapProfiler.stopSampling");
    const fs = await import("node:fs");
    fs.writeFileSync(`ALLOC.handler.${Date.now()}.heapprofile`, JSON.stringify(profile));
  }
  // Saved at once; the rest were asked "是同一次活动吗？".
  const saved = (await db.prisma.activity.count()) - savedBefore;
  console.log(`HANDLER cpu_help=${help.toFixed(3)}ms cpu_log=${logCpu.toFixed(3)}ms saved=${saved}/${reports}`);
  await db.close();
}

main()
  .then(() => rmSync(dir, { recursive: true, force: true }))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });

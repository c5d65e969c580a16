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
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { inProcessBot } from "./inProcessBot.js";
import { reportLine, seedBranch } from "./seed.js";

const dir = mkdtempSync(path.join(tmpdir(), "ledger-handler-"));
const reports = Number(process.argv[2] ?? 2000);

async function main() {
  const url = `file:${path.join(dir, "ledger.db")}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const branch = await seedBranch(store, db.prisma, "第一党支部", 500_000, 51);
  const { bot, command } = inProcessBot(url, store);
  const members = branch.telegramIds.slice(1, 51);
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

// /stats and /summary right after a change, in-process (not part of `npm run bench`): the real bot and
// database, a 5,000-record year, the Bot API answered in memory. Times the text reply of each request
// following a member's new report, and the same request again. CPU_PROF=1 writes a profile of the
// requests (CPU_PROF=stats or summary: ./CPU.<what>.*.cpuprofile).
//   npx tsx bench/stats.ts [rounds]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { inProcessBot } from "./inProcessBot.js";
import { reportLine, seedBranch, seedYear } from "./seed.js";

const dir = mkdtempSync(path.join(tmpdir(), "ledger-stats-"));
const rounds = Number(process.argv[2] ?? 10);
const STATS_YEAR = 2023;

async function main() {
  const file = path.join(dir, "ledger.db");
  const url = `file:${file}`;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const branch = await seedBranch(store, db.prisma, "第一党支部", 500_000, 201);
  seedYear(file, branch, STATS_YEAR, 5000);
  let firstText: ((method: string) => void) | undefined;
  const { bot, command } = inProcessBot(url, store, (method) => firstText?.(method));
  /** Wall time until the request's text goes out (`method`; the rest, chart or .docx, is awaited after). */
  const timed = async (text: string, method = "sendMessage") => {
    const t = performance.now();
    let ms = NaN;
    firstText = (m) => {
      if (m === method && Number.isNaN(ms)) ms = performance.now() - t;
      if (m === "sendDocument") figures.summary_docx!.push(performance.now() - t);
    };
    await bot.handleUpdate(command(branch.telegramIds[0]!, text));
    return ms;
  };
  const year = new Date().getFullYear();
  let next = 0;
  const change = () => bot.handleUpdate(command(branch.telegramIds[1]!, `/log ${reportLine(next++, year, 330)}`));
  const figures: Record<string, number[]> = { stats: [], stats_again: [], summary: [], summary_again: [], summary_docx: [] };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (let i = 0; i < 3; i++) {
    await change();
    await timed(`/stats ${STATS_YEAR}`);
  }
  // CPU_PROF=stats|summary: a profile of those requests (and the reports before them).
  const session = process.env.CPU_PROF ? new Session() : undefined;
  const profiled = async (what: string, body: () => Promise<void>) => {
    const on = session && process.env.CPU_PROF === what;
    if (on) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    await body();
    if (on) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(`CPU.${what}.${Date.now()}.cpuprofile`, JSON.stringify(profile));
    }
  };
  await profiled("stats", async () => {
    for (let i = 0; i < rounds; i++) {
      await change();
      figures.stats!.push(await timed(`/stats ${STATS_YEAR}`));
      figures.stats_again!.push(await timed(`/stats ${STATS_YEAR}`));
    }
  });
  await profiled("summary", async () => {
    for (let i = 0; i < Math.ceil(rounds / 3); i++) {
      await change();
      // The text replaces a "composing" placeholder.
      figures.summary!.push(await timed(`/summary ${STATS_YEAR}`, "editMessageText"));
      figures.summary_again!.push(await timed(`/summary ${STATS_YEAR}`, "editMessageText"));
    }
  });
  console.log(
    `STATS ${Object.entries(figures)
      .map(([k, v]) => `${k}=${median(v).toFixed(1)}ms`)
      .join(" ")} (medians of ${rounds}; all stats: ${figures.stats!.map((x) => x.toFixed(0)).join(" ")})`,
  );
  await db.close();
}

main()
  .then(() => rmSync(dir, { recursive: true, force: true }))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });

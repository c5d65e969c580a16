// A short driver for the per-update overhead (not part of `npm run bench`): the bare grammY bot and
// ours, interleaved `rounds` times, /help and one-line /log from 50 members, with CPU per update.
//   npx tsx bench/quick.ts [rounds]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { createSandbox, type ScriptedUser } from "../src/server/sandbox/index.js";
import { npmStart, startProcess, type Proc } from "./process.js";
import { reportLine, seedBranch } from "./seed.js";
import { freePort } from "../test/e2e/spawn.js";

const dir = mkdtempSync(path.join(tmpdir(), "ledger-quick-"));
const rounds = Number(process.argv[2] ?? 3);

async function drive(users: ScriptedUser[], n: number, send: (u: ScriptedUser) => Promise<unknown>, proc: Proc) {
  const lat: number[] = [];
  const cpu0 = proc.cpuMs();
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u) => {
      for (let r = 0; r < n; r++) {
        const t = performance.now();
        await send(u);
        await u.next({ timeout: 30_000 });
        lat.push(performance.now() - t);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rate: lat.length / s, p99: lat[Math.floor(0.99 * lat.length)] ?? NaN, cpu: (proc.cpuMs() - cpu0) / lat.length };
}

async function main() {
  const ours = await createSandbox({ token: "1000000002:q-ours", recordRequests: false, defaultTimeout: 60_000 });
  const echo = await createSandbox({ token: "1000000003:q-echo", recordRequests: false, defaultTimeout: 60_000 });
  const procs: Proc[] = [];
  try {
    const dbFile = path.join(dir, "ledger.db");
    const url = `file:${dbFile}`;
    await deployMigrations(url);
    const handle = await openDatabase(url);
    const branch = await seedBranch(createStore(handle), handle.prisma, "第一党支部", 500_000, 51);
    await handle.close();
    const echoBot = startProcess(
      process.execPath,
      ["bench/echo-bot.mjs"],
      { BOT_TOKEN: "1000000003:q-echo", TELEGRAM_API_ROOT: echo.apiRoot, FLOOR_DB: path.join(dir, "floor.db") },
      "echo-bot.mjs",
    );
    procs.push(echoBot);
    const env = { BOT_TOKEN: "1000000002:q-ours", TELEGRAM_API_ROOT: ours.apiRoot, DATABASE_URL: url, PORT: String(await freePort()) };
    // CPU_PROF=dir: the same entry point under `node --cpu-prof` (the profile is written at the stop).
    const bot = process.env.CPU_PROF
      ? startProcess(
          process.execPath,
          ["--cpu-prof", `--cpu-prof-dir=${process.env.CPU_PROF}`, "scripts/start.mjs"],
          { NODE_ENV: "production", LOG_LEVEL: "info", ...env },
          "scripts/start.mjs",
        )
      : npmStart(env);
    procs.push(bot);
    await Promise.all([echoBot.waitFor(/polling/), bot.waitFor(/polling mode/)]);
    const m50 = branch.telegramIds.slice(1).map((id, i) => ours.user({ id, first_name: `党员${i}`, started: true }));
    const e50 = Array.from({ length: 50 }, (_, i) => echo.user({ id: 900_000 + i, first_name: `e${i}`, started: true }));
    await drive(e50, 3, (u) => u.command("help"), echoBot);
    await drive(m50, 3, (u) => u.command("help"), bot);
    let next = 0;
    const year = new Date().getFullYear();
    for (let r = 0; r < rounds; r++) {
      // LOG_ONLY: /log rounds alone (a profile of the report path).
      const helpRounds = process.env.LOG_ONLY ? 1 : 20;
      const e = await drive(e50, helpRounds, (u) => u.command("help"), echoBot);
      const h = await drive(m50, helpRounds, (u) => u.command("help"), bot);
      if (process.env.HELP_ONLY) {
        console.log(`QUICK help_ratio=${(h.rate / e.rate).toFixed(3)} cpu_help=${h.cpu.toFixed(2)}ms cpu_echo=${e.cpu.toFixed(2)}ms`);
        continue;
      }
      const f = await drive(e50, 16, (u) => u.command("log", reportLine(next, year, 330)), echoBot);
      const l = await drive(m50, 16, (u) => u.command("log", reportLine(next++, year, 330)), bot);
      console.log(
        `QUICK help_ratio=${(h.rate / e.rate).toFixed(3)} echo=${e.rate.toFixed(0)}/s help=${h.rate.toFixed(0)}/s ` +
          `cpu_help=${h.cpu.toFixed(2)}ms cpu_echo=${e.cpu.toFixed(2)}ms help_p99=${h.p99.toFixed(1)} | ` +
          `log=${l.rate.toFixed(0)}/s floor=${f.rate.toFixed(0)}/s log_p99=${l.p99.toFixed(1)} floor_p99=${f.p99.toFixed(1)} ` +
          `p99_ratio=${(l.p99 / f.p99).toFixed(1)} cpu_log=${l.cpu.toFixed(2)}ms`,
      );
    }
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    await ours.close();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

// `npm run bench`: branch-ledger as shipped (`npm start`, production settings, its own process)
// driven over HTTP through the sandbox (a fake Bot API in this process), next to a bare grammY bot
// and a one-INSERT "floor" bot in the same run. Prints a table and one `BENCH {json}` line; every
// figure is explained in README.md ("Benchmark"). Never asserted: compare ratios from one run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { createStore } from "../src/db/store.js";
import { createSandbox, type Sandbox, type ScriptedUser } from "../src/server/sandbox/index.js";
import { startSqlCounter } from "../test/support/sqlCount.js";
import { npmStart, startProcess, type Proc } from "./process.js";
import { reportLine, seedBranch, seedYear, TZ } from "./seed.js";
import { freePort } from "../test/e2e/spawn.js";

const OURS_TOKEN = "1000000002:bench-ours";
const ECHO_TOKEN = "1000000003:bench-echo";
const STATS_YEAR = 2023;
const SUMMARY_RECORDS = 5000;
const REMINDER_MEMBERS = 1000;
const started = performance.now();
const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-"));

interface Run {
  updates: number;
  rate: number;
  p50: number;
  p99: number;
  /** Replies matching the expected outcome (e.g. "saved"). */
  ok: number;
  latencies: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);

/** Closed loop: every user sends `rounds` messages one after another, each after the previous reply. */
async function drive(
  users: ScriptedUser[],
  rounds: number,
  send: (u: ScriptedUser, i: number, r: number) => Promise<unknown>,
  ok: (text: string) => boolean,
): Promise<Run> {
  const latencies: number[] = [];
  let good = 0;
  let lost = 0;
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u, i) => {
      for (let r = 0; r < rounds; r++) {
        const t = performance.now();
        await send(u, i, r);
        const reply = await u.next({ timeout: 30_000 }).catch(() => undefined);
        latencies.push(performance.now() - t);
        if (reply && ok(reply.text)) good++;
        if (!reply) lost++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  if (lost) console.error(`  ${lost} messages got no reply within 30 s`);
  return {
    updates: latencies.length,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: good,
    latencies,
  };
}

/** Several turns of one run as one: updates over the summed time; percentiles of all latencies. */
function combine(turns: Run[]): Run {
  const latencies = turns.flatMap((t) => t.latencies).sort((a, b) => a - b);
  const seconds = turns.reduce((sum, t) => sum + t.updates / t.rate, 0);
  return {
    updates: latencies.length,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: turns.reduce((sum, t) => sum + t.ok, 0),
    latencies,
  };
}

function localToday(): { year: number; dayOfYear: number } {
  const [y = 1970, m = 1, d = 1] = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number);
  const dayOfYear = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000);
  return { year: y, dayOfYear };
}

async function coldStart(sandbox: Sandbox): Promise<{ ms: number; cpu: number; rss: number }> {
  const db = path.join(mkdtempSync(path.join(dir, "cold-")), "ledger.db");
  const proc = npmStart({
    BOT_TOKEN: OURS_TOKEN,
    TELEGRAM_API_ROOT: sandbox.apiRoot,
    DATABASE_URL: `file:${db}`,
    PORT: String(await freePort()),
  });
  try {
    const ms = await proc.waitFor(/polling mode/);
    return { ms, cpu: proc.cpuMs(), rss: proc.rssMb() };
  } finally {
    await proc.stop();
  }
}

/** The members' sandbox users, started (so the bot may write to them). */
const usersOf = (sandbox: Sandbox, telegramIds: number[]) =>
  telegramIds.map((id, i) => sandbox.user({ id, first_name: i === 0 ? "李书记" : `党员${i}`, started: true }));

async function main(): Promise<void> {
  console.log(`branch-ledger bench · node ${process.version} · ${new Date().toISOString()}`);
  const ours = await createSandbox({ token: OURS_TOKEN, recordRequests: false, defaultTimeout: 60_000 });
  const echo = await createSandbox({ token: ECHO_TOKEN, recordRequests: false, defaultTimeout: 60_000 });
  const procs: Proc[] = [];
  try {
    // Cold start: spawn → polling, empty database (the first run also builds dist/ when it is stale).
    log("cold starts");
    const first = await coldStart(ours);
    const coldRuns = [await coldStart(ours), await coldStart(ours), await coldStart(ours)];
    const colds = coldRuns.map((c) => c.ms).sort((a, b) => a - b);
    const coldCpu = coldRuns.map((c) => c.cpu).sort((a, b) => a - b);
    log(`cold start ${colds.map((c) => c.toFixed(0)).join(" / ")} ms (first, possibly building: ${first.ms.toFixed(0)} ms)`);

    // The ledger: 200 members; 5,000 records in STATS_YEAR for /stats and /summary.
    const dbFile = path.join(dir, "ledger.db");
    const url = `file:${dbFile}`;
    await deployMigrations(url);
    const handle = await openDatabase(url);
    const store = createStore(handle);
    const branch = await seedBranch(store, handle.prisma, "第一党支部", 500_000, 201);
    seedYear(dbFile, branch, STATS_YEAR, SUMMARY_RECORDS);
    log("seeded");

    const echoBot = startProcess(
      process.execPath,
      ["bench/echo-bot.mjs"],
      {
        BOT_TOKEN: ECHO_TOKEN,
        TELEGRAM_API_ROOT: echo.apiRoot,
        FLOOR_DB: path.join(dir, "floor.db"),
      },
      "echo-bot.mjs",
    );
    procs.push(echoBot);
    const bot = npmStart({ BOT_TOKEN: OURS_TOKEN, TELEGRAM_API_ROOT: ours.apiRoot, DATABASE_URL: url, PORT: String(await freePort()) });
    procs.push(bot);
    await Promise.all([echoBot.waitFor(/polling/), bot.waitFor(/polling mode/)]);
    await sleep(3000);
    const rssIdle = bot.rssMb();

    const [secretary, ...members] = usersOf(ours, branch.telegramIds);
    const echoUsers = Array.from({ length: 200 }, (_, i) => echo.user({ id: 900_000 + i, first_name: `e${i}`, started: true }));
    const m50 = members.slice(0, 50);
    const e50 = echoUsers.slice(0, 50);
    const isSaved = (t: string) => t.includes("已记录");
    const today = localToday();
    const year = today.dayOfYear >= 60 ? today.year : today.year - 1;
    const lastDay = year === today.year ? today.dayOfYear : 365;
    let next = 0;
    const report = () => reportLine(next++, year, lastDay);

    // Warm-up (JIT, connections, caches), not measured.
    await drive(
      e50,
      2,
      (u) => u.command("help"),
      () => true,
    );
    await drive(
      m50,
      2,
      (u) => u.command("help"),
      () => true,
    );

    // /log too (a running bot has parsed and saved reports before): into the year before, so the
    // measured year stays empty.
    let warm = 100_000;
    await drive(e50, 2, (u) => u.command("log", reportLine(warm++, year - 1, 365)), isSaved);
    await drive(m50, 2, (u) => u.command("log", reportLine(warm++, year - 1, 365)), isSaved);

    // Interleaved in 4 turns of 5 rounds each, so that a busy spell of the machine falls on both.
    log("/help");
    const echoTurns: Run[] = [];
    const helpTurns: Run[] = [];
    for (let turn = 0; turn < 4; turn++) {
      echoTurns.push(
        await drive(
          e50,
          5,
          (u) => u.command("help"),
          () => true,
        ),
      );
      helpTurns.push(
        await drive(
          m50,
          5,
          (u) => u.command("help"),
          (t) => t.includes("/log"),
        ),
      );
    }
    const echoHelp = combine(echoTurns);
    const help50 = combine(helpTurns);

    log("/log, 50 members");
    // Other members' chats than the /help turns': the sandbox holds each chat to 30 messages a second
    // (Telegram's own limit is lower), and the bare floor bot, without auto-retry, would lose the
    // replies refused with 429 (those chats had just had their /help turns).
    const floodBefore = echo.stats().floodRejections + ours.stats().floodRejections;
    const floor50 = await drive(echoUsers.slice(50, 100), 16, (u) => u.command("log", report()), isSaved);
    next = 0;
    const cpu0 = bot.cpuMs();
    const log50 = await drive(members.slice(50, 100), 16, (u) => u.command("log", report()), isSaved);
    const floodRefused = echo.stats().floodRejections + ours.stats().floodRejections - floodBefore;
    if (floodRefused > 0) log(`warning: the sandboxes refused ${floodRefused} replies of the /log runs with 429 (flood control)`);
    const cpuPerLog = (bot.cpuMs() - cpu0) / log50.updates;

    log("/log, 200 members");
    const log200 = await drive(members, 4, (u) => u.command("log", report()), isSaved);

    log(`/log into a year of ${SUMMARY_RECORDS} more records`);
    seedYear(dbFile, branch, year, SUMMARY_RECORDS, year + 1);
    const log50Full = await drive(m50, 16, (u) => u.command("log", report()), isSaved);

    log("/stats and /summary");
    // Each timed request follows a new report (a member's /log), as in a branch at work: nothing read
    // for an earlier request can be reused. The same request again at once is timed on its own.
    const changeLedger = async () => {
      const member = m50[0]!;
      await member.command("log", report());
      await member.next();
    };
    const statsOnce = async () => {
      const t = performance.now();
      await secretary!.command("stats", String(STATS_YEAR));
      await secretary!.next();
      const ms = performance.now() - t;
      // The chart follows the text; wait for it so the next /stats does not queue behind its drawing.
      while (!(await secretary!.next()).photo);
      return ms;
    };
    const statsTimes: number[] = [];
    const statsAgain: number[] = [];
    for (let i = 0; i < 5; i++) {
      await changeLedger();
      statsTimes.push(await statsOnce());
      statsAgain.push(await statsOnce());
    }
    const summaryOnce = async () => {
      const t = performance.now();
      let text = NaN;
      await secretary!.command("summary", String(STATS_YEAR));
      for (;;) {
        const m = await secretary!.next();
        if (m.kind === "edit" && Number.isNaN(text)) text = performance.now() - t;
        if (m.document) break;
      }
      const docx = performance.now() - t;
      await sleep(200);
      secretary!.drain();
      return { text, docx };
    };
    const summaryText: number[] = [];
    const summaryDocx: number[] = [];
    const summaryAgain: number[] = [];
    for (let i = 0; i < 3; i++) {
      await changeLedger();
      const first = await summaryOnce();
      summaryText.push(first.text);
      summaryDocx.push(first.docx);
      summaryAgain.push((await summaryOnce()).text);
    }
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const rssAfterLoad = bot.rssMb();
    await bot.stop();
    await echoBot.stop();
    await handle.close();

    log("SQL statements per update (in-process, statement hook)");
    const counter = await startSqlCounter();
    const sqlHelp: number[] = [];
    const sqlLog: number[] = [];
    for (let i = 0; i < 10; i++) {
      sqlHelp.push((await counter.count((u) => u.command("help"))).statements.length);
      sqlLog.push((await counter.count((u) => u.command("log", reportLine(5000 + i, year, lastDay)))).statements.length);
    }
    await counter.stop();

    log(`reminders to ${REMINDER_MEMBERS} members`);
    const reminders = await reminderBurst();

    const f = {
      echo_updates_per_s: round(echoHelp.rate, 0),
      echo_p99_ms: round(echoHelp.p99),
      floor_log_updates_per_s: round(floor50.rate, 0),
      floor_log_p99_ms: round(floor50.p99),
      help_updates_per_s: round(help50.rate, 0),
      help_p99_ms: round(help50.p99),
      log_updates_per_s: round(log50.rate, 0),
      log_p50_ms: round(log50.p50),
      log_p99_ms: round(log50.p99),
      log_200_updates_per_s: round(log200.rate, 0),
      log_200_p50_ms: round(log200.p50),
      log_200_p99_ms: round(log200.p99),
      log_saved_share: round((log50.ok + log200.ok + log50Full.ok) / (log50.updates + log200.updates + log50Full.updates), 3),
      help_ratio: round(help50.rate / echoHelp.rate, 3),
      log_floor_ratio: round(log50.rate / floor50.rate, 3),
      log_p99_floor_ratio: round(log50.p99 / floor50.p99, 2),
      sql_per_help: median(sqlHelp),
      sql_per_log: median(sqlLog),
      cpu_ms_per_log: round(cpuPerLog, 2),
      write_rate_empty: round(log50.rate, 0),
      write_rate_5000: round(log50Full.rate, 0),
      stats_ms: round(median(statsTimes), 0),
      stats_again_ms: round(median(statsAgain), 0),
      summary_text_ms: round(median(summaryText), 0),
      summary_text_again_ms: round(median(summaryAgain), 0),
      summary_docx_ms: round(median(summaryDocx), 0),
      cold_start_ms: round(median(colds), 0),
      cold_start_cpu_ms: round(median(coldCpu), 0),
      rss_idle_mb: round(rssIdle, 0),
      rss_after_load_mb: round(rssAfterLoad, 0),
      reminder_msgs_per_s: round(reminders.rate, 1),
      reminder_members_reached_once: reminders.exactlyOne,
      bench_seconds: round((performance.now() - started) / 1000, 0),
    };

    const row = (name: string, r: Run) => `| ${name} | ${r.updates} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`;
    console.log("\n| scenario (closed loop) | updates | updates/s | p50 ms | p99 ms |");
    console.log("|---|---:|---:|---:|---:|");
    console.log(row("bare grammY (echo), /help, 50 users", echoHelp));
    console.log(row("floor bot (one INSERT), /log, 50 users", floor50));
    console.log(row("branch-ledger, /help, 50 members", help50));
    console.log(row("branch-ledger, /log, 50 members, empty year", log50));
    console.log(row("branch-ledger, /log, 200 members", log200));
    console.log(row(`branch-ledger, /log, 50 members, year of ${SUMMARY_RECORDS}+ records`, log50Full));
    console.log("\n| figure | value | goal |");
    console.log("|---|---:|---|");
    const goals: Record<string, string> = {
      help_ratio: "≥ 0.5",
      log_floor_ratio: "≥ 0.25",
      log_p99_floor_ratio: "≤ 4",
      sql_per_log: "≤ 8",
      sql_per_help: "≤ 1",
      stats_ms: "< 100",
      summary_text_ms: "< 300",
      summary_docx_ms: "< 1000",
      cold_start_ms: "< 1500",
      rss_idle_mb: "< 150",
      reminder_msgs_per_s: "≥ 25",
      write_rate_5000: `within 20% of write_rate_empty (${f.write_rate_empty})`,
    };
    for (const [k, v] of Object.entries(f)) console.log(`| ${k} | ${v} | ${goals[k] ?? ""} |`);
    console.log(`BENCH ${JSON.stringify(f)}`);
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    await ours.close();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One theme-day reminder to 1,000 members, due as the process starts; paced, none lost. */
async function reminderBurst(): Promise<{ rate: number; exactlyOne: number }> {
  const sandbox = await createSandbox({ token: OURS_TOKEN, recordRequests: false });
  const url = `file:${path.join(dir, "reminders.db")}`;
  await deployMigrations(url);
  const handle = await openDatabase(url);
  const store = createStore(handle);
  const branch = await seedBranch(store, handle.prisma, "提醒党支部", 700_000, REMINDER_MEMBERS);
  usersOf(sandbox, branch.telegramIds);
  // Theme day tomorrow (branch time); the reminder "1 day before at 00:00" is due now.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = Number(new Intl.DateTimeFormat("en", { timeZone: TZ, day: "numeric" }).format(tomorrow));
  const enabledAt = new Date(Date.now() - 2 * 86_400_000);
  await store.reminders.setRule(
    branch.branchId,
    {
      pattern: { type: "day_of_month", day },
      onNonWorkday: "keep",
      reminders: [{ daysBefore: 1, time: "00:00" }],
      followUp: { enabled: false },
      target: "members",
      theme: "学习贯彻党的二十大精神",
    },
    enabledAt,
  );
  await store.reminders.setEnabled(branch.branchId, true, enabledAt);
  await handle.close();

  const bot = npmStart({ BOT_TOKEN: OURS_TOKEN, TELEGRAM_API_ROOT: sandbox.apiRoot, DATABASE_URL: url, PORT: String(await freePort()) });
  try {
    const arrivals: number[] = [];
    const counted = new Set<number>();
    const deadline = performance.now() + 180_000;
    while (counted.size < REMINDER_MEMBERS && performance.now() < deadline) {
      for (const id of branch.telegramIds) {
        if (counted.has(id)) continue;
        if (sandbox.transcript(id).some((e) => e.from === "bot" && e.text.includes("主题党日"))) {
          counted.add(id);
          arrivals.push(performance.now());
        }
      }
      await sleep(100);
    }
    await sleep(1000);
    const exactlyOne = branch.telegramIds.filter(
      (id) => sandbox.transcript(id).filter((e) => e.from === "bot" && e.text.includes("主题党日")).length === 1,
    ).length;
    arrivals.sort((a, b) => a - b);
    const span = ((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)) / 1000;
    return { rate: arrivals.length > 1 ? (arrivals.length - 1) / span : 0, exactlyOne };
  } finally {
    await bot.stop();
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

// Counts the SQL statements the bot runs per update: the real bot in-process against the sandbox,
// on a SQLite file opened with a statement hook (BEGIN and COMMIT included).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "@grammyjs/runner";
import { pino } from "pino";
import { createBot } from "../../src/bot/createBot.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createStore } from "../../src/db/store.js";
import { createSandbox, type ScriptedUser } from "../../src/server/sandbox/index.js";

export interface SqlCounter {
  /** Statements run while `step` sends one message and its reply arrives (the bot is idle otherwise). */
  count(step: (u: ScriptedUser) => Promise<unknown>): Promise<{ statements: string[]; reply: string }>;
  member: ScriptedUser;
  stop(): Promise<void>;
}

export async function startSqlCounter(): Promise<SqlCounter> {
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-sql-"));
  const url = `file:${path.join(dir, "ledger.db")}`;
  await deployMigrations(url);
  let log: string[] | undefined;
  const db = await openDatabase(url, { onStatement: (sql) => log?.push(sql) });
  const store = createStore(db);
  const sandbox = await createSandbox({ flood: false, defaultTimeout: 10_000 });
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const { bot, drain } = createBot(
    "5:sql",
    { config, store, logger: pino({ level: "silent" }), now: () => new Date() },
    {
      client: { apiRoot: sandbox.apiRoot },
    },
  );
  await bot.init();
  const secretary = await store.members.ensure(70_000, undefined);
  await store.members.setName(secretary.id, "李书记");
  const branch = await store.branches.create("计数党支部", "Asia/Shanghai", secretary.id);
  const m = await store.members.ensure(70_001, undefined);
  await store.members.setName(m.id, "张三");
  await store.memberships.join(branch.id, m.id, false);
  const member = sandbox.user({ id: 70_001, first_name: "张三", started: true });
  const runner = run(bot, { runner: { fetch: { timeout: 1 } } });

  return {
    member,
    async count(step) {
      await drain();
      log = [];
      await step(member);
      const reply = await member.next();
      await drain();
      const statements = log;
      log = undefined;
      return { statements, reply: reply.text };
    },
    async stop() {
      await runner.stop();
      await drain();
      await db.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

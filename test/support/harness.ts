// Runs the real bot in-process against the sandbox (a fake Bot API) and a real SQLite file.
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { loadConfig, type Config } from "../../src/config.js";
import { createBot } from "../../src/bot/createBot.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createTestDatabase } from "./database.js";
import { createStore, type Store } from "../../src/db/store.js";
import { createSandbox, type NewUser, type Sandbox, type ScriptedUser } from "../../src/server/sandbox/index.js";

export interface Harness {
  sandbox: Sandbox;
  store: Store;
  db: DatabaseHandle;
  config: Config;
  clock: { now: Date };
  databaseUrl: string;
  user(u: NewUser & { id: number }): ScriptedUser;
  /** Updates the bot has taken, oldest first (to deliver one again, as Telegram sometimes does). */
  updates: Update[];
  redeliver(update: Update): Promise<void>;
  /** Stops the bot (as a restart would) and starts a new one on the same database and sandbox. */
  restartBot(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(opts: { env?: Record<string, string>; now?: string } = {}): Promise<Harness> {
  const testDb = await createTestDatabase("bot");
  const databaseUrl = testDb.url;
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ...opts.env });
  await deployMigrations(databaseUrl);
  const db = await openDatabase(databaseUrl);
  const store = createStore(db);
  const sandbox = await createSandbox({ flood: false, defaultTimeout: 5000 });
  const clock = { now: new Date(opts.now ?? "2023-07-05T02:00:00Z") };
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

  let runner: RunnerHandle;
  const updates: Update[] = [];
  let handle: (u: Update) => Promise<void> = async () => undefined;
  let drainBot: () => Promise<void> = async () => undefined;
  const startBot = async () => {
    const { bot, registerCommands, drain } = createBot("123456:TEST", { config, store, logger, now: () => clock.now }, {
      client: { apiRoot: sandbox.apiRoot },
      throttle: false,
    });
    await bot.init();
    await registerCommands();
    const original = bot.handleUpdate.bind(bot);
    handle = (u) => original(u);
    bot.handleUpdate = (u, webhookReply) => {
      updates.push(structuredClone(u));
      return original(u, webhookReply);
    };
    runner = run(bot, { runner: { fetch: { timeout: 1 } } });
    drainBot = drain;
  };
  await startBot();

  return {
    sandbox, store, db, config, clock, databaseUrl,
    user: (u) => sandbox.user({ started: true, ...u }),
    updates,
    redeliver: (u) => handle(structuredClone(u)),
    restartBot: async () => {
      await runner.stop();
      await drainBot();
      await startBot();
    },
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
      await drainBot();
      await db.close();
      await sandbox.close();
      await testDb.drop();
    },
  };
}

export interface SeededBranch {
  branchId: number;
  secretary: ScriptedUser;
  members: ScriptedUser[];
  memberIds: Map<number, number>;
}

/** A branch with a named secretary and named members, made through the store (fast set-up for tests). */
export async function seedBranch(h: Harness, name: string, people: { id: number; name: string }[]): Promise<SeededBranch> {
  const [sec, ...rest] = people;
  const secretary = await h.store.members.ensure(sec!.id, undefined);
  await h.store.members.setName(secretary.id, sec!.name);
  const branch = await h.store.branches.create(name, "Asia/Shanghai", secretary.id);
  const memberIds = new Map<number, number>([[sec!.id, secretary.id]]);
  for (const p of rest) {
    const m = await h.store.members.ensure(p.id, undefined);
    await h.store.members.setName(m.id, p.name);
    await h.store.memberships.join(branch.id, m.id, false);
    memberIds.set(p.id, m.id);
  }
  return {
    branchId: branch.id,
    secretary: h.user({ id: sec!.id, first_name: sec!.name }),
    members: rest.map((p) => h.user({ id: p.id, first_name: p.name })),
    memberIds,
  };
}

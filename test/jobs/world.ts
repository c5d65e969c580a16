// A branch on a real SQLite file, its members as sandbox users, and schedulers on a controllable
// clock. No bot takes updates here: what the scheduler sends is read from the sandbox's chats.
import { Api, GrammyError } from "grammy";
import { pino } from "pino";
import { createI18n } from "../../src/bot/i18n.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createTestDatabase } from "../support/database.js";
import { createStore, type Store } from "../../src/db/store.js";
import { createReminderScheduler, type ReminderApi, type ReminderScheduler } from "../../src/jobs/scheduler.js";
import { createSandbox, type Sandbox, type ScriptedUser } from "../../src/server/sandbox/index.js";

export const TZ = "Asia/Shanghai";
export const THEME = "学习贯彻党的二十大精神";
/** 15 March 2024 is a Friday and a workday: reminders on 12 March 09:00 (01:00Z) and 15 March 08:30 (00:30Z), follow-up 18:00 (10:00Z). */
export const MARCH_RULE = { pattern: { type: "day_of_month", day: 15 }, target: "members", theme: THEME } as const;

export interface World {
  db: DatabaseHandle;
  store: Store;
  url: string;
  sandbox: Sandbox;
  api: Api;
  clock: { now: Date };
  branchId: number;
  secretary: ScriptedUser;
  members: ScriptedUser[];
  /** Ledger member id by Telegram id. */
  memberIds: Map<number, number>;
  scheduler(opts?: { store?: Store; api?: ReminderApi }): ReminderScheduler;
  /** What the bot said in a chat, oldest first. */
  botTexts(chatId: number): string[];
  /** Another connection to the same database, as a second bot process would have. */
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

const i18n = createI18n("zh", () => undefined);
export const translate = (locale: string | null, key: string, vars?: Record<string, string | number>) => i18n.t(locale ?? "zh", key, vars);
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

/** 李书记 (secretary) and 张三, 李四 (English), 王五, plus `extra` more members; rule set and enabled at `enabledAt`. */
export async function createWorld(opts: { extra?: number; enabledAt?: string; rule?: object } = {}): Promise<World> {
  const testDb = await createTestDatabase("jobs");
  const url = testDb.url;
  await deployMigrations(url);
  const db = await openDatabase(url);
  const store = createStore(db);
  const sandbox = await createSandbox({ flood: false, defaultTimeout: 2000 });
  const api = new Api("123456:TEST", { apiRoot: sandbox.apiRoot });
  const clock = { now: new Date(opts.enabledAt ?? "2024-03-01T00:00:00Z") };
  const people = [
    { id: 701, name: "李书记" }, { id: 702, name: "张三" }, { id: 703, name: "李四" }, { id: 704, name: "王五" },
    ...Array.from({ length: opts.extra ?? 0 }, (_, i) => ({ id: 800 + i, name: `党员${i + 1}` })),
  ];
  const memberIds = new Map<number, number>();
  let branchId = 0;
  for (const [i, p] of people.entries()) {
    const m = await store.members.ensure(p.id, undefined);
    await store.members.setName(m.id, p.name);
    memberIds.set(p.id, m.id);
    if (i === 0) branchId = (await store.branches.create("第一党支部", TZ, m.id)).id;
    else await store.memberships.join(branchId, m.id, false);
  }
  await store.members.setLocale(memberIds.get(703)!, "en");
  await store.reminders.setRule(branchId, opts.rule ?? MARCH_RULE, clock.now);
  await store.reminders.setEnabled(branchId, true, clock.now);
  const users = people.map((p) => sandbox.user({ id: p.id, first_name: p.name, started: true }));
  const extraStores: DatabaseHandle[] = [];

  return {
    db, store, url, sandbox, api, clock, branchId, memberIds,
    secretary: users[0]!,
    members: users.slice(1),
    scheduler: (o = {}) =>
      createReminderScheduler({ store: o.store ?? store, api: o.api ?? api, translate, logger, now: () => clock.now }),
    botTexts: (chatId) => sandbox.transcript(chatId).filter((e) => e.from === "bot").map((e) => e.text),
    async openStore() {
      const other = await openDatabase(url);
      extraStores.push(other);
      return createStore(other);
    },
    async close() {
      for (const other of extraStores) await other.close().catch(() => undefined);
      await db.close().catch(() => undefined);
      await sandbox.close();
      await testDb.drop();
    },
  };
}

/** A GrammyError as grammY throws it when Telegram answers `error_code`. */
export const telegramError = (error_code: number, description: string, parameters: object = {}) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, "sendMessage", {});

/** Sends through `api` unless `fail(chatId)` names an error to throw; counts the tries per chat. */
export function flakyApi(api: Api, fail: (chatId: number) => unknown): ReminderApi & { tries: (chatId: number) => number } {
  const tries = new Map<number, number>();
  return {
    tries: (chatId) => tries.get(chatId) ?? 0,
    sendMessage: (chatId, text, other, signal) => {
      tries.set(Number(chatId), (tries.get(Number(chatId)) ?? 0) + 1);
      const error = fail(Number(chatId));
      if (error) return Promise.reject(error instanceof Error ? error : Object.assign(new Error("sendMessage failed"), error));
      return api.sendMessage(chatId, text, other, signal);
    },
  };
}

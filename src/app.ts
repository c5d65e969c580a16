// Starts the whole bot process from a validated config: migrations, database, bot, HTTP, jobs.
import { mkdirSync } from "node:fs";
import type http from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Config } from "./config.js";
import { createBot } from "./bot/createBot.js";
import { plainNumbers, toSupportedLocale } from "./bot/i18n.js";
import { openDatabase } from "./db/client.js";
import { deployMigrations } from "./db/migrations/migrator.js";
import { createStore } from "./db/store.js";
import { createDailyJobs } from "./jobs/daily.js";
import { createReminderScheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";
import { startHttpServer } from "./server/webhookServer.js";

export interface RunningApp {
  stop(): Promise<void>;
}

export interface StartOptions {
  token: string;
  apiRoot?: string;
  now?: () => Date;
}

export async function startApp(config: Config, logger: Logger, opts: StartOptions): Promise<RunningApp> {
  const applied = await deployMigrations(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, "database migrations applied");
  const db = await openDatabase(config.DATABASE_URL);
  const store = createStore(db);
  const { bot, broadcastApi, i18n, registerCommands, drain } = createBot(
    opts.token,
    { config, store, logger, now: opts.now ?? (() => new Date()) },
    { client: opts.apiRoot ? { apiRoot: opts.apiRoot } : {} },
  );
  await bot.init();
  await registerCommands().catch((error: unknown) => logger.warn({ err: error }, "could not register the command menus"));
  const defaultLocale = toSupportedLocale(config.DEFAULT_LOCALE, "zh");
  const scheduler = createReminderScheduler({
    store,
    api: broadcastApi,
    translate: (locale, key, vars) => i18n.t(toSupportedLocale(locale, defaultLocale), key, plainNumbers(vars)),
    logger: logger.child({ job: "reminders" }),
    now: opts.now ?? (() => new Date()),
    defaultLocale,
  });
  scheduler.start();
  if (config.BACKUP_DIR) mkdirSync(config.BACKUP_DIR, { recursive: true });
  const daily = createDailyJobs({
    store,
    logger: logger.child({ job: "daily" }),
    now: opts.now ?? (() => new Date()),
    retentionDays: config.RETENTION_DAYS,
    databaseUrl: config.DATABASE_URL,
    ...(config.BACKUP_DIR ? { backup: { dir: config.BACKUP_DIR, keep: config.BACKUP_KEEP } } : {}),
  });
  daily.start();

  let runner: RunnerHandle | undefined;
  let server: http.Server | undefined;
  if (config.BOT_MODE === "webhook") {
    const url = new URL(config.WEBHOOK_URL);
    server = await startHttpServer({
      port: config.PORT,
      logger,
      webhook: { bot, path: url.pathname, secretToken: config.WEBHOOK_SECRET },
    });
    await bot.api.setWebhook(url.href, {
      ...(config.WEBHOOK_SECRET ? { secret_token: config.WEBHOOK_SECRET } : {}),
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"],
    });
    logger.info({ url: url.href, port: config.PORT }, "webhook mode: listening");
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, {
      runner: { fetch: { allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"] } },
    });
    logger.info({ bot: bot.botInfo.username }, "polling mode: taking updates");
  }

  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        // Finish the reminder pass and the updates in hand, then close the doors.
        await scheduler.stop();
        await daily.stop();
        if (runner?.isRunning()) await runner.stop();
        if (server) {
          const closing = server;
          await new Promise<void>((resolve) => closing.close(() => resolve()));
        }
        await drain();
        await store.close();
        logger.info("stopped");
      })()),
  };
}

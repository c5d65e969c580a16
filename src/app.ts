// Starts the whole bot process from a validated config: migrations, database, bot, HTTP, jobs.
import { mkdirSync } from "node:fs";
import type http from "node:http";
import type { Config } from "./config.js";
import { createBot } from "./bot/createBot.js";
import { plainNumbers } from "./bot/i18n.js";
import { toLang } from "./domain/lang.js";
import { openDatabase } from "./db/client.js";
import { channelsRepo } from "./db/repos/channels.js";
import { deployMigrations } from "./db/migrations/migrator.js";
import { createStore } from "./db/store.js";
import { createDailyJobs } from "./jobs/daily.js";
import { createReminderScheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";
import { ALLOWED_UPDATES, inboxWebhook, startPolling, type Poller } from "./server/inbox/intake.js";
import { createInboxWorker } from "./server/inbox/worker.js";
import { startHttpServer } from "./server/webhookServer.js";

export interface RunningApp {
  stop(): Promise<void>;
}

export interface StartOptions {
  token: string;
  apiRoot?: string;
  now?: () => Date;
  /** Serve /healthz on PORT in polling mode too (not when the local sandbox holds PORT). */
  healthInPolling?: boolean;
}

export async function startApp(config: Config, logger: Logger, opts: StartOptions): Promise<RunningApp> {
  const applied = await deployMigrations(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, "database migrations applied");
  const db = await openDatabase(config.DATABASE_URL);
  const store = createStore(db);
  config = await resolveWecomAdmins(config, channelsRepo(db.prisma), logger);
  const { bot, broadcastApi, i18n, registerCommands, drain } = createBot(
    opts.token,
    { config, store, logger, now: opts.now ?? (() => new Date()) },
    { client: opts.apiRoot ? { apiRoot: opts.apiRoot } : {} },
  );
  await bot.init();
  // The command menus are registered while the bot already takes updates (a dozen calls that
  // start-up need not wait for).
  const commandsRegistered = registerCommands().catch((error: unknown) =>
    logger.warn({ err: error }, "could not register the command menus"),
  );
  const defaultLocale = toLang(config.DEFAULT_LOCALE, "zh");
  const scheduler = createReminderScheduler({
    store,
    api: broadcastApi,
    owner: `${process.pid}-${Date.now().toString(36)}`,
    takeOverClaimsAtStart: db.kind === "sqlite",
    translate: (locale, key, vars) => i18n.t(toLang(locale, defaultLocale), key, plainNumbers(vars)),
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

  // Updates go through the durable inbox: stored before they are confirmed, then handled from it.
  const worker = createInboxWorker({
    inbox: store.inbox,
    bot,
    logger: logger.child({ part: "inbox" }),
    takeOverAtStart: db.kind === "sqlite",
    onPostponed: async (update) => {
      const chatId = postponedChat(update);
      if (chatId === undefined) return;
      const from = "message" in update ? update.message?.from : "callback_query" in update ? update.callback_query?.from : undefined;
      const locale = from ? await store.members.localeOf(from.id).catch(() => undefined) : undefined;
      await bot.api.sendMessage(chatId, i18n.t(toLang(locale, defaultLocale), "error-busy"));
    },
  });
  await worker.start();

  let poller: Poller | undefined;
  let server: http.Server | undefined;
  const health = async () => {
    const now = new Date();
    try {
      const lag = await store.inbox.lag(now);
      return { ok: true, db: "up", inbox: { pending: lag.pending, oldestPendingSeconds: lag.oldestSeconds, inHand: worker.inHand() } };
    } catch (error) {
      return { ok: false, db: "down", error: String((error as Error)?.message ?? error).slice(0, 200) };
    }
  };
  if (config.BOT_MODE === "webhook") {
    const url = new URL(config.WEBHOOK_URL);
    server = await startHttpServer({
      port: config.PORT,
      logger,
      health,
      webhook: {
        path: url.pathname,
        handle: inboxWebhook({ inbox: store.inbox, secretToken: config.WEBHOOK_SECRET, logger, target: worker }),
      },
    });
    await bot.api.setWebhook(url.href, {
      ...(config.WEBHOOK_SECRET ? { secret_token: config.WEBHOOK_SECRET } : {}),
      allowed_updates: [...ALLOWED_UPDATES],
    });
    logger.info({ url: url.href, port: config.PORT }, "webhook mode: listening");
  } else {
    await bot.api.deleteWebhook();
    poller = startPolling({ api: bot.api, inbox: store.inbox, logger, target: worker });
    // Only /healthz here; a port already taken costs the health check, not the bot.
    if (opts.healthInPolling) {
      server = await startHttpServer({ port: config.PORT, logger, health }).catch((error: unknown) => {
        logger.warn({ err: error, port: config.PORT }, "could not serve /healthz");
        return undefined;
      });
    }
    logger.info({ bot: bot.botInfo.username }, "polling mode: taking updates");
  }

  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        // Stop taking updates (what Telegram has not had confirmed stays with it; a webhook request
        // in progress is still stored), finish the updates and the reminder pass in hand; what is
        // left in the inbox is handled on the next start.
        await poller?.stop();
        if (server) {
          const closing = server;
          await new Promise<void>((resolve) => {
            closing.close(() => resolve());
            closing.closeIdleConnections();
          });
        }
        await Promise.all([worker.stop(), scheduler.stop(), daily.stop(), commandsRegistered]);
        await drain();
        await store.close();
        logger.info("stopped");
      })()),
  };
}

/** Where to say that an update waits for a busy database. */
function postponedChat(update: import("grammy/types").Update): number | undefined {
  if (update.message) return update.message.chat.id;
  if (update.edited_message) return update.edited_message.chat.id;
  if (update.callback_query?.message) return update.callback_query.message.chat.id;
  return undefined;
}

/**
 * With CHANNEL=wecom, BOT_ADMINS names WeCom userids: the bot sees the bridge's numeric ids
 * (ChannelUser.id), so each userid is mapped (its row created if the member never wrote yet).
 */
export async function resolveWecomAdmins(
  config: Config,
  channels: Pick<ReturnType<typeof channelsRepo>, "userIds">,
  logger: Logger,
): Promise<Config> {
  if (config.CHANNEL !== "wecom" || !config.WECOM_ADMINS?.length) return config;
  const ids = await channels.userIds("wecom", config.WECOM_ADMINS);
  logger.info({ admins: Object.fromEntries(config.WECOM_ADMINS.map((u, i) => [u, ids[i]])) }, "WeCom BOT_ADMINS mapped to ids");
  return { ...config, BOT_ADMINS: ids };
}

import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, createConversation } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, type ApiClientOptions } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { conversationKey, type BotContext, type BotDeps, type FlowContext } from "./context.js";
import { closestCommand, registerCommandMenus } from "./commands.js";
import { toLang } from "../domain/lang.js";
import { createI18n, plainNumbers, plainNumberTranslations } from "./i18n.js";
import { handleBotError } from "./middlewares/errors.js";
import { privateOnlyCommands } from "./middlewares/auth.js";
import { loadMember } from "./middlewares/member.js";
import { updateLogger } from "./middlewares/updateLogger.js";
import { chatPacing } from "./pacing.js";
import { branchesFeature } from "./features/branches.js";
import { checkFeature } from "./features/check.js";
import { exportFeature } from "./features/export.js";
import { invitesFeature } from "./features/invites.js";
import { langFeature } from "./features/lang.js";
import { LOG_FLOW, logFlow } from "./features/logging/flow.js";
import { loggingFeature } from "./features/logging/index.js";
import { recordsFeature } from "./features/logging/records.js";
import { GROUP_FLOW, membersFeature, partyGroupFlow } from "./features/members.js";
import { FULL_MEMBER_FLOW, REMOVE_FLOW, fullMemberFlow, removeFlow } from "./features/memberFlows.js";
import { NAME_FLOW, nameFeature, nameFlow, RENAME_FLOW, renameFlow } from "./features/nameFlow.js";
import { remindersFeature } from "./features/reminders/index.js";
import { THEME_FLOW, themeFlow } from "./features/reminders/themeFlow.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { summaryFeature } from "./features/summary.js";
import { meetingRecordsFeature } from "./features/meetingRecords.js";

export interface CreateBotOptions {
  /** Bot API transport: a self-hosted server or the sandbox (apiRoot), or an in-process fetch. */
  client?: Pick<ApiClientOptions, "apiRoot" | "fetch">;
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
  /** Per-chat and per-group pacing (pacing.ts); off in tests that drive many quick steps in a group. */
  throttle?: boolean;
}

/** Telegram's bulk limit is about 30 messages a second; bot-initiated fan-out keeps under it. */
export const BULK_MESSAGES_PER_SECOND = 28;

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}) {
  const defaultLocale = toLang(deps.config.DEFAULT_LOCALE, "zh");
  // Client options also reach the API that the conversations plugin builds for itself.
  const bot = new Bot<BotContext>(token, { client: { ...options.client }, ...(options.botInfo ? { botInfo: options.botInfo } : {}) });
  // No global cap on replies: per-chat pacing where Telegram asks for it, then auto-retry, which
  // honours retry_after. 429 and 5xx are retried; network errors are not (the runner retries its own
  // polling, and a retried send after a lost connection could be sent twice).
  const retry = () => autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true });
  if (options.throttle !== false) bot.api.config.use(chatPacing());
  bot.api.config.use(retry());
  // Reminders and other bot-initiated fan-out: a separate Api with its own bulk budget, so a burst
  // neither queues the replies nor waits behind them.
  const broadcastApi = new Api(token, { ...options.client });
  broadcastApi.config.use(chatPacing(options.throttle !== false ? { bulkPerSecond: BULK_MESSAGES_PER_SECOND } : { groupPerMinute: 0 }));
  broadcastApi.config.use(retry());

  const i18n = createI18n<BotContext>(defaultLocale, (ctx) => ctx.member?.locale);
  // Inside conversations outer middleware does not run: look the member's stored locale up again.
  const flowI18n = createI18n<FlowContext>(defaultLocale, (ctx) => (ctx.from ? deps.store.members.localeOf(ctx.from.id) : undefined));

  // Updates being handled, so shutdown can wait for them (the runner's stop() does not).
  const inFlight = new Set<Promise<void>>();
  bot.use(async (_ctx, next) => {
    const done = next();
    inFlight.add(done);
    try {
      await done;
    } finally {
      inFlight.delete(done);
    }
  });
  // One update at a time per chat and per user (the conversation key), many in parallel otherwise.
  bot.use(sequentialize((ctx) => [ctx.chatId?.toString(), ctx.from?.id.toString()].filter((k): k is string => k !== undefined)));
  bot.use((ctx, next) => {
    ctx.deps = deps;
    return next();
  });
  bot.use(updateLogger(deps.logger));
  bot.use((ctx, next) => {
    ctx.tFor = (locale, key, variables) => i18n.t(toLang(locale, defaultLocale), key, plainNumbers(variables));
    return next();
  });
  const guarded = bot.errorBoundary(handleBotError);
  guarded.use(loadMember);
  guarded.use(i18n);
  guarded.use(plainNumberTranslations<BotContext>());
  guarded.use(privateOnlyCommands);
  // Every conversation is registered here, once (features only enter them by name).
  guarded.use(
    conversations<BotContext, FlowContext>({
      storage: {
        type: "key",
        version: 1,
        getStorageKey: conversationKey,
        adapter: deps.store.sessions,
      },
      plugins: [flowI18n, plainNumberTranslations<FlowContext>()],
    }),
  );
  guarded.use(createConversation(nameFlow(deps.store), NAME_FLOW));
  guarded.use(createConversation(renameFlow(deps.store), RENAME_FLOW));
  guarded.use(createConversation(partyGroupFlow(deps.store), GROUP_FLOW));
  guarded.use(createConversation(fullMemberFlow(deps.store, deps.now), FULL_MEMBER_FLOW));
  guarded.use(createConversation(removeFlow(deps.store), REMOVE_FLOW));
  guarded.use(createConversation(logFlow(deps.store, deps.now), LOG_FLOW));
  guarded.use(createConversation(themeFlow(deps.store, deps.now, deps.config.CHANNEL), THEME_FLOW));
  guarded.use(langFeature());
  guarded.use(invitesFeature());
  guarded.use(startFeature());
  guarded.use(nameFeature());
  guarded.use(branchesFeature());
  guarded.use(membersFeature());
  guarded.use(remindersFeature());
  guarded.use(statsFeature());
  guarded.use(checkFeature());
  guarded.use(summaryFeature());
  guarded.use(meetingRecordsFeature());
  guarded.use(recordsFeature());
  guarded.use(exportFeature());
  guarded.use(loggingFeature());

  // A command no feature took: say so, with the likely one and /help (in groups only when addressed to us).
  guarded.on("message:text", async (ctx, next) => {
    const m = /^\/([A-Za-z0-9_]+)(?:@(\w+))?/.exec(ctx.msg.text);
    if (!m?.[1] || (ctx.chat.type !== "private" && m[2] !== ctx.me.username)) return next();
    const guess = closestCommand(m[1]);
    await ctx.reply(
      guess
        ? ctx.t("unknown-command-guess", { command: `/${m[1]}`, guess: `/${guess}` })
        : ctx.t("unknown-command", { command: `/${m[1]}` }),
    );
  });

  // Last: a button no feature took (crafted, or from an old version of a screen) still gets an answer.
  guarded.on("callback_query", async (ctx) => {
    ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused unknown button");
    await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
  });

  bot.catch(handleBotError);

  return {
    bot,
    /** The Api for bot-initiated fan-out (reminders), paced on its own budget. */
    broadcastApi,
    i18n,
    /** Resolves when every update in hand has been handled. */
    drain: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    /** Registers the command menus; call once at start, never at import time. */
    registerCommands: () => registerCommandMenus(bot.api, (l, k) => i18n.t(l, k), defaultLocale),
  };
}

export type LedgerBot = ReturnType<typeof createBot>;

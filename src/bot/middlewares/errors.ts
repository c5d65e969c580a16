import { GrammyError, HttpError, type BotError } from "grammy";
import { isDatabaseBusy } from "../../db/busy.js";
import type { BotContext } from "../context.js";

/**
 * Logs the error with the update's logger and apologises to the user (never a stack trace). A busy
 * database is not apologised for here: the error goes on to the inbox worker, which waits and tries
 * the whole update again (its writes were rolled back).
 */
export async function handleBotError(err: BotError<BotContext>): Promise<void> {
  if (isDatabaseBusy(err.error)) throw err.error;
  const ctx = err.ctx;
  const logger = ctx.logger ?? ctx.deps?.logger;
  const e = err.error;
  if (e instanceof GrammyError) logger?.error({ method: e.method, description: e.description }, "Bot API request failed");
  else if (e instanceof HttpError) logger?.error({ err: e.error }, "Could not reach the Bot API");
  else logger?.error({ err: e }, "Error while handling update");
  if (!ctx.chat) return;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    const text = typeof ctx.t === "function" ? ctx.t("error-generic") : "抱歉，处理时出了点问题，请稍后再试。";
    await ctx.reply(text);
  } catch (replyError) {
    logger?.warn({ err: replyError }, "Could not send the apology");
  }
}

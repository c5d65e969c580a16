import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { Logger } from "../../logger.js";

/** A child logger per update, and one line per handled update with its duration. */
export function updateLogger(logger: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.logger = logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.logger.debug({ ms: Math.round(performance.now() - started) }, "update handled");
    }
  };
}

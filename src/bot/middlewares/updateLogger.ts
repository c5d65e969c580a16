import type { MiddlewareFn } from "grammy";
import type { BotContext, BotDeps } from "../context.js";

/** A child logger per update, and one line per handled update with its duration. */
export function updateLogger(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.logger.debug({ ms: Math.round(performance.now() - started) }, "update handled");
    }
  };
}

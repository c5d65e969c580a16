import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Loads the sender as a ledger member (created on first contact) before any feature runs. */
export const loadMember: MiddlewareFn<BotContext> = async (ctx, next) => {
  ctx.member = null;
  const from = ctx.from;
  if (from && !from.is_bot) {
    ctx.member = await ctx.deps.store.members.ensure(from.id, from.username);
  }
  await next();
};

import type { MiddlewareFn } from "grammy";
import { conversationKey, type BotContext } from "../context.js";

function isBindCommand(text: string | undefined): boolean {
  return /^\/bind(@\w+)?(\s|$)/.test(text ?? "");
}

/**
 * Loads the sender as a ledger member (created on first contact) before any feature runs.
 * In a group chat the branch is the one the group is bound to, whatever branch the sender has
 * active in private: nobody sees another branch's data in a group. In a group not yet bound, only
 * /bind may use the sender's active branch.
 */
export const loadMember: MiddlewareFn<BotContext> = async (ctx, next) => {
  ctx.member = null;
  ctx.unboundGroup = false;
  const from = ctx.from;
  const sessionKey = conversationKey(ctx);
  if (from && !from.is_bot) {
    const store = ctx.deps.store;
    // One statement: member, active branch, language, and the conversation state the conversations
    // plugin reads next (handed to it through the sessions repo).
    const chat = ctx.chat;
    const groupChatId = chat && (chat.type === "group" || chat.type === "supergroup") ? chat.id : undefined;
    // In a group, the same statement reads the branch bound to it and the sender's membership there.
    const loaded = await store.members.load(from.id, sessionKey, groupChatId);
    let group = loaded?.group ?? null;
    if (loaded && (!from.username || loaded.profile.username === from.username)) {
      ctx.member = loaded.profile;
      if (sessionKey) store.sessions.prime(sessionKey, loaded.session);
    } else {
      ctx.member = await store.members.ensure(from.id, from.username);
      group = null;
    }
    if (groupChatId !== undefined) {
      if (!group) {
        const branch = await store.branches.byGroupChat(groupChatId);
        group = { branchId: branch?.id ?? null, membership: branch ? await store.members.membershipIn(ctx.member.id, branch.id) : null };
      }
      if (group.branchId !== null) ctx.member.membership = group.membership;
      else {
        ctx.unboundGroup = true;
        if (!isBindCommand(ctx.message?.text)) ctx.member.membership = null;
      }
    }
  }
  try {
    await next();
  } finally {
    if (sessionKey) ctx.deps.store.sessions.unprime(sessionKey);
  }
};

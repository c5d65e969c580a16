import type { MiddlewareFn } from "grammy";
import { roleAllows, type Permission } from "../../domain/roles.js";
import { commandSpec, type GatedCommand, type MemberCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import type { MemberProfile, MembershipView } from "../../db/repos/members.js";

const WHO: Record<Permission, string> = {
  use: "who-member",
  "branch.create": "who-admin",
  "activity.log": "who-member",
  "activity.edit_any": "who-committee",
  "stats.view": "who-member",
  "members.view": "who-committee",
  "members.manage": "who-secretary",
  "invite.manage": "who-committee",
  "summary.view": "who-committee",
  export: "who-committee",
  "reminders.manage": "who-secretary",
  "group.bind": "who-secretary",
};

/** Whether the sender may do this in their active branch (admins list for branch.create). */
export function allowed(ctx: BotContext, permission: Permission): boolean {
  if (permission === "branch.create") {
    const admins = ctx.deps.config.BOT_ADMINS;
    return admins.length === 0 || (ctx.from !== undefined && admins.includes(ctx.from.id));
  }
  const membership = ctx.member?.membership;
  const role = membership && membership.status === "active" ? membership.role : null;
  return roleAllows(role, permission);
}

/**
 * Commands whose answers carry names or whole documents are for private chats: in a group they
 * get a pointer to the private chat instead.
 */
export const privateOnlyCommands: MiddlewareFn<BotContext> = async (ctx, next) => {
  const chat = ctx.chat;
  const text = ctx.message?.text;
  if (!chat || chat.type === "private" || !text?.startsWith("/")) return next();
  const name = /^\/([a-z]+)(@\w+)?/i.exec(text)?.[1]?.toLowerCase();
  const spec = name ? commandSpec(name) : undefined;
  if (!spec?.privateOnly) return next();
  // Whoever may not use it at all is told what they can do instead, not sent to a private chat for nothing.
  if (!allowed(ctx, spec.permission)) {
    await ctx.reply(ctx.t("private-only-instead", { command: `/${spec.name}`, who: ctx.t(WHO[spec.permission]) }));
    return;
  }
  await ctx.reply(ctx.t("private-only", { command: `/${spec.name}`, bot: ctx.me.username }));
};

/** A context whose sender is a member of an active branch: what `requires(permission, handler)` hands on. */
export type MemberContext<C extends BotContext = BotContext> = C & { member: MemberProfile & { membership: MembershipView } };

/** Type guard: the sender is a member of an active branch (for code that is not behind `requires`). */
export function hasMembership<C extends BotContext>(ctx: C): ctx is MemberContext<C> {
  return ctx.member?.membership != null;
}

/**
 * Guards a handler; answers why not, in the user's language, when the sender lacks the permission.
 * Given the handler, it narrows the context: the handler sees `ctx.member.membership` without `!`.
 */
export function requires(permission: Permission): MiddlewareFn<BotContext>;
export function requires<C extends BotContext>(
  permission: Exclude<Permission, "branch.create">,
  handler: (ctx: MemberContext<C>) => unknown,
): MiddlewareFn<C>;
export function requires<C extends BotContext>(permission: Permission, handler?: (ctx: MemberContext<C>) => unknown): MiddlewareFn<C> {
  return async (ctx, next) => {
    if (allowed(ctx, permission)) {
      if (!handler) return next();
      if (hasMembership(ctx)) {
        await handler(ctx);
        return;
      }
    }
    ctx.logger.info({ permission }, "refused: not allowed");
    const noBranch = permission !== "branch.create" && !ctx.member?.membership;
    const text = noBranch
      ? ctx.t(ctx.unboundGroup ? "group-not-bound" : ctx.chat?.type === "private" ? "not-in-branch" : "group-not-member")
      : ctx.t("not-allowed", { who: ctx.t(WHO[permission]) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text);
  };
}

/**
 * The gate of a command: `feature.command("stats", requiresCommand("stats", handler))`. The permission is
 * read from COMMANDS (commands.ts), the one place it is declared; the handler's context is narrowed as
 * with requires().
 */
export function requiresCommand(name: GatedCommand): MiddlewareFn<BotContext>;
export function requiresCommand<C extends BotContext>(name: MemberCommand, handler: (ctx: MemberContext<C>) => unknown): MiddlewareFn<C>;
export function requiresCommand<C extends BotContext>(name: GatedCommand, handler?: (ctx: MemberContext<C>) => unknown): MiddlewareFn<C> {
  const permission = commandSpec(name)?.permission;
  if (!permission || permission === "use") throw new Error(`/${name} has no permission in COMMANDS`);
  if (!handler) return requires(permission);
  if (permission === "branch.create") throw new Error(`/${name} is for admins, who need no branch: gate it without a handler`);
  return requires(permission, handler);
}

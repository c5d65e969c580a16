import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Config } from "../config.js";
import type { Store } from "../db/store.js";
import type { MemberProfile } from "../db/repos/members.js";
import type { Logger } from "../logger.js";

export interface BotDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** The clock; tests replace it. */
  now: () => Date;
}

export interface BotContextExtras {
  logger: Logger;
  deps: BotDeps;
  /** The sender as a ledger member (null for updates without a sender, e.g. channel posts). */
  member: MemberProfile | null;
  /** A group chat that is bound to no branch yet. */
  unboundGroup: boolean;
  /** Translates for someone else (a stored locale, or the default when they have none). */
  tFor(locale: string | null, key: string, variables?: Record<string, string | number>): string;
}

export type BaseContext = Context & I18nFlavor & BotContextExtras;
export type BotContext = ConversationFlavor<BaseContext>;
/** The context inside conversations: plugins are installed anew there, outer middleware is not. */
export type FlowContext = Context & I18nFlavor;

/** Where a chat member's conversation state is stored (one per chat and user). */
export const conversationKey = (ctx: Pick<Context, "chatId" | "from">): string | undefined =>
  ctx.chatId !== undefined && ctx.from ? `conv:${ctx.chatId}:${ctx.from.id}` : undefined;

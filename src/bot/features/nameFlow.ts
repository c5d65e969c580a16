import type { Conversation } from "@grammyjs/conversations";
import { normaliseRealName } from "../../domain/membership.js";
import { kindsIn } from "../../domain/parse/index.js";
import type { BotContext, FlowContext } from "../context.js";

export const NAME_FLOW = "askName";

/**
 * Asks for the member's real name (姓名) once; records carry it. Lives in a conversation so a
 * restart in between still takes the answer.
 */
export function nameFlow(store: BotContext["deps"]["store"]) {
  return async function askName(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext): Promise<void> {
    await ctx.reply(ctx.t("name-ask"));
    for (;;) {
      // Buttons and other updates are handled as usual meanwhile; the question stays open.
      const answer = await conversation.waitFor("message:text", { next: true });
      const text = answer.message.text.trim();
      if (text === "取消") {
        await answer.reply(answer.t("name-later"));
        return;
      }
      // A command, or a report of an activity, leaves the question for later and is handled as
      // usual: no dead ends, and "昨天参加了主题党日" is never taken for a name.
      if (text.startsWith("/") || kindsIn(text).length > 0) await conversation.halt({ next: true });
      const name = normaliseRealName(text);
      if (!name) {
        await answer.reply(answer.t("name-invalid"));
        continue;
      }
      const telegramId = answer.from.id;
      await conversation.external(async () => {
        const member = await store.members.ensure(telegramId, undefined);
        await store.members.setName(member.id, name);
      });
      await answer.reply(answer.t("name-saved", { name }));
      return;
    }
  };
}

export async function startNameFlowIfNeeded(ctx: BotContext): Promise<void> {
  if (ctx.member && !ctx.member.name && ctx.chat?.type === "private") {
    await ctx.conversation.enter(NAME_FLOW);
  }
}

import type { Conversation } from "@grammyjs/conversations";
import { nameFromAnswer } from "../../domain/membership.js";
import { kindsIn } from "../../domain/parse/index.js";
import type { BotContext, FlowContext } from "../context.js";
import { isCancelWord } from "../cancelWord.js";
import { featureComposer } from "../featureComposer.js";

export const NAME_FLOW = "askName";
export const RENAME_FLOW = "renameMember";

type Store = BotContext["deps"]["store"];

/** Sets a member's name unless someone else in one of their branches has it; the reply says which. */
async function rename(store: Store, memberId: number, name: string): Promise<{ ok: true } | { ok: false; branch: string }> {
  const branch = await store.members.nameClash(memberId, name);
  if (branch !== null) return { ok: false, branch };
  await store.members.setName(memberId, name);
  return { ok: true };
}

/**
 * Asks for the member's real name (姓名) once; records carry it. Lives in a conversation so a
 * restart in between still takes the answer. 我叫李明, 我是李明 and 李明同志 all mean 李明.
 */
export function nameFlow(store: Store) {
  return async function askName(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext): Promise<void> {
    await ctx.reply(ctx.t("name-ask"));
    for (;;) {
      // Buttons and other updates are handled as usual meanwhile; the question stays open.
      const answer = await conversation.waitFor("message:text", { next: true });
      const text = answer.message.text.trim();
      if (isCancelWord(text)) {
        await answer.reply(answer.t("name-later"));
        return;
      }
      // A command, or a report of an activity, leaves the question for later and is handled as
      // usual: no dead ends, and "昨天参加了主题党日" is never taken for a name.
      if (text.startsWith("/") || kindsIn(text).length > 0) await conversation.halt({ next: true });
      const name = nameFromAnswer(text);
      if (!name) {
        await answer.reply(answer.t("name-invalid"));
        continue;
      }
      const telegramId = answer.from.id;
      const outcome = await conversation.external(async () => rename(store, (await store.members.ensure(telegramId, undefined)).id, name));
      if (!outcome.ok) {
        await answer.reply(answer.t("name-taken", { name, branch: outcome.branch }));
        continue;
      }
      await answer.reply(answer.t("name-saved", { name }));
      return;
    }
  };
}

/** The secretary renames a member from /members: asks for the new name once. */
export function renameFlow(store: Store) {
  return async function renameMember(
    conversation: Conversation<BotContext, FlowContext>,
    ctx: FlowContext,
    memberId: number,
    current: string,
  ): Promise<void> {
    await ctx.reply(ctx.t("members-rename-ask", { name: current }));
    for (;;) {
      const answer = await conversation.waitFor("message:text", { next: true });
      const text = answer.message.text.trim();
      if (text.startsWith("/") || kindsIn(text).length > 0) await conversation.halt({ next: true });
      if (isCancelWord(text)) {
        await answer.reply(answer.t("cancelled"));
        return;
      }
      const name = nameFromAnswer(text);
      if (!name) {
        await answer.reply(answer.t("name-invalid"));
        continue;
      }
      const outcome = await conversation.external(() => rename(store, memberId, name));
      if (!outcome.ok) {
        await answer.reply(answer.t("name-taken", { name, branch: outcome.branch }));
        continue;
      }
      await answer.reply(answer.t("members-renamed", { old: current, name }));
      return;
    }
  };
}

/** /name 李明: a member renames themself. */
export function nameFeature() {
  const feature = featureComposer();
  feature.command("name", async (ctx) => {
    const member = ctx.member;
    if (!member) return;
    const arg = ctx.match.trim();
    if (!arg) {
      await ctx.reply(ctx.t("name-usage", { name: member.name ?? "—" }));
      return;
    }
    const name = nameFromAnswer(arg);
    if (!name) {
      await ctx.reply(ctx.t("name-invalid-command"));
      return;
    }
    const outcome = await rename(ctx.deps.store, member.id, name);
    await ctx.reply(outcome.ok ? ctx.t("name-changed", { name }) : ctx.t("name-taken", { name, branch: outcome.branch }));
  });
  return feature;
}

export async function startNameFlowIfNeeded(ctx: BotContext): Promise<void> {
  if (ctx.member && !ctx.member.name && ctx.chat?.type === "private") {
    await ctx.conversation.enter(NAME_FLOW);
  }
}

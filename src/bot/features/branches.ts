import { InlineKeyboard } from "grammy";
import { normaliseBranchName } from "../../domain/membership.js";
import { callbackCodec } from "../../callbacks/codec.js";
import type { BotContext } from "../context.js";
import { requiresCommand } from "../middlewares/auth.js";
import { startNameFlowIfNeeded } from "./nameFlow.js";
import { featureComposer } from "../featureComposer.js";

export const branchButtons = callbackCodec("br", ["switch"] as const, ["branch"] as const);

/** /newbranch, /bind in a group, and switching the active branch. */
export function branchesFeature() {
  const feature = featureComposer();

  feature.chatType("private").command("newbranch", requiresCommand("newbranch"), async (ctx) => {
    const name = normaliseBranchName(ctx.match);
    if (!name) {
      await ctx.reply(ctx.t("newbranch-usage"));
      return;
    }
    const member = ctx.member;
    if (!member) return;
    const branch = await ctx.deps.store.branches.create(name, ctx.deps.config.DEFAULT_TIMEZONE, member.id);
    ctx.logger.info({ branch_id: branch.id }, "branch created");
    await ctx.reply(ctx.t(ctx.deps.config.CHANNEL === "wecom" ? "newbranch-done-wecom" : "newbranch-done", { branch: branch.name }));
    await startNameFlowIfNeeded(ctx);
  });

  feature.chatType(["group", "supergroup"]).command(
    "bind",
    requiresCommand("bind", async (ctx) => {
      const membership = ctx.member.membership;
      // In a group already bound, ctx.member.membership is that branch's (loadMember): another
      // branch's secretary is refused by requires() and cannot take the group away.
      await ctx.deps.store.branches.bindGroup(membership.branchId, ctx.chat.id);
      ctx.logger.info({ branch_id: membership.branchId }, "group bound");
      await ctx.reply(ctx.t("bind-done", { branch: membership.branchName }));
    }),
  );
  feature.chatType("private").command("bind", (ctx) => ctx.reply(ctx.t("bind-in-group")));

  feature.callbackQuery(branchButtons.filter, async (ctx) => {
    const data = branchButtons.parse(ctx.callbackQuery.data);
    const member = ctx.member;
    const mine = member ? await ctx.deps.store.branches.ofMember(member.id) : [];
    const target = data && mine.find((b) => b.id === data.branch);
    if (!target || !member) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale branch button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button") });
      return;
    }
    await ctx.deps.store.members.setActiveBranch(member.id, target.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("branch-switched", { branch: target.name, role: ctx.t(`role-${target.role}`) }));
  });
  return feature;
}

/** Buttons to switch branch, for members of several. */
export async function branchSwitchKeyboard(ctx: BotContext): Promise<InlineKeyboard | undefined> {
  if (!ctx.member || ctx.member.branchCount < 2) return undefined;
  const branches = await ctx.deps.store.branches.ofMember(ctx.member.id);
  const keyboard = new InlineKeyboard();
  for (const b of branches) {
    const current = b.id === ctx.member.membership?.branchId;
    keyboard.text(`${current ? "✓ " : ""}${b.name}`, branchButtons.pack({ action: "switch", branch: b.id })).row();
  }
  return keyboard;
}

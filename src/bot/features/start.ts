import { branchSwitchKeyboard } from "./branches.js";
import { featureComposer } from "../featureComposer.js";

export function startFeature() {
  const feature = featureComposer();
  const priv = feature.chatType("private");

  priv.command("start", async (ctx, next) => {
    // `/start <code>` (an invite deep link) is handled by the membership feature.
    if (ctx.match.trim()) return next();
    const member = ctx.member;
    const name = member?.name ?? ctx.from.first_name ?? "none";
    const lines = [`${ctx.t("start-hello", { name })}\n${ctx.t("start-welcome")}`];
    if (member?.membership) {
      lines.push(ctx.t("start-in-branch", { branch: member.membership.branchName, role: ctx.t(`role-${member.membership.role}`) }));
    } else {
      lines.push(ctx.t("start-no-branch"));
    }
    const keyboard = await branchSwitchKeyboard(ctx);
    if (keyboard) lines.push(ctx.t("branch-choose"));
    await ctx.reply(lines.join("\n\n"), keyboard ? { reply_markup: keyboard } : {});
  });

  feature.command("help", (ctx) => ctx.reply(ctx.t("help-text"), { parse_mode: "HTML" }));
  return feature;
}

// Asks the secretary for the theme the reminders carry (typed: a theme is free text).
import type { Conversation } from "@grammyjs/conversations";
import type { Store } from "../../../db/store.js";
import type { BotContext, FlowContext } from "../../context.js";
import { langOf } from "../../i18n.js";
import { renderPanel, type PanelData } from "./panels.js";
import { isCancelWord } from "../../cancelWord.js";

export const THEME_FLOW = "remindTheme";
const MAX_THEME = 100;

export async function panelData(store: Store, branchId: number, channel?: string): Promise<PanelData> {
  const [settings, branch] = await Promise.all([store.reminders.get(branchId), store.branches.get(branchId)]);
  return {
    branchId,
    timeZone: branch?.timeZone ?? "Asia/Shanghai",
    rule: settings.rule,
    enabled: settings.enabled,
    monthEndNudge: settings.monthEndNudge,
    groupBound: branch?.groupChatId != null,
    ...(channel === "wecom" ? { wecom: true } : {}),
  };
}

export function themeFlow(store: Store, clock: () => Date, channel?: string) {
  return async function remindTheme(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext, branchId: number): Promise<void> {
    const locale = await langOf(ctx);
    await ctx.reply(ctx.t("remind-theme-ask", { max: MAX_THEME }));
    const answer = await conversation.wait();
    const text = answer.message?.text?.trim();
    // A command, a button or anything but text leaves the question and is handled as usual.
    if (text === undefined || text.startsWith("/")) return conversation.halt({ next: true });
    if (isCancelWord(text)) {
      await answer.reply(answer.t("cancelled"));
      return;
    }
    if (text.length > MAX_THEME) {
      await answer.reply(answer.t("remind-theme-too-long", { max: MAX_THEME }));
      return;
    }
    const theme = text === "无" || text.toLowerCase() === "none" ? null : text;
    const saved = await conversation.external(async () => {
      const current = await store.reminders.get(branchId);
      await store.reminders.setRule(branchId, { ...current.rule, theme }, clock());
      return { data: await panelData(store, branchId, channel), now: clock().toISOString() };
    });
    await answer.reply(theme ? answer.t("remind-theme-saved", { theme }) : answer.t("remind-theme-cleared"));
    const panel = renderPanel("home", saved.data, (k, v) => answer.t(k, v), locale, new Date(saved.now));
    await answer.reply(panel.text, { reply_markup: panel.keyboard });
  };
}

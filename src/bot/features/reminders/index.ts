import { GrammyError } from "grammy";
import { emptyDraft } from "../../../domain/parse/index.js";
import { compareLocalDate, localDateOf } from "../../../domain/calendar/index.js";
import { describeNext } from "../../../domain/reminders/index.js";
import type { BotContext } from "../../context.js";
import { langOf } from "../../i18n.js";
import { requires, requiresCommand } from "../../middlewares/auth.js";
import { enterFlow } from "../logging/index.js";
import { noExtras } from "../logging/service.js";
import { followUpButtons, unpackDate } from "../../../callbacks/followUp.js";
import { settingsButtons } from "./buttons.js";
import { closedPanel, nextLine, renderPanel, type Panel, type Screen } from "./panels.js";
import { applyChoice, NTH_CODES } from "./settings.js";
import { deliveryStatusLines, missedToday } from "./status.js";
import { panelData, THEME_FLOW } from "./themeFlow.js";
import { featureComposer } from "../../featureComposer.js";

async function refuse(ctx: BotContext): Promise<void> {
  ctx.logger.warn({ data: ctx.callbackQuery?.data }, "refused crafted or stale reminder button");
  await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
}

/** Edits the panel in place; pressing the option already chosen changes nothing, which Telegram reports as an error. */
async function showPanel(ctx: BotContext, panel: Panel | { text: string; keyboard?: undefined }): Promise<void> {
  try {
    await ctx.editMessageText(panel.text, panel.keyboard ? { reply_markup: panel.keyboard } : {});
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
  }
}

const PICK_SCREENS: Partial<Record<string, Screen>> = {
  home: "home", pattern: "pattern", dom_pick: "dom_pick", nth_pick: "nth_pick", wd_pick: "wd_pick",
  hol_pick: "hol_pick", off_pick: "off_pick", time_pick: "time_pick", tgt_pick: "tgt_pick", fu_pick: "fu_pick",
};

/** /remind (the secretary's settings panel), /next (anyone in the branch), and the follow-up's "记录主题党日" button. */
export function remindersFeature() {
  const feature = featureComposer();

  feature.command("remind", requiresCommand("remind", async (ctx) => {
    const branchId = ctx.member.membership.branchId;
    const panel = renderPanel("home", await panelData(ctx.deps.store, branchId, ctx.deps.config.CHANNEL), (k, v) => ctx.t(k, v), await langOf(ctx), ctx.deps.now());
    await ctx.reply(panel.text, { reply_markup: panel.keyboard });
  }));

  feature.callbackQuery(settingsButtons.filter, requires("reminders.manage", async (ctx) => {
    const data = settingsButtons.parse(ctx.callbackQuery.data);
    const branchId = ctx.member.membership.branchId;
    if (!data || data.branch !== branchId) return refuse(ctx);
    const store = ctx.deps.store;
    const now = ctx.deps.now();
    const t = (k: string, v?: Record<string, string | number>) => ctx.t(k, v);
    const locale = await langOf(ctx);
    let screen: Screen = "home";
    let param = 0;
    const picked = PICK_SCREENS[data.action];
    if (picked) {
      if ((picked === "wd_pick" && !(NTH_CODES as readonly number[]).includes(data.a)) || (picked === "time_pick" && data.a > 1)) return refuse(ctx);
      screen = picked;
      param = data.a;
    } else if (data.action === "done") {
      await ctx.answerCallbackQuery();
      await showPanel(ctx, { text: closedPanel(await panelData(store, branchId, ctx.deps.config.CHANNEL), t, locale, now) });
      return;
    } else if (data.action === "theme") {
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(THEME_FLOW, branchId);
      return;
    } else if (data.action === "toggle") {
      const turningOn = !(await store.reminders.get(branchId)).enabled;
      await store.reminders.setEnabled(branchId, turningOn, now);
      // Reminders whose time has passed today are not sent afterwards: say so plainly.
      const missed = turningOn ? missedToday((await store.reminders.get(branchId)).rule, ctx.member.membership.timeZone, now) : [];
      if (missed.length) await ctx.reply(ctx.t("remind-missed-today", { times: missed.join("、") }));
    } else if (data.action === "nudge") {
      await store.reminders.setMonthEndNudge(branchId, !(await store.reminders.get(branchId)).monthEndNudge);
    } else {
      const rule = applyChoice((await store.reminders.get(branchId)).rule, data.action, data.a, data.b);
      if (!rule) return refuse(ctx);
      await store.reminders.setRule(branchId, rule, now);
      // Offsets and their times are set on one screen: stay there.
      if (data.action === "off" || data.action === "time") screen = "off_pick";
      ctx.logger.info({ branch_id: branchId, action: data.action }, "reminder rule changed");
    }
    await ctx.answerCallbackQuery();
    await showPanel(ctx, renderPanel(screen, await panelData(store, branchId, ctx.deps.config.CHANNEL), t, locale, now, param));
  }));

  feature.command("next", requiresCommand("next", async (ctx) => {
    const m = ctx.member.membership;
    const data = await panelData(ctx.deps.store, m.branchId, ctx.deps.config.CHANNEL);
    const locale = await langOf(ctx);
    const now = ctx.deps.now();
    const t = (k: string, v?: Record<string, string | number>) => ctx.t(k, v);
    if (!data.enabled) {
      await ctx.reply([ctx.t("next-off"), nextLine(data.rule, m.timeZone, now, locale, t)].filter(Boolean).join("\n"));
      return;
    }
    const where = data.rule.target !== "members" && !data.groupBound ? "members" : data.rule.target;
    const status = await deliveryStatusLines(ctx.deps.store, m.branchId, data.rule, m.timeZone, now, t);
    await ctx.reply([describeNext(data.rule, { now, timeZone: m.timeZone, locale }), ...status, ctx.t(`next-where-${where}`)].join("\n"));
  }));

  feature.callbackQuery(followUpButtons.filter, requires("activity.log", async (ctx) => {
    const data = followUpButtons.parse(ctx.callbackQuery.data);
    const date = data && unpackDate(data.date);
    const store = ctx.deps.store;
    const row = data ? await store.branches.membership(data.branch, ctx.member.id) : null;
    const branch = data && row?.status === "active" ? await store.branches.get(data.branch) : null;
    if (!data || !date || !branch || compareLocalDate(date, localDateOf(ctx.deps.now(), branch.timeZone)) > 0) return refuse(ctx);
    if (await store.reminders.themeDayLoggedOn(branch.id, date, branch.timeZone)) {
      await ctx.answerCallbackQuery({ text: ctx.t("remind-followup-already"), show_alert: true });
      return;
    }
    const { rule } = await store.reminders.get(branch.id);
    await ctx.answerCallbackQuery();
    await enterFlow(ctx, {
      draft: { ...emptyDraft(), kinds: ["theme_day"], date, title: rule.theme },
      extras: noExtras(),
      reporter: { branchId: branch.id, memberId: ctx.member.id, timeZone: branch.timeZone, name: ctx.member.name },
      source: null,
      editId: null,
      start: "review",
    });
  }));

  // Telegram tells us when someone blocks the bot or comes back: private reminders stop or resume.
  feature.on("my_chat_member", async (ctx, next) => {
    if (ctx.chat.type === "private") {
      const status = ctx.myChatMember.new_chat_member.status;
      if (status === "kicked") await ctx.deps.store.reminders.markBlockedByTelegramId(ctx.myChatMember.from.id, ctx.deps.now());
      else if (status === "member") await ctx.deps.store.reminders.markUnblocked(ctx.myChatMember.from.id);
    }
    await next();
  });

  return feature;
}

import { Composer } from "grammy";
import type { Lang } from "../../../domain/describe.js";
import { kindsIn, parseActivityLine } from "../../../domain/parse/index.js";
import { emptyDraft, type ParseProblem } from "../../../domain/parse/types.js";
import type { BotContext } from "../../context.js";
import { roleAllows } from "../../../domain/roles.js";
import { allowed, requires } from "../../middlewares/auth.js";
import { confirmCard, pendingButtons, sameEventQuestion, savedCard } from "./cards.js";
import { LOG_FLOW, type FlowInit } from "./flow.js";
import { pendingReports } from "./pending.js";
import { applyEditedText, findSameEvent, mergeInto, noExtras, saveDraft, yearTallies, type Reporter, type SourceMessage } from "./service.js";

export async function langOf(ctx: BotContext): Promise<Lang> {
  return (await ctx.i18n.getLocale()) === "en" ? "en" : "zh";
}

export function reporterOf(ctx: BotContext): Reporter {
  const m = ctx.member!.membership!;
  return { branchId: m.branchId, memberId: ctx.member!.id, timeZone: m.timeZone };
}

function problemText(ctx: BotContext, problems: ParseProblem[]): string {
  return problems.map((p) => ctx.t(`log-problem-${p.code}`, { text: p.text ?? "" })).join("\n");
}

/** /log with a line, plain reports in private chats, edits of reported messages, and the pending cards' buttons. */
export function loggingFeature() {
  const feature = new Composer<BotContext>();
  const pendingStore = (ctx: BotContext) => pendingReports(ctx.deps.store);

  feature.command("log", requires("activity.log"), async (ctx) => {
    const reporter = reporterOf(ctx);
    const line = ctx.match.trim();
    if (!line) {
      await enterFlow(ctx, { draft: emptyDraft(), extras: noExtras(), reporter, source: null, editId: null, start: "guided" });
      return;
    }
    const source: SourceMessage = { chatId: ctx.chat.id, messageId: ctx.msg.message_id, text: line };
    if (await replyIfAlreadySaved(ctx, source)) return;
    const result = parseActivityLine(line, { now: ctx.deps.now(), timeZone: reporter.timeZone });
    const hard = result.ok ? [] : result.problems.filter((p) => p.code === "empty" || p.code === "impossible_date" || p.code === "future_date");
    if (!result.ok && result.draft.kinds.length === 0 && result.draft.date === null && hard.length === 0) {
      await ctx.reply(`${problemText(ctx, result.problems)}\n${ctx.t("log-example")}`);
      return;
    }
    if (!result.ok) {
      // Say what was not understood, then ask only for what is missing.
      await ctx.reply(problemText(ctx, result.problems));
      const draft = { ...result.draft, date: hard.some((p) => p.code !== "empty") ? null : result.draft.date };
      await enterFlow(ctx, { draft, extras: noExtras(), reporter, source, editId: null, start: "missing" });
      return;
    }
    const existing = await findSameEvent(ctx.deps.store, result.draft, reporter);
    const lang = await langOf(ctx);
    if (existing) {
      const q = sameEventQuestion(existing, reporter.timeZone, lang, (k, v) => ctx.t(k, v));
      const sent = await ctx.reply(q.text, { reply_markup: q.keyboard });
      await pendingStore(ctx).put(ctx.chat.id, sent.message_id, { draft: result.draft, extras: noExtras(), reporter, source });
      return;
    }
    const saved = await saveDraft(ctx.deps.store, result.draft, noExtras(), reporter, source);
    const card = savedCard(saved.record, saved.tallies, reporter.timeZone, lang, (k, v) => ctx.t(k, v), saved.duplicate ? "log-already" : "log-saved");
    await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.msg.message_id } });
  });

  // A plain message in a private chat that reads as an activity: confirm before saving.
  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.msg.text.trim();
    if (text.startsWith("/")) return next();
    await plainReport(ctx, text, []);
  });

  // A photo with a caption that reads as an activity is a report with its photo; a bare photo gets a hint.
  feature.chatType("private").on("message:photo", async (ctx) => {
    const caption = ctx.msg.caption?.trim() ?? "";
    if (!caption || kindsIn(caption).length === 0) {
      await ctx.reply(ctx.t("photo-hint"));
      return;
    }
    await plainReport(ctx, caption, [ctx.msg.photo.at(-1)!.file_id]);
  });

  /** A plain message in a private chat that reads as an activity: confirm before saving. */
  async function plainReport(ctx: BotContext & { chat: { id: number }; msg: { message_id: number } }, text: string, photos: string[]): Promise<void> {
    if (!allowed(ctx, "activity.log")) {
      await ctx.reply(ctx.member?.membership ? ctx.t("log-hint") : ctx.t("not-in-branch"));
      return;
    }
    const reporter = reporterOf(ctx);
    const source = { chatId: ctx.chat.id, messageId: ctx.msg.message_id, text };
    if (await replyIfAlreadySaved(ctx, source)) return;
    const result = parseActivityLine(text, { now: ctx.deps.now(), timeZone: reporter.timeZone });
    if (result.draft.kinds.length === 0) {
      await ctx.reply(ctx.t("log-hint"));
      return;
    }
    const extras = { ...noExtras(), photos };
    if (!result.ok) {
      await ctx.reply(problemText(ctx, result.problems));
      const hard = result.problems.some((p) => p.code === "impossible_date" || p.code === "future_date");
      const draft = { ...result.draft, date: hard ? null : result.draft.date };
      await enterFlow(ctx, { draft, extras, reporter, source, editId: null, start: "missing" });
      return;
    }
    const card = confirmCard(result.draft, reporter.branchId, await langOf(ctx), (k, v) => ctx.t(k, v));
    const sent = await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.msg.message_id } });
    await pendingStore(ctx).put(ctx.chat.id, sent.message_id, { draft: result.draft, extras, reporter, source });
  }

  feature.callbackQuery(pendingButtons.filter, requires("activity.log"), async (ctx) => {
    const data = pendingButtons.parse(ctx.callbackQuery.data);
    const cardId = ctx.callbackQuery.message?.message_id;
    const pending = data && cardId !== undefined ? await pendingStore(ctx).get(ctx.chat!.id, cardId) : undefined;
    const stillMember = pending && ctx.member!.membership?.branchId === pending.reporter.branchId;
    if (!data || !pending || !stillMember || pending.reporter.memberId !== ctx.member!.id || data.branch !== pending.reporter.branchId) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale report button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const lang = await langOf(ctx);
    const t = (k: string, v?: Record<string, string | number>) => ctx.t(k, v);
    const { draft, extras, reporter, source } = pending;
    await ctx.answerCallbackQuery();
    if (data.action === "cancel") {
      await pendingStore(ctx).drop(ctx.chat!.id, cardId!);
      await ctx.editMessageText(ctx.t("log-cancelled"));
      return;
    }
    if (data.action === "edit") {
      await pendingStore(ctx).drop(ctx.chat!.id, cardId!);
      await ctx.editMessageReplyMarkup();
      await enterFlow(ctx, { draft, extras, reporter, source, editId: null, start: "review" });
      return;
    }
    if (data.action === "save") {
      const existing = await findSameEvent(ctx.deps.store, draft, reporter);
      if (existing) {
        const q = sameEventQuestion(existing, reporter.timeZone, lang, t);
        await ctx.editMessageText(q.text, { reply_markup: q.keyboard });
        return;
      }
    }
    const existing = data.action === "merge" ? await ctx.deps.store.activities.get(data.id) : null;
    const outcome = existing && existing.branchId === reporter.branchId
      ? await mergeInto(ctx.deps.store, existing, draft, extras, reporter)
      : await saveDraft(ctx.deps.store, draft, extras, reporter, source ?? undefined);
    await pendingStore(ctx).drop(ctx.chat!.id, cardId!);
    const card = savedCard(outcome.record, outcome.tallies, reporter.timeZone, lang, t, existing ? "log-merged" : outcome.duplicate ? "log-already" : "log-saved");
    await ctx.editMessageText(card.text, { reply_markup: card.keyboard });
  });

  // Editing the reported message updates its record.
  feature.on("edited_message:text", async (ctx) => {
    const record = await ctx.deps.store.activities.bySource(ctx.chat.id, ctx.editedMessage.message_id);
    if (!record || !ctx.member) return;
    // Still an active member of the record's branch (a removed member's old messages change nothing).
    const membership = await ctx.deps.store.members.membershipIn(ctx.member.id, record.branchId);
    if (!membership || (record.reporterId !== ctx.member.id && !roleAllows(membership.role, "activity.edit_any"))) return;
    const reporter: Reporter = { branchId: record.branchId, memberId: ctx.member.id, timeZone: membership.timeZone };
    const text = ctx.editedMessage.text.replace(/^\/log(@\w+)?\s*/, "").trim();
    const result = parseActivityLine(text, { now: ctx.deps.now(), timeZone: reporter.timeZone });
    if (!result.ok) {
      await ctx.reply(`${ctx.t("log-edit-not-applied")}\n${problemText(ctx, result.problems)}`, { reply_parameters: { message_id: ctx.editedMessage.message_id } });
      return;
    }
    const out = await applyEditedText(ctx.deps.store, record, result.draft, reporter);
    if (!out) return;
    const card = savedCard(out.record, out.tallies, reporter.timeZone, await langOf(ctx), (k, v) => ctx.t(k, v), "log-updated");
    await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.editedMessage.message_id } });
  });

  return feature;
}

/** A message Telegram delivers again (or a second tap) finds its record instead of making another. */
async function replyIfAlreadySaved(ctx: BotContext, source: SourceMessage): Promise<boolean> {
  const existing = await ctx.deps.store.activities.bySource(source.chatId, source.messageId);
  if (!existing) return false;
  const reporter = reporterOf(ctx);
  const tallies = await yearTallies(ctx.deps.store, reporter, existing.occurredAt, existing.kinds);
  const card = savedCard(existing, tallies, reporter.timeZone, await langOf(ctx), (k, v) => ctx.t(k, v), "log-already");
  await ctx.reply(card.text, { reply_markup: card.keyboard });
  return true;
}

export async function enterFlow(ctx: BotContext, init: FlowInit): Promise<void> {
  // In groups the bot does not see typed answers (privacy mode): step-by-step flows are private.
  if (ctx.chat?.type !== "private") {
    await ctx.reply(ctx.t("log-flow-private", { bot: ctx.me.username }));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(LOG_FLOW, init);
}

import { InlineKeyboard } from "grammy";
import type { ActivityRecord } from "../../../domain/activity.js";
import type { KindTally } from "../../../domain/tally/types.js";
import { kindsIn } from "../../../domain/parse/index.js";
import { emptyDraft, type ParseProblem } from "../../../domain/parse/types.js";
import type { BotContext } from "../../context.js";
import { langOf } from "../../i18n.js";
import { roleAllows } from "../../../domain/roles.js";
import { allowed, hasMembership, requires, requiresCommand } from "../../middlewares/auth.js";
import { confirmCard, pendingButtons, recordButtons, sameEventQuestion, savedCard, type Translate } from "./cards.js";
import { changedLine } from "./changes.js";
import { LOG_FLOW, type FlowInit } from "./flow.js";
import { pendingReports } from "./pending.js";
import {
  applyEditedText, findSameEvent, mergeInto, noExtras, readReport, saveDraft, saveUnlessSameEvent, yearTallies, type Reporter, type SourceMessage,
} from "./service.js";
import { featureComposer } from "../../featureComposer.js";

export function reporterOf(ctx: BotContext): Reporter {
  // Called behind requires("activity.log") or after checking ctx.member?.membership.
  if (!hasMembership(ctx)) throw new Error("reporterOf: the sender has no active branch");
  const m = ctx.member.membership;
  return { branchId: m.branchId, memberId: ctx.member.id, timeZone: m.timeZone, name: ctx.member.name };
}

function problemText(ctx: BotContext, problems: ParseProblem[]): string {
  return problems.map((p) => ctx.t(`log-problem-${p.code}`, { text: p.text ?? "" })).join("\n");
}

type MessageContext = BotContext & { chat: { id: number }; msg: { message_id: number } };

/**
 * How a report arrived: `/log <line>` saves at once when the line is complete; a plain message in a
 * private chat (or a photo's caption) first shows a confirmation card, because it may not be meant as one.
 */
type Arrival = { via: "command"; photos: string[] } | { via: "plain"; photos: string[] };

/**
 * The one pipeline every typed report goes through: one look-up of the source message, one parse read
 * against the roster, one rule for what stops a save, then save, "same event?", or the card.
 */
async function receiveReport(ctx: MessageContext, text: string, arrival: Arrival): Promise<void> {
  const reporter = reporterOf(ctx);
  const source: SourceMessage = { chatId: ctx.chat.id, messageId: ctx.msg.message_id, text };
  const read = await readReport(ctx.deps.store, text, reporter, ctx.deps.now(), arrival.photos);
  const { result, extras } = read;
  const savesAtOnce = arrival.via === "command" && result.ok && result.draft.kinds.length > 0 && result.draft.date !== null;
  // A report saved at once meets a message saved before at the unique source key of its INSERT; every other
  // way (card, flow, hint) looks the message up first.
  if (!savesAtOnce && (await replyIfAlreadySaved(ctx, source))) return;
  const hard = result.ok ? [] : result.problems.filter((p) => p.code === "empty" || p.code === "impossible_date" || p.code === "future_date");
  // Not a report at all: a plain message with no kind is conversation; a /log line with neither kind nor date is unreadable.
  const notAReport = result.draft.kinds.length === 0 && (arrival.via === "plain" || (result.draft.date === null && hard.length === 0));
  if (notAReport) {
    await ctx.reply(arrival.via === "plain" ? ctx.t("log-hint") : `${problemText(ctx, result.ok ? [] : result.problems)}\n${ctx.t("log-example")}`);
    return;
  }
  if (!result.ok) {
    // Say what was not understood, then ask only for what is missing; the answer ends on the review card.
    await ctx.reply(problemText(ctx, result.problems));
    const draft = { ...read.draft, date: hard.some((p) => p.code !== "empty") ? null : read.draft.date };
    await enterFlow(ctx, { draft, extras, reporter, source, editId: null, start: "missing" });
    return;
  }
  const lang = await langOf(ctx);
  const t: Translate = (k, v) => ctx.t(k, v);
  const pending = { draft: read.draft, extras, reporter, source };
  if (arrival.via === "plain") {
    const card = confirmCard(read.draft, extras, reporter.branchId, read.names, lang, t);
    const sent = await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.msg.message_id } });
    await pendingReports(ctx.deps.store).put(ctx.chat.id, sent.message_id, pending);
    return;
  }
  const outcome = await saveUnlessSameEvent(ctx.deps.store, read.draft, extras, reporter, source);
  if ("sameEvent" in outcome) {
    const q = sameEventQuestion(outcome.sameEvent, reporter.timeZone, lang, t);
    const sent = await ctx.reply(q.text, { reply_markup: q.keyboard });
    await pendingReports(ctx.deps.store).put(ctx.chat.id, sent.message_id, pending);
    return;
  }
  if ("already" in outcome) {
    await replyAlreadySaved(ctx, outcome.already, outcome.tallies, source.messageId);
    return;
  }
  const card = savedCard(outcome.saved.record, outcome.saved.tallies, reporter.timeZone, lang, t, "log-saved", read.names);
  await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.msg.message_id } });
}

/** /log with a line, plain reports in private chats, edits of reported messages, and the pending cards' buttons. */
export function loggingFeature() {
  const feature = featureComposer();
  const pendingStore = (ctx: BotContext) => pendingReports(ctx.deps.store);

  feature.command("log", requiresCommand("log"), async (ctx) => {
    const line = ctx.match.trim();
    if (!line) {
      await enterFlow(ctx, { draft: emptyDraft(), extras: noExtras(), reporter: reporterOf(ctx), source: null, editId: null, start: "guided" });
      return;
    }
    await receiveReport(ctx, line, { via: "command", photos: [] });
  });

  // A plain message in a private chat that reads as an activity: confirm before saving.
  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.msg.text.trim();
    if (text.startsWith("/")) return next();
    if (!allowed(ctx, "activity.log")) {
      await ctx.reply(ctx.member?.membership ? ctx.t("log-hint") : ctx.t("not-in-branch"));
      return;
    }
    await receiveReport(ctx, text, { via: "plain", photos: [] });
  });

  // A photo with a caption that reads as an activity is a report with its photo; a bare photo gets a hint.
  feature.chatType("private").on("message:photo", async (ctx) => {
    const caption = ctx.msg.caption?.trim() ?? "";
    if (!caption || kindsIn(caption).length === 0) {
      await ctx.reply(ctx.t("photo-hint"));
      return;
    }
    if (!allowed(ctx, "activity.log")) {
      await ctx.reply(ctx.member?.membership ? ctx.t("log-hint") : ctx.t("not-in-branch"));
      return;
    }
    const photo = ctx.msg.photo.at(-1);
    await receiveReport(ctx, caption, { via: "plain", photos: photo ? [photo.file_id] : [] });
  });

  feature.callbackQuery(pendingButtons.filter, requires("activity.log"), async (ctx) => {
    const data = pendingButtons.parse(ctx.callbackQuery.data);
    const cardId = ctx.callbackQuery.message?.message_id;
    const chatId = ctx.chat?.id;
    const pending = data && cardId !== undefined && chatId !== undefined ? await pendingStore(ctx).get(chatId, cardId) : undefined;
    const member = ctx.member;
    const stillMember = pending && member?.membership?.branchId === pending.reporter.branchId;
    if (!data || !pending || !member || chatId === undefined || cardId === undefined || !stillMember || pending.reporter.memberId !== member.id || data.branch !== pending.reporter.branchId) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale report button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const lang = await langOf(ctx);
    const t = (k: string, v?: Record<string, string | number>) => ctx.t(k, v);
    const { draft, extras, reporter, source } = pending;
    await ctx.answerCallbackQuery();
    if (data.action === "cancel") {
      await pendingStore(ctx).drop(chatId, cardId);
      await ctx.editMessageText(ctx.t("log-cancelled"));
      return;
    }
    if (data.action === "edit" || data.action === "people") {
      await pendingStore(ctx).drop(chatId, cardId);
      await ctx.editMessageReplyMarkup();
      await enterFlow(ctx, { draft, extras, reporter, source, editId: null, start: data.action === "people" ? "people" : "review" });
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
    await pendingStore(ctx).drop(chatId, cardId);
    const names = await ctx.deps.store.branches.memberNames(reporter.branchId);
    const card = savedCard(outcome.record, outcome.tallies, reporter.timeZone, lang, t, existing ? "log-merged" : outcome.duplicate ? "log-already" : "log-saved", names);
    await ctx.editMessageText(card.text, { reply_markup: card.keyboard });
  });

  // Editing the reported message reads it again; fields set by hand stay as they were.
  feature.on("edited_message:text", async (ctx) => {
    const record = await ctx.deps.store.activities.bySource(ctx.chat.id, ctx.editedMessage.message_id);
    if (!record || record.deleted || !ctx.member) return;
    // Still an active member of the record's branch (a removed member's old messages change nothing).
    const membership = await ctx.deps.store.members.membershipIn(ctx.member.id, record.branchId);
    if (!membership || (record.reporterId !== ctx.member.id && !roleAllows(membership.role, "activity.edit_any"))) return;
    const reporter: Reporter = { branchId: record.branchId, memberId: ctx.member.id, timeZone: membership.timeZone, name: ctx.member.name };
    const text = ctx.editedMessage.text.replace(/^\/log(@\w+)?\s*/, "").trim();
    const read = await readReport(ctx.deps.store, text, reporter, ctx.deps.now());
    if (!read.result.ok) {
      await ctx.reply(`${ctx.t("log-edit-not-applied")}\n${problemText(ctx, read.result.problems)}`, { reply_parameters: { message_id: ctx.editedMessage.message_id } });
      return;
    }
    const out = await applyEditedText(ctx.deps.store, record, read, reporter);
    if (!out) return;
    const t: Translate = (k, v) => ctx.t(k, v);
    const names = await ctx.deps.store.branches.memberNames(record.branchId);
    const card = savedCard(out.record, out.tallies, reporter.timeZone, await langOf(ctx), t, "log-updated", names);
    const kept = record.editedFields.length ? `\n${t("log-edit-kept")}` : "";
    await ctx.reply(`${card.text}\n\n${changedLine(t, out.changed)}${kept}`, { reply_markup: card.keyboard, reply_parameters: { message_id: ctx.editedMessage.message_id } });
  });

  return feature;
}

/**
 * The one source-message check: a message Telegram delivers again (or a second tap) finds its record
 * instead of making another; a message whose record was deleted offers it back rather than saving it twice.
 */
async function replyIfAlreadySaved(ctx: BotContext, source: SourceMessage): Promise<boolean> {
  const existing = await ctx.deps.store.activities.bySource(source.chatId, source.messageId);
  if (!existing) return false;
  const tallies = existing.deleted ? [] : await yearTallies(ctx.deps.store, reporterOf(ctx), existing.occurredAt, existing.kinds);
  await replyAlreadySaved(ctx, existing, tallies, source.messageId);
  return true;
}

/** The answer to a message saved before: its record's card, or, when that record was deleted, an offer to restore it. */
async function replyAlreadySaved(ctx: BotContext, existing: ActivityRecord & { deleted: boolean }, tallies: KindTally[], messageId: number): Promise<void> {
  if (existing.deleted) {
    await ctx.reply(ctx.t("log-source-deleted", { id: existing.id }), {
      reply_markup: new InlineKeyboard().text(ctx.t("undo-restore"), recordButtons.pack({ action: "restore", branch: existing.branchId, id: existing.id })),
    });
    return;
  }
  const reporter = reporterOf(ctx);
  const names = await ctx.deps.store.branches.memberNames(existing.branchId);
  const card = savedCard(existing, tallies, reporter.timeZone, await langOf(ctx), (k, v) => ctx.t(k, v), "log-already", names);
  // An answer to that message (also when a report is handled again after a crash).
  await ctx.reply(card.text, { reply_markup: card.keyboard, reply_parameters: { message_id: messageId, allow_sending_without_reply: true } });
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

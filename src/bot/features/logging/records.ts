import { InlineKeyboard } from "grammy";
import type { ActivityRecord } from "../../../domain/activity.js";
import { describeShort } from "../../../domain/describe.js";
import { callbackCodec } from "../../../callbacks/codec.js";
import type { BotContext } from "../../context.js";
import { allowed, requires, requiresCommand } from "../../middlewares/auth.js";
import { recordButtons } from "./cards.js";
import { langOf } from "../../i18n.js";
import { enterFlow, reporterOf } from "./index.js";
import { draftOfRecord } from "./service.js";
import { featureComposer } from "../../featureComposer.js";

const MINE_LIMIT = 10;
const listButtons = callbackCodec("recl", ["own", "branch"] as const, ["branch"] as const);

/** Whether the sender may change this record: their own, or any of the branch for committee and secretary. */
function mayChange(ctx: BotContext, r: ActivityRecord): boolean {
  const member = ctx.member;
  const m = member?.membership;
  if (!member || !m || r.branchId !== m.branchId) return false;
  return r.reporterId === member.id || allowed(ctx, "activity.edit_any");
}

/** /mine, /undo, the edit/undo/restore buttons of saved records, and photos sent as replies to a record. */
export function recordsFeature() {
  const feature = featureComposer();

  /** A numbered list of records with ✏️/🗑 buttons; editors get a button to switch to the whole branch's. */
  async function recordList(ctx: BotContext, whole: boolean) {
    const reporter = reporterOf(ctx);
    const store = ctx.deps.store.activities;
    const records = whole ? await store.recentInBranch(reporter.branchId, MINE_LIMIT) : await store.recentByReporter(reporter.branchId, reporter.memberId, MINE_LIMIT);
    const lang = await langOf(ctx);
    const lines = records.map((r, i) => `${i + 1}. ${describeShort(r, reporter.timeZone, lang)}`);
    const keyboard = new InlineKeyboard();
    records.forEach((r, i) => {
      keyboard
        .text(`✏️ ${i + 1}`, recordButtons.pack({ action: "edit", branch: r.branchId, id: r.id }))
        .text(`🗑 ${i + 1}`, recordButtons.pack({ action: "del", branch: r.branchId, id: r.id }));
      if (i % 2 === 1) keyboard.row();
    });
    if (allowed(ctx, "activity.edit_any")) {
      keyboard.row().text(ctx.t(whole ? "mine-show-own" : "mine-show-branch"), listButtons.pack({ action: whole ? "own" : "branch", branch: reporter.branchId }));
    }
    const title = whole ? ctx.t("mine-branch-title", { n: records.length }) : ctx.t("mine-title", { n: records.length });
    const text = records.length ? [title, ...lines].join("\n") : ctx.t(whole ? "mine-branch-empty" : "mine-empty");
    return { text, keyboard };
  }

  feature.command("mine", requiresCommand("mine"), async (ctx) => {
    const { text, keyboard } = await recordList(ctx, false);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  feature.callbackQuery(listButtons.filter, requires("activity.edit_any", async (ctx) => {
    const data = listButtons.parse(ctx.callbackQuery.data);
    if (!data || data.branch !== ctx.member.membership.branchId) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale list button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const { text, keyboard } = await recordList(ctx, data.action === "branch");
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: keyboard });
  }));

  feature.command("undo", requiresCommand("undo"), async (ctx) => {
    const reporter = reporterOf(ctx);
    const [last] = await ctx.deps.store.activities.recentByReporter(reporter.branchId, reporter.memberId, 1);
    if (!last) {
      await ctx.reply(ctx.t("mine-empty"));
      return;
    }
    await ctx.deps.store.activities.softDelete(last.id, reporter.memberId, ctx.deps.now(), reporter.timeZone);
    await ctx.reply(ctx.t("undo-done", { what: describeShort(last, reporter.timeZone, await langOf(ctx)) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("undo-restore"), recordButtons.pack({ action: "restore", branch: last.branchId, id: last.id })),
    });
  });

  feature.callbackQuery(recordButtons.filter, requires("activity.log"), async (ctx) => {
    const data = recordButtons.parse(ctx.callbackQuery.data);
    const store = ctx.deps.store.activities;
    const record = data ? await (data.action === "restore" ? store.getAny(data.id) : store.get(data.id)) : null;
    if (!data || !record || !mayChange(ctx, record)) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale record button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const reporter = reporterOf(ctx);
    const lang = await langOf(ctx);
    if (data.action === "restore") {
      const ok = await store.restore(data.id, reporter.memberId, reporter.branchId, reporter.timeZone);
      await ctx.answerCallbackQuery({ text: ctx.t(ok ? "undo-restored" : "error-bad-button") });
      if (ok) await ctx.editMessageText(ctx.t("undo-restored"));
      return;
    }
    await ctx.answerCallbackQuery();
    if (data.action === "edit" || data.action === "people") {
      const { draft, extras } = draftOfRecord(record, reporter.timeZone);
      await enterFlow(ctx, { draft, extras, reporter, source: null, editId: record.id, start: data.action === "people" ? "people" : "review" });
      return;
    }
    // undo (on a fresh card) and del (from /mine) both delete softly, with a way back.
    await store.softDelete(record.id, reporter.memberId, ctx.deps.now(), reporter.timeZone);
    const text = ctx.t("undo-done", { what: describeShort(record, reporter.timeZone, lang) });
    const keyboard = new InlineKeyboard().text(ctx.t("undo-restore"), recordButtons.pack({ action: "restore", branch: record.branchId, id: record.id }));
    if (data.action === "undo") await ctx.editMessageText(text, { reply_markup: keyboard });
    else await ctx.reply(text, { reply_markup: keyboard });
  });

  // A photo sent as a reply to a record's card (or to the reported message) is attached to it.
  feature.on("message:photo", async (ctx, next) => {
    const reply = ctx.msg.reply_to_message;
    if (!reply || !ctx.member?.membership) return next();
    const fromCard = reply.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? recordButtons.parse(b.callback_data) : null)).find(Boolean);
    const record = fromCard ? await ctx.deps.store.activities.get(fromCard.id) : await ctx.deps.store.activities.bySource(ctx.chat.id, reply.message_id);
    // Telegram sends a photo in one or more sizes, the largest last.
    const largest = ctx.msg.photo.at(-1);
    if (!record || !largest || !mayChange(ctx, record)) return next();
    await ctx.deps.store.activities.addPhoto(record.id, largest.file_id);
    const n = await ctx.deps.store.activities.photoCount(record.id);
    await ctx.reply(ctx.t("photo-attached", { n }), { reply_parameters: { message_id: ctx.msg.message_id } });
  });

  return feature;
}

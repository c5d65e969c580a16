// The guided logging flow (/log alone, 修改 on a card, /mine → edit, 选择参加人员, and reports missing a
// date or kind). Conversations replay this function on every update: database calls and the clock go
// through conversation.external, and only plain data crosses that boundary. The steps are a table
// (flowSteps.ts); this file walks it, shows one panel, and saves.
import type { Conversation } from "@grammyjs/conversations";
import { GrammyError, type InlineKeyboard } from "grammy";
import { todayIn } from "../../../domain/calendar/index.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { Store } from "../../../db/store.js";
import type { BotContext, FlowContext } from "../../context.js";
import { langOf } from "../../i18n.js";
import { savedCard } from "./cards.js";
import { flowButtons, sameEventKeyboard } from "./flowUi.js";
import { reviewText, stepDef, type FlowState, type Input, type Step } from "./flowSteps.js";
import { changedLine } from "./changes.js";
import { findSameEvent, mergeInto, saveDraft, updateFromDraft, type DraftExtras, type Reporter, type SourceMessage } from "./service.js";

export const LOG_FLOW = "logFlow";

export interface FlowInit {
  draft: ActivityDraft;
  extras: DraftExtras;
  reporter: Reporter;
  source: SourceMessage | null;
  /** Editing this record rather than creating one. */
  editId: number | null;
  /**
   * guided: every step; missing: only the date/kind still needed, then the review card; review: straight
   * to the card; people: the 人数 screen (选择参加人员), then save.
   */
  start: "guided" | "missing" | "review" | "people";
}

/** Edit failures that mean "send the panel again"; "not modified" means it already shows this. */
function editOutcome(error: unknown): "unchanged" | "resend" {
  if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return "unchanged";
  if (error instanceof GrammyError && /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description)) return "resend";
  throw error;
}

export function logFlow(store: Store, clock: () => Date) {
  return async function logFlowImpl(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext, init: FlowInit): Promise<void> {
    const lang = await langOf(ctx);
    const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
    const { reporter } = init;
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const members = await conversation.external(async () =>
      (await store.branches.members(reporter.branchId)).filter((m) => m.status === "active").map((m) => ({ id: m.memberId, name: m.name ?? m.username ?? String(m.telegramId) })),
    );
    // The app's clock (tests control it), read once through external so replays see the same value.
    const now = new Date(await conversation.external(() => clock().toISOString()));
    const s: FlowState = {
      draft: { ...structuredClone(init.draft), everyone: init.draft.everyone ?? false, participants: init.draft.participants ?? [] },
      extras: structuredClone(init.extras),
      members, lang, t, now, today: todayIn(now, reporter.timeZone), timeZone: reporter.timeZone, editing: init.editId !== null, canGoBack: false,
    };
    // 选择参加人员 when the number is the whole roster: everyone is ticked to start with.
    if (init.start === "people" && s.extras.attendeeIds.length === 0 && s.draft.presentCount === members.length) s.extras.attendeeIds = members.map((m) => m.id);

    const queue: Step[] =
      init.start === "guided" ? ["kind", "date", "title", "people", "review"]
      : init.start === "review" ? ["review"]
      : init.start === "people" ? ["people"]
      : [...(s.draft.kinds.length ? [] : (["kind"] as Step[])), ...(s.draft.date ? [] : (["date"] as Step[])), "review"];
    let index = 0;
    let step: Step = queue[0] ?? "review";
    let panelId: number | null = null;
    let notice = "";

    /** Shows a step in the flow's one panel message (edited in place); no keyboard ends the panel. */
    const show = async (text: string, keyboard?: InlineKeyboard) => {
      const body = notice ? `${notice}\n\n${text}` : text;
      notice = "";
      const extra = keyboard ? { reply_markup: keyboard } : {};
      if (panelId !== null) {
        try {
          await ctx.api.editMessageText(chatId, panelId, body, extra);
          return;
        } catch (error) {
          if (editOutcome(error) === "unchanged") return;
        }
      }
      panelId = (await ctx.reply(body, extra)).message_id;
    };

    const read = async (): Promise<Input> => {
      for (;;) {
        const u = await conversation.wait();
        const text = u.message?.text ?? u.message?.caption;
        const photo = u.message?.photo?.at(-1);
        if (photo) {
          s.extras.photos.push(photo.file_id);
          await u.reply(u.t("log-photo-added", { n: s.extras.photos.length }));
          if (!u.message?.caption) continue;
        }
        if (text?.startsWith("/")) await conversation.halt({ next: true });
        if (text) return { kind: "text", text };
        if (u.callbackQuery) {
          const data = flowButtons.parse(u.callbackQuery.data);
          // Buttons of other messages (an older card) are handled outside the flow.
          if (!data || u.callbackQuery.message?.message_id !== panelId) await conversation.skip({ next: true });
          await u.answerCallbackQuery();
          if (data) return { kind: "button", action: data.action, n: data.n };
        }
        await conversation.skip();
      }
    };

    const finish = async (record: Parameters<typeof savedCard>[0], tallies: Parameters<typeof savedCard>[1], head: string, extra = "") => {
      const names = new Map(members.map((m) => [m.id, m.name]));
      const card = savedCard(record, tallies, reporter.timeZone, lang, t, head, names);
      await show(extra ? `${card.text}\n\n${extra}` : card.text, card.keyboard);
    };

    // Walk the steps until the member saves from the review (or a "people"/"missing" flow reaches its end).
    for (;;) {
      s.canGoBack = index > 0 || step.startsWith("field:");
      const def = stepDef(step);
      const prompt = def.prompt(s);
      await show(prompt.text, prompt.keyboard);
      const input = await read();
      if (input.kind === "button" && input.action === "cancel") {
        await show(t("log-cancelled"));
        return;
      }
      if (input.kind === "button" && input.action === "back") {
        if (step.startsWith("field:")) step = "review";
        else if (index > 0) step = queue[--index] ?? "review";
        continue;
      }
      if (step === "review" && input.kind === "button" && input.action === "save") {
        const saved = await save();
        if (saved) return;
        continue;
      }
      const outcome = def.handle(s, input);
      if (outcome.to === "stay") notice = outcome.notice ?? "";
      else if (outcome.to !== "done") step = outcome.to;
      else if (step.startsWith("field:")) step = "review";
      else if (init.start === "people" && init.editId !== null) {
        if (await save()) return;
      } else step = queue[++index] ?? "review";
    }

    /** Saves (or updates); false when the member went back to the review instead. */
    async function save(): Promise<boolean> {
      // A member removed meanwhile, or a branch left, saves nothing.
      const stillMember = await conversation.external(async () => (await store.members.membershipIn(reporter.memberId, reporter.branchId)) !== null);
      if (!stillMember) {
        await show(t("log-not-member"));
        return true;
      }
      const editId = init.editId;
      if (editId !== null) {
        const updated = await conversation.external(async () => {
          const out = await updateFromDraft(store, editId, s.draft, s.extras, reporter);
          return out && { record: out.record, tallies: out.tallies, changed: out.changed };
        });
        if (!updated) await show(t("log-gone"));
        else await finish(updated.record, updated.tallies, "log-updated", changedLine(t, updated.changed));
        return true;
      }
      // Ask "same event?" first when the branch already has one like it.
      const existing = await conversation.external(() => findSameEvent(store, s.draft, reporter));
      if (existing) {
        await show(`${t("log-same-event")}\n${reviewText(s)}`, sameEventKeyboard(t));
        const answer = await read();
        if (answer.kind === "button" && answer.action === "cancel") {
          await show(t("log-cancelled"));
          return true;
        }
        if (answer.kind === "button" && answer.action === "merge") {
          const merged = await conversation.external(async () => {
            const out = await mergeInto(store, existing, s.draft, s.extras, reporter);
            return { record: out.record, tallies: out.tallies };
          });
          await finish(merged.record, merged.tallies, "log-merged");
          return true;
        }
        if (!(answer.kind === "button" && answer.action === "new")) {
          step = "review";
          return false;
        }
      }
      const saved = await conversation.external(async () => {
        const out = await saveDraft(store, s.draft, s.extras, reporter, init.source ?? undefined);
        return { record: out.record, tallies: out.tallies };
      });
      await finish(saved.record, saved.tallies, "log-saved");
      return true;
    }
  };
}

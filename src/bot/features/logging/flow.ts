// The guided logging flow (/log alone, 修改 on a card, /mine → edit, and /log lines missing a date or kind).
// Conversations replay this function on every update: database calls and the clock go through
// conversation.external / conversation.now, and only plain data crosses that boundary.
import type { Conversation } from "@grammyjs/conversations";
import type { InlineKeyboard } from "grammy";
import { ACTIVITY_KINDS } from "../../../domain/kinds.js";
import { type Lang, describeCard, fieldsOfDraft } from "../../../domain/describe.js";
import { addDays, todayIn } from "../../../domain/calendar/index.js";
import { kindFromLabel } from "../../../domain/parse/kinds.js";
import { parseChineseDate, parseCount } from "../../../domain/parse/index.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { Store } from "../../../db/store.js";
import type { BotContext, FlowContext } from "../../context.js";
import { savedCard } from "./cards.js";
import {
  backKeyboard, dateKeyboard, EDITABLE_FIELDS, flowButtons, kindKeyboard, peopleKeyboard, reviewKeyboard, sameEventKeyboard, skipKeyboard,
  type EditableField, type FlowAction,
} from "./flowUi.js";
import { findSameEvent, mergeInto, saveDraft, updateFromDraft, type DraftExtras, type Reporter, type SourceMessage } from "./service.js";

export const LOG_FLOW = "logFlow";

export interface FlowInit {
  draft: ActivityDraft;
  extras: DraftExtras;
  reporter: Reporter;
  source: SourceMessage | null;
  /** Editing this record rather than creating one. */
  editId: number | null;
  /** guided: every step; missing: only the date/kind still needed, then save; review: straight to the card. */
  start: "guided" | "missing" | "review";
}

type Step = "kind" | "date" | "title" | "people" | "review" | `field:${EditableField}` | "same";
type Input = { kind: "button"; action: FlowAction; n: number } | { kind: "text"; text: string };

const TEXT_FIELDS = ["title", "location", "host", "recorder", "speaker", "notes"] as const;

export function logFlow(store: Store, clock: () => Date) {
  return async function logFlowImpl(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext, init: FlowInit): Promise<void> {
    const lang: Lang = (await ctx.i18n.getLocale()) === "en" ? "en" : "zh";
    const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
    const { reporter } = init;
    const draft: ActivityDraft = structuredClone(init.draft);
    const extras: DraftExtras = structuredClone(init.extras);
    const members = await conversation.external(async () =>
      (await store.branches.members(reporter.branchId)).filter((m) => m.status === "active").map((m) => ({ id: m.memberId, name: m.name ?? m.username ?? String(m.telegramId) })),
    );
    // The app's clock (tests control it), read once through external so replays see the same value.
    const now = new Date(await conversation.external(() => clock().toISOString()));
    const today = todayIn(now, reporter.timeZone);

    const guided: Step[] = ["kind", "date", "title", "people", "review"];
    const queue: Step[] =
      init.start === "guided" ? guided
      : init.start === "review" ? ["review"]
      : [...(draft.kinds.length ? [] : (["kind"] as Step[])), ...(draft.date ? [] : (["date"] as Step[]))];
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
          await ctx.api.editMessageText(ctx.chat!.id, panelId, body, extra);
          return;
        } catch {
          // The panel was deleted or is unchanged: send a fresh one.
        }
      }
      panelId = (await ctx.reply(body, extra)).message_id;
    };
    const next = () => {
      index += 1;
      step = queue[index] ?? "review";
    };
    const back = () => {
      if (step.startsWith("field:") || step === "same") step = "review";
      else if (index > 0) step = queue[--index]!;
    };

    const read = async (): Promise<Input> => {
      for (;;) {
        const u = await conversation.wait();
        const text = u.message?.text ?? u.message?.caption;
        if (u.message?.photo) {
          extras.photos.push(u.message.photo.at(-1)!.file_id);
          await u.reply(u.t("log-photo-added", { n: extras.photos.length }));
          if (!u.message.caption) continue;
        }
        if (text?.startsWith("/")) await conversation.halt({ next: true });
        if (text) return { kind: "text", text };
        if (u.callbackQuery) {
          const data = flowButtons.parse(u.callbackQuery.data);
          // Buttons of other messages (an older card) are handled outside the flow.
          if (!data || u.callbackQuery.message?.message_id !== panelId) await conversation.skip({ next: true });
          await u.answerCallbackQuery();
          return { kind: "button", action: data!.action, n: data!.n };
        }
        await conversation.skip();
      }
    };

    // "missing" saves as soon as the date and kind are there, unless the member goes back to review.
    let reviewing = init.start !== "missing";
    for (;;) {
      for (;;) {
        if (step === "review" && !reviewing) break;
        const prompt = prompts(step);
        await show(prompt.text, prompt.keyboard);
        const input = await read();
        if (input.kind === "button" && input.action === "cancel") {
          await show(t("log-cancelled"));
          return;
        }
        if (input.kind === "button" && input.action === "back") {
          back();
          continue;
        }
        if (step === "review" && input.kind === "button" && input.action === "save") break;
        handle(input);
      }
      // A member removed meanwhile, or a branch left, saves nothing.
      const stillMember = await conversation.external(async () => (await store.members.membershipIn(reporter.memberId, reporter.branchId)) !== null);
      if (!stillMember) {
        await show(t("log-not-member"));
        return;
      }
      if (init.editId !== null) break;
      // Ask "same event?" first when the branch already has one like it.
      const existing = await conversation.external(() => findSameEvent(store, draft, reporter));
      if (existing) {
        step = "same";
        await show(`${t("log-same-event")}\n${describeCard(fieldsOfDraft(draft), lang)}`, sameEventKeyboard(t));
        const answer = await read();
        if (answer.kind === "button" && answer.action === "back") {
          step = "review";
          reviewing = true;
          continue;
        }
        if (answer.kind === "button" && answer.action === "cancel") {
          await show(t("log-cancelled"));
          return;
        }
        if (answer.kind === "button" && answer.action === "merge") {
          const merged = await conversation.external(async () => {
            const out = await mergeInto(store, existing, draft, extras, reporter);
            return { record: out.record, tallies: out.tallies };
          });
          const card = savedCard(merged.record, merged.tallies, reporter.timeZone, lang, t, "log-merged");
          await show(card.text, card.keyboard);
          return;
        }
        if (!(answer.kind === "button" && answer.action === "new")) {
          step = "review";
          reviewing = true;
          continue;
        }
      }
      const saved = await conversation.external(async () => {
        const out = await saveDraft(store, draft, extras, reporter, init.source ?? undefined);
        return { record: out.record, tallies: out.tallies };
      });
      const card = savedCard(saved.record, saved.tallies, reporter.timeZone, lang, t);
      await show(card.text, card.keyboard);
      return;
    }
    const editId = init.editId;
    const updated = await conversation.external(async () => {
      const out = await updateFromDraft(store, editId, draft, extras, reporter);
      return out && { record: out.record, tallies: out.tallies };
    });
    if (!updated) {
      await show(t("log-gone"));
      return;
    }
    const card = savedCard(updated.record, updated.tallies, reporter.timeZone, lang, t, "log-updated");
    await show(card.text, card.keyboard);

    function prompts(s: Step): { text: string; keyboard: InlineKeyboard } {
      const canGoBack = index > 0 || s.startsWith("field:");
      switch (s) {
        case "kind": return { text: t("log-ask-kind"), keyboard: kindKeyboard(lang, t, null, canGoBack) };
        case "date": return { text: t("log-ask-date"), keyboard: dateKeyboard(t, canGoBack) };
        case "title": return { text: t("log-ask-title"), keyboard: skipKeyboard(t, canGoBack) };
        case "people": return { text: t("log-ask-people"), keyboard: peopleKeyboard(t, members, extras.attendeeIds, canGoBack) };
        case "review": case "same":
          return { text: `${t(init.editId ? "log-review-edit" : "log-review")}\n${describeCard(fieldsOfDraft(draft), lang)}\n\n${t("log-review-hint")}`, keyboard: reviewKeyboard(t, init.editId !== null) };
        case "field:kinds": return { text: t("log-ask-kinds"), keyboard: kindKeyboard(lang, t, draft.kinds, true) };
        case "field:date": return { text: t("log-ask-date"), keyboard: dateKeyboard(t, true) };
        case "field:people": return { text: t("log-ask-people"), keyboard: peopleKeyboard(t, members, extras.attendeeIds, true) };
        default: return { text: t(`log-ask-${s.slice(6)}`), keyboard: backKeyboard(t) };
      }
    }

    function handle(input: Input): void {
      const field = step.startsWith("field:") ? (step.slice(6) as EditableField) : null;
      const done = (): void => {
        if (field) step = "review";
        else next();
      };
      const base = field === "kinds" ? "kind" : field === "date" ? "date" : field === "people" ? "people" : field ? "text" : step;
      if (step === "review") {
        if (input.kind === "button" && input.action === "field") step = `field:${EDITABLE_FIELDS[input.n] ?? "title"}`;
        else if (input.kind === "text") notice = t("log-review-use-buttons");
        return;
      }
      switch (base) {
        case "kind": {
          if (input.kind === "button" && (input.action === "kind" || input.action === "ktoggle")) {
            const kind = ACTIVITY_KINDS[input.n];
            if (!kind) return;
            if (input.action === "kind") {
              draft.kinds = [kind];
              return done();
            }
            draft.kinds = draft.kinds.includes(kind) ? draft.kinds.filter((k) => k !== kind) : [...draft.kinds, kind];
            return;
          }
          if (input.kind === "button" && input.action === "kdone") {
            if (draft.kinds.length) return done();
            notice = t("log-need-kind");
            return;
          }
          if (input.kind === "text") {
            const kind = kindFromLabel(input.text);
            if (kind) {
              draft.kinds = field ? [...new Set([...draft.kinds, kind])] : [kind];
              if (!field) done();
            } else notice = t("log-kind-not-understood", { text: input.text.slice(0, 30) });
          }
          return;
        }
        case "date": {
          if (input.kind === "button" && input.action === "date") {
            draft.date = addDays(today, -input.n);
            return done();
          }
          if (input.kind === "text") {
            const parsed = parseChineseDate(input.text, { now, timeZone: reporter.timeZone });
            if ("code" in parsed) notice = t(`log-problem-${parsed.code}`, { text: parsed.text ?? input.text });
            else {
              draft.date = parsed;
              done();
            }
          }
          return;
        }
        case "title":
          if (input.kind === "button" && input.action === "skip") return done();
          if (input.kind === "text") {
            draft.title = input.text.trim().slice(0, 200) || null;
            done();
          }
          return;
        case "people": {
          if (input.kind === "button") {
            if (input.action === "member" && members.some((m) => m.id === input.n)) {
              extras.attendeeIds = extras.attendeeIds.includes(input.n) ? extras.attendeeIds.filter((id) => id !== input.n) : [...extras.attendeeIds, input.n];
            } else if (input.action === "all") extras.attendeeIds = members.map((m) => m.id);
            else if (input.action === "done") {
              draft.presentCount = extras.attendeeIds.length;
              done();
            } else if (input.action === "skip") done();
            return;
          }
          if (input.kind === "text") {
            const n = parseCount(input.text);
            if (n === null || n < 0 || n > 100000) notice = t("log-count-not-understood");
            else {
              draft.presentCount = n;
              done();
            }
          }
          return;
        }
        case "text": {
          if (input.kind !== "text") return;
          const value = input.text.trim().slice(0, 200) || null;
          if (field === "hours") {
            const hours = Number(value?.replace(/(小时|学时|h)$/i, ""));
            if (!Number.isFinite(hours) || hours <= 0 || hours > 24) notice = t("log-hours-not-understood");
            else {
              draft.durationHours = hours;
              done();
            }
            return;
          }
          if (field === "notes") extras.notes = value;
          else if (field && (TEXT_FIELDS as readonly string[]).includes(field)) draft[field as Exclude<(typeof TEXT_FIELDS)[number], "notes">] = value;
          done();
        }
      }
    }
  };
}

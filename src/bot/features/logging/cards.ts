import { InlineKeyboard } from "grammy";
import type { ActivityRecord } from "../../../domain/activity.js";
import { describeCard, fieldsOfDraft, fieldsOfRecord, kindLabel, type Lang } from "../../../domain/describe.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { KindCount } from "../../../db/repos/tallies.js";
import { callbackCodec } from "../../callbackData.js";

/** Buttons on a saved record (outside any flow): edit, undo/delete, restore. */
export const recordButtons = callbackCodec("rec", ["edit", "undo", "restore", "del"] as const, ["branch", "id"] as const);
/** Buttons on a pending report (confirmation card, "same event?" question); the draft is stored under the card's message. */
export const pendingButtons = callbackCodec("lg", ["save", "edit", "cancel", "merge", "new"] as const, ["branch", "id"] as const);

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function talliesLine(tallies: KindCount[], lang: Lang, t: Translate): string {
  const parts = tallies.map((c) => t("log-tally-item", { kind: kindLabel(c.kind, lang), events: c.events, personTimes: c.personTimes }));
  return t("log-tally", { items: parts.join(lang === "zh" ? "；" : "; ") });
}

export function savedCard(record: ActivityRecord, tallies: KindCount[], timeZone: string, lang: Lang, t: Translate, headKey = "log-saved") {
  const text = [t(headKey, { id: record.id }), describeCard(fieldsOfRecord(record, timeZone), lang), "", talliesLine(tallies, lang, t)].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("log-button-edit"), recordButtons.pack({ action: "edit", branch: record.branchId, id: record.id }))
    .text(t("log-button-undo"), recordButtons.pack({ action: "undo", branch: record.branchId, id: record.id }));
  return { text, keyboard };
}

export function confirmCard(draft: ActivityDraft, branchId: number, lang: Lang, t: Translate) {
  const text = [t("log-confirm"), describeCard(fieldsOfDraft(draft), lang)].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("log-button-save"), pendingButtons.pack({ action: "save", branch: branchId, id: 0 }))
    .text(t("log-button-edit"), pendingButtons.pack({ action: "edit", branch: branchId, id: 0 }))
    .text(t("button-cancel"), pendingButtons.pack({ action: "cancel", branch: branchId, id: 0 }));
  return { text, keyboard };
}

export function sameEventQuestion(existing: ActivityRecord, timeZone: string, lang: Lang, t: Translate) {
  const text = [t("log-same-event"), describeCard(fieldsOfRecord(existing, timeZone), lang)].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("log-button-merge"), pendingButtons.pack({ action: "merge", branch: existing.branchId, id: existing.id }))
    .text(t("log-button-new"), pendingButtons.pack({ action: "new", branch: existing.branchId, id: existing.id }))
    .row()
    .text(t("button-cancel"), pendingButtons.pack({ action: "cancel", branch: existing.branchId, id: existing.id }));
  return { text, keyboard };
}

import { InlineKeyboard } from "grammy";
import type { ActivityRecord } from "../../../domain/activity.js";
import { describeCard, fieldsOfDraft, fieldsOfRecord, kindLabel } from "../../../domain/describe.js";
import type { Lang } from "../../../domain/lang.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { KindTally } from "../../../domain/tally/types.js";
import { needsPeople } from "../../../domain/participants.js";
import type { DraftExtras } from "./service.js";
import { callbackCodec } from "../../../callbacks/codec.js";
import { hasMinutes } from "../../../domain/minutes/index.js";
import { minutesButtons } from "../minutesButton.js";

/** Buttons on a saved record (outside any flow): edit, undo/delete, restore. */
export const recordButtons = callbackCodec("rec", ["edit", "undo", "restore", "del", "people"] as const, ["branch", "id"] as const);
/** Buttons on a pending report (confirmation card, "same event?" question); the draft is stored under the card's message. */
export const pendingButtons = callbackCodec("lg", ["save", "edit", "cancel", "merge", "new", "people"] as const, ["branch", "id"] as const);

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function talliesLine(tallies: KindTally[], lang: Lang, t: Translate): string {
  const parts = tallies.map((c) => t("log-tally-item", { kind: kindLabel(c.kind, lang), events: c.events, personTimes: c.personTimes }));
  return t("log-tally", { items: parts.join(lang === "zh" ? "；" : "; ") });
}

/** A note under the card when the report gave only a number of people: who they were is not recorded. */
function peopleNote(kinds: ActivityRecord["kinds"], presentCount: number | null, attendees: number, t: Translate): string | null {
  return needsPeople(kinds, presentCount, attendees) ? t("log-people-unlisted", { n: presentCount ?? 0 }) : null;
}

export function savedCard(record: ActivityRecord, tallies: KindTally[], timeZone: string, lang: Lang, t: Translate, headKey = "log-saved", names?: ReadonlyMap<number, string>) {
  const note = peopleNote(record.kinds, record.presentCount, record.attendeeIds.length, t);
  const text = [t(headKey, { id: record.id }), describeCard(fieldsOfRecord(record, timeZone, names), lang), ...(note ? [note] : []), "", talliesLine(tallies, lang, t)].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("log-button-edit"), recordButtons.pack({ action: "edit", branch: record.branchId, id: record.id }))
    .text(t("log-button-undo"), recordButtons.pack({ action: "undo", branch: record.branchId, id: record.id }));
  if (note) keyboard.row().text(t("log-button-people"), recordButtons.pack({ action: "people", branch: record.branchId, id: record.id }));
  if (hasMinutes(record.kinds)) keyboard.row().text(t("log-button-minutes"), minutesButtons.pack({ action: "doc", branch: record.branchId, id: record.id }));
  return { text, keyboard };
}

export function confirmCard(draft: ActivityDraft, extras: DraftExtras, branchId: number, names: ReadonlyMap<number, string>, lang: Lang, t: Translate) {
  const participants = extras.attendeeIds.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
  const note = peopleNote(draft.kinds, draft.presentCount, extras.attendeeIds.length, t);
  const text = [t("log-confirm"), describeCard(fieldsOfDraft(draft, { notes: extras.notes, participants }), lang), ...(note ? [note] : [])].join("\n");
  const keyboard = new InlineKeyboard()
    .text(t("log-button-save"), pendingButtons.pack({ action: "save", branch: branchId, id: 0 }))
    .text(t("log-button-edit"), pendingButtons.pack({ action: "edit", branch: branchId, id: 0 }))
    .text(t("button-cancel"), pendingButtons.pack({ action: "cancel", branch: branchId, id: 0 }));
  if (note) keyboard.row().text(t("log-button-people"), pendingButtons.pack({ action: "people", branch: branchId, id: 0 }));
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

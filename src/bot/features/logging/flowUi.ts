// Buttons and panels of the guided logging flow.
import { InlineKeyboard } from "grammy";
import { ACTIVITY_KINDS, KIND_GROUP, KIND_GROUPS, type ActivityKind } from "../../../domain/kinds.js";
import { kindLabel } from "../../../domain/describe.js";
import type { Lang } from "../../../domain/lang.js";
import { callbackCodec } from "../../../callbacks/codec.js";
import type { Translate } from "./cards.js";

export const FLOW_ACTIONS = [
  "kind", "ktoggle", "kdone", "date", "skip", "back", "cancel", "member", "all", "done", "save", "field", "merge", "new",
] as const;
export type FlowAction = (typeof FLOW_ACTIONS)[number];
/** `f:<action>:<n>`; n is an index, a member id or 0. Only the flow's own chat and user reach these. */
export const flowButtons = callbackCodec("f", FLOW_ACTIONS, ["n"] as const);
const b = (action: FlowAction, n = 0) => flowButtons.pack({ action, n });

export const EDITABLE_FIELDS = [
  "kinds", "date", "title", "people", "location", "host", "recorder", "speaker", "hours", "notes", "observers", "resolutions", "vote",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

function navRow(k: InlineKeyboard, t: Translate, back: boolean): InlineKeyboard {
  if (back) k.text(t("button-back"), b("back"));
  return k.text(t("button-cancel"), b("cancel"));
}

export function kindKeyboard(lang: Lang, t: Translate, selected: readonly ActivityKind[] | null, back: boolean): InlineKeyboard {
  const k = new InlineKeyboard();
  for (const group of KIND_GROUPS) {
    const kinds = ACTIVITY_KINDS.filter((x) => KIND_GROUP[x] === group);
    kinds.forEach((kind, i) => {
      const mark = selected?.includes(kind) ? "✓ " : "";
      k.text(mark + kindLabel(kind, lang), selected ? b("ktoggle", ACTIVITY_KINDS.indexOf(kind)) : b("kind", ACTIVITY_KINDS.indexOf(kind)));
      if (i % 3 === 2 || i === kinds.length - 1) k.row();
    });
  }
  if (selected) k.text(t("log-button-done"), b("kdone")).row();
  return navRow(k, t, back);
}

export function dateKeyboard(t: Translate, back: boolean): InlineKeyboard {
  const k = new InlineKeyboard().text(t("log-today"), b("date", 0)).text(t("log-yesterday"), b("date", 1)).text(t("log-day-before"), b("date", 2)).row();
  return navRow(k, t, back);
}

export function skipKeyboard(t: Translate, back: boolean): InlineKeyboard {
  return navRow(new InlineKeyboard().text(t("log-button-skip"), b("skip")).row(), t, back);
}

export function peopleKeyboard(t: Translate, members: { id: number; name: string }[], ticked: readonly number[], back: boolean): InlineKeyboard {
  const k = new InlineKeyboard();
  members.slice(0, 60).forEach((m, i) => {
    k.text(`${ticked.includes(m.id) ? "✓ " : ""}${m.name}`, b("member", m.id));
    if (i % 3 === 2) k.row();
  });
  k.row();
  if (members.length) k.text(t("log-button-all"), b("all"));
  k.text(ticked.length ? t("log-button-done-n", { n: ticked.length }) : t("log-button-skip"), b(ticked.length ? "done" : "skip")).row();
  return navRow(k, t, back);
}

/** The review card's buttons; a meeting also gets 列席, 决议 and 表决结果 (会议记录 fields). */
export function reviewKeyboard(t: Translate, editing: boolean, meeting = false): InlineKeyboard {
  const f = (field: EditableField) => b("field", EDITABLE_FIELDS.indexOf(field));
  const k = new InlineKeyboard()
    .text(t(editing ? "log-button-save-changes" : "log-button-save"), b("save")).row()
    .text(t("log-field-kinds"), f("kinds")).text(t("log-field-date"), f("date")).text(t("log-field-title"), f("title")).row()
    .text(t("log-field-people"), f("people")).text(t("log-field-location"), f("location")).text(t("log-field-host"), f("host")).row()
    .text(t("log-field-recorder"), f("recorder")).text(t("log-field-speaker"), f("speaker")).text(t("log-field-hours"), f("hours")).row();
  if (meeting) k.text(t("log-field-observers"), f("observers")).text(t("log-field-resolutions"), f("resolutions")).text(t("log-field-vote"), f("vote")).row();
  return k.text(t("log-field-notes"), f("notes")).text(t("button-cancel"), b("cancel"));
}

export function sameEventKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("log-button-merge"), b("merge")).text(t("log-button-new"), b("new")).row()
    .text(t("button-back"), b("back")).text(t("button-cancel"), b("cancel"));
}

// The screens of the /remind panel: text and buttons, from plain data (also used inside the theme conversation).
import { InlineKeyboard } from "grammy";
import type { Lang } from "../../../domain/lang.js";
import {
  describeRule,
  formatDay,
  relativeDay,
  upcomingOccurrences,
  type ThemeDayRule,
} from "../../../domain/reminders/index.js";
import { localDateOf } from "../../../domain/calendar/index.js";
import type { Translate } from "../logging/cards.js";
import { settingsButton as btn, type SettingsAction } from "./buttons.js";
import {
  FOLLOW_UP_CHOICES, followUpIndex, HOLIDAY_CHOICES, NTH_CODES, OFFSET_PRESETS, offsetPresetIndex, offsetTime, TARGET_CHOICES, TIME_PRESETS,
} from "./settings.js";

/** What every screen shows; plain JSON so it can cross a conversation's external() boundary. */
export interface PanelData {
  branchId: number;
  timeZone: string;
  rule: ThemeDayRule;
  enabled: boolean;
  monthEndNudge: boolean;
  groupBound: boolean;
  /** CHANNEL=wecom: a group chat is made with /bind in the app, not by adding the bot to a group. */
  wecom?: boolean;
}

export type Screen = "home" | "pattern" | "dom_pick" | "nth_pick" | "wd_pick" | "hol_pick" | "off_pick" | "time_pick" | "tgt_pick" | "fu_pick";

export interface Panel {
  text: string;
  keyboard: InlineKeyboard;
}

const mark = (on: boolean, label: string) => (on ? `✓ ${label}` : label);

/** "下一次：3月15日 周五（10天后）", or "" when the rule yields none. */
export function nextLine(rule: ThemeDayRule, timeZone: string, now: Date, locale: Lang, t: Translate): string {
  const [o] = upcomingOccurrences(rule, { now, timeZone, count: 1 });
  if (!o) return "";
  const today = localDateOf(now, timeZone);
  return t("remind-next-day", { day: formatDay(o.themeDay, locale, today.year), when: relativeDay(today, o.themeDay, locale) });
}

function navRow(k: InlineKeyboard, d: PanelData, t: Translate, back = true): InlineKeyboard {
  if (back) k.row().text(t("button-back"), btn("home", d.branchId));
  return k.text(t("remind-button-done"), btn("done", d.branchId));
}

function homePanel(d: PanelData, t: Translate, locale: Lang, now: Date): Panel {
  const lines = [
    t("remind-title"),
    t(d.enabled ? "remind-status-on" : "remind-status-off"),
    t("remind-rule", { rule: describeRule(d.rule, locale) }),
    nextLine(d.rule, d.timeZone, now, locale, t),
    t(d.monthEndNudge ? "remind-nudge-on" : "remind-nudge-off") + (d.monthEndNudge && !d.enabled ? t("remind-paused-note") : ""),
  ];
  if (d.rule.target !== "members" && !d.groupBound) lines.push(t(d.wecom ? "remind-no-group-wecom" : "remind-no-group"));
  const b = (action: SettingsAction) => btn(action, d.branchId);
  const k = new InlineKeyboard()
    .text(t("remind-button-pattern"), b("pattern")).text(t("remind-button-holiday"), b("hol_pick")).row()
    .text(t("remind-button-offsets"), b("off_pick")).text(t("remind-button-target"), b("tgt_pick")).row()
    .text(t("remind-button-followup"), b("fu_pick")).text(t("remind-button-theme"), b("theme")).row()
    .text(t(d.monthEndNudge ? "remind-button-nudge-off" : "remind-button-nudge-on"), b("nudge")).row()
    .text(t(d.enabled ? "remind-button-disable" : "remind-button-enable"), b("toggle"));
  return { text: lines.filter(Boolean).join("\n"), keyboard: navRow(k, d, t, false) };
}

function grid<T>(k: InlineKeyboard, items: readonly T[], perRow: number, add: (k: InlineKeyboard, item: T, i: number) => void): InlineKeyboard {
  items.forEach((item, i) => {
    if (i > 0 && i % perRow === 0) k.row();
    add(k, item, i);
  });
  return k;
}

/** One screen of the panel; `a` is the screen's parameter (n of the weekday picker, which time). */
export function renderPanel(screen: Screen, d: PanelData, t: Translate, locale: Lang, now: Date, a = 0): Panel {
  const id = d.branchId;
  const p = d.rule.pattern;
  switch (screen) {
    case "home":
      return homePanel(d, t, locale, now);
    case "pattern": {
      const k = new InlineKeyboard()
        .text(mark(p.type === "day_of_month", t("remind-pattern-dom")), btn("dom_pick", id)).row()
        .text(mark(p.type === "nth_weekday", t("remind-pattern-nth")), btn("nth_pick", id)).row()
        .text(mark(p.type === "last_workday", t("remind-pattern-last")), btn("last", id));
      return { text: t("remind-ask-pattern"), keyboard: navRow(k, d, t) };
    }
    case "dom_pick": {
      const days = Array.from({ length: 31 }, (_, i) => i + 1);
      const k = grid(new InlineKeyboard(), days, 7, (k, day) => k.text(mark(p.type === "day_of_month" && p.day === day, String(day)), btn("dom", id, day)));
      return { text: t("remind-ask-day"), keyboard: navRow(k, d, t) };
    }
    case "nth_pick": {
      const k = grid(new InlineKeyboard(), NTH_CODES, 3, (k, code) =>
        k.text(mark(p.type === "nth_weekday" && p.n === (code === 0 ? -1 : code), t("remind-nth", { n: code })), btn("wd_pick", id, code)));
      return { text: t("remind-ask-nth"), keyboard: navRow(k, d, t) };
    }
    case "wd_pick": {
      const weekdays = [1, 2, 3, 4, 5, 6, 7];
      const k = grid(new InlineKeyboard(), weekdays, 4, (k, w) => k.text(t("remind-weekday", { n: w }), btn("nth", id, a, w)));
      return { text: t("remind-ask-weekday", { nth: t("remind-nth", { n: a }) }), keyboard: navRow(k, d, t) };
    }
    case "hol_pick": {
      const k = grid(new InlineKeyboard(), HOLIDAY_CHOICES, 1, (k, c, i) => k.text(mark(d.rule.onNonWorkday === c, t(`remind-holiday-${c}`)), btn("hol", id, i)));
      return { text: t("remind-ask-holiday"), keyboard: navRow(k, d, t) };
    }
    case "off_pick": {
      const current = offsetPresetIndex(d.rule);
      const k = grid(new InlineKeyboard(), OFFSET_PRESETS, 2, (k, _p, i) => k.text(mark(current === i, t(`remind-offsets-${i}`)), btn("off", id, i)));
      const days = d.rule.reminders.map((r) => r.daysBefore);
      if (days.length) k.row();
      if (days.some((x) => x > 0)) k.text(t("remind-time-before", { time: offsetTime(d.rule, false) }), btn("time_pick", id, 0));
      if (days.includes(0)) k.text(t("remind-time-day", { time: offsetTime(d.rule, true) }), btn("time_pick", id, 1));
      return { text: t("remind-ask-offsets"), keyboard: navRow(k, d, t) };
    }
    case "time_pick": {
      const current = offsetTime(d.rule, a === 1);
      const k = grid(new InlineKeyboard(), TIME_PRESETS, 3, (k, time, i) => k.text(mark(current === time, time), btn("time", id, a, i)));
      k.row().text(t("button-back"), btn("off_pick", id));
      return { text: t(a === 1 ? "remind-ask-time-day" : "remind-ask-time-before"), keyboard: navRow(k, d, t, false) };
    }
    case "tgt_pick": {
      const k = grid(new InlineKeyboard(), TARGET_CHOICES, 1, (k, c, i) => k.text(mark(d.rule.target === c, t(`remind-target-${c}`)), btn("tgt", id, i)));
      return { text: t(d.groupBound ? "remind-ask-target" : "remind-ask-target-nogroup"), keyboard: navRow(k, d, t) };
    }
    case "fu_pick": {
      const current = followUpIndex(d.rule);
      const k = grid(new InlineKeyboard(), FOLLOW_UP_CHOICES, 1, (k, _c, i) => k.text(mark(current === i, t(`remind-followup-${i}`)), btn("fu", id, i)));
      return { text: t("remind-ask-followup"), keyboard: navRow(k, d, t) };
    }
  }
}

/** The message the panel becomes on 完成: the settings in one paragraph, no buttons. */
export function closedPanel(d: PanelData, t: Translate, locale: Lang, now: Date): string {
  return [
    t(d.enabled ? "remind-closed-on" : "remind-closed-off"),
    t("remind-rule", { rule: describeRule(d.rule, locale) }),
    d.enabled ? nextLine(d.rule, d.timeZone, now, locale, t) : "",
  ].filter(Boolean).join("\n");
}

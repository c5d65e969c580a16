// The secretary's /check rule settings, buttons only: each scheduled kind's frequency cycles
// 每月 → 每季度 → 每年 → 不检查, and the 学时 target toggles between 32 and off. Every press is saved
// (validated first); 返回 shows the /check report again with the new rules, 完成 closes the panel.
import { GrammyError, InlineKeyboard } from "grammy";
import { MAX_YEAR, MIN_YEAR } from "../../domain/period/index.js";
import {
  DEFAULT_STUDY_HOURS,
  parseRuleSettings,
  SCHEDULED_KINDS,
  validateRuleSettings,
  type CommitteeMode,
  type Frequency,
  type RuleSettings,
} from "../../domain/rules/index.js";
import { kindLabel } from "../../domain/tally/labels.js";
import { callbackCodec } from "../../callbacks/codec.js";
import type { BotContext } from "../context.js";
import { langOf } from "../i18n.js";
import { featureComposer } from "../featureComposer.js";

const ACTIONS = ["open", "cycle", "hours", "committee", "selfstudy", "term", "back", "done"] as const;
type Action = (typeof ACTIONS)[number];

/** `cks:<action>:<branch>:<year>:<a>`: the year of the /check report to return to; a is the kind's index (cycle). */
export const checkSettingsButtons = callbackCodec("cks", ACTIONS, ["branch", "year", "a"] as const);

const btn = (action: Action, branch: number, year: number, a = 0) => checkSettingsButtons.pack({ action, branch, year, a });

/** Whether the sender is the secretary of their active branch (only they change the rules). */
export function isSecretary(ctx: BotContext): boolean {
  const m = ctx.member?.membership;
  return !!m && m.status === "active" && m.role === "secretary";
}

/** The "⚙️ 检查规则" button under the secretary's /check reply. */
export function openSettingsButton(ctx: BotContext, branchId: number, year: number): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("check-button-settings"), btn("open", branchId, year));
}

const NEXT_FREQUENCY: Record<Frequency, Frequency> = { monthly: "quarterly", quarterly: "yearly", yearly: "off", off: "monthly" };
/** The next frequency in the cycle 每月 → 每季度 → 每年 → 不检查 → 每月. */
export function nextFrequency(f: Frequency): Frequency {
  return NEXT_FREQUENCY[f];
}

/** 支部委员会: by the number of 正式党员 → set → not set → by number. */
const NEXT_COMMITTEE: Record<CommitteeMode, CommitteeMode> = { auto: "yes", yes: "no", no: "auto" };
/** 换届 term: 3 years → 5 years (村、社区) → not checked → 3. */
const nextTerm = (years: number) => (years === 3 ? 5 : years === 5 ? 0 : 3);

/** The rows for the branch's structure, 自学 and 换届. */
function structureLabels(ctx: BotContext, settings: RuleSettings): [committee: string, selfStudy: string, term: string] {
  return [
    ctx.t(`check-settings-committee-${settings.committee}`),
    ctx.t(settings.selfStudyCounts ? "check-settings-selfstudy-on" : "check-settings-selfstudy-off"),
    settings.termYears > 0 ? ctx.t("check-settings-term-on", { years: settings.termYears }) : ctx.t("check-settings-term-off"),
  ];
}

function hoursLabel(ctx: BotContext, settings: RuleSettings): string {
  return settings.studyHoursPerYear > 0
    ? ctx.t("check-settings-hours-on", { hours: String(settings.studyHoursPerYear) })
    : ctx.t("check-settings-hours-off");
}

async function panel(ctx: BotContext, settings: RuleSettings, branchId: number, year: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const lang = await langOf(ctx);
  const k = new InlineKeyboard();
  SCHEDULED_KINDS.forEach((kind, i) => {
    const label = ctx.t("check-settings-kind", { kind: kindLabel(kind, lang), freq: ctx.t(`check-freq-${settings.frequency[kind]}`) });
    k.text(label, btn("cycle", branchId, year, i)).row();
  });
  k.text(hoursLabel(ctx, settings), btn("hours", branchId, year)).row();
  const [committee, selfStudy, term] = structureLabels(ctx, settings);
  k.text(committee, btn("committee", branchId, year)).row();
  k.text(selfStudy, btn("selfstudy", branchId, year)).row();
  k.text(term, btn("term", branchId, year)).row();
  k.text(ctx.t("button-back"), btn("back", branchId, year)).text(ctx.t("check-settings-done"), btn("done", branchId, year));
  return { text: [ctx.t("check-settings-title"), ctx.t("check-settings-help", { hours: String(DEFAULT_STUDY_HOURS) })].join("\n"), keyboard: k };
}

async function closedText(ctx: BotContext, settings: RuleSettings): Promise<string> {
  const lang = await langOf(ctx);
  const kinds = SCHEDULED_KINDS.map((kind) => ctx.t("check-settings-kind", { kind: kindLabel(kind, lang), freq: ctx.t(`check-freq-${settings.frequency[kind]}`) }));
  return [ctx.t("check-settings-saved"), ...kinds, hoursLabel(ctx, settings), ...structureLabels(ctx, settings)].join("\n");
}

/** Edits the message in place; the same text again is not an error worth failing on. */
async function edit(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
  }
}

/** The panel's buttons; `report` renders the /check reply of a year (for 返回). */
export function checkSettingsFeature(report: (ctx: BotContext, year: number) => Promise<string[]>) {
  const feature = featureComposer();

  feature.callbackQuery(checkSettingsButtons.filter, async (ctx) => {
    const data = checkSettingsButtons.parse(ctx.callbackQuery.data);
    const branchId = ctx.member?.membership?.branchId;
    const valid = data && isSecretary(ctx) && data.branch === branchId && data.year >= MIN_YEAR && data.year <= MAX_YEAR
      && (data.action !== "cycle" || data.a < SCHEDULED_KINDS.length);
    if (!data || !valid || branchId === undefined) {
      ctx.logger.warn({ data: ctx.callbackQuery.data, branchId }, "refused crafted or stale check settings button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const { store } = ctx.deps;
    const settings = parseRuleSettings((await store.branches.get(branchId))?.rules ?? {});

    if (data.action === "back") {
      await ctx.answerCallbackQuery();
      const chunks = await report(ctx, data.year);
      const keyboard = openSettingsButton(ctx, branchId, data.year);
      for (const [i, chunk] of chunks.entries()) {
        const last = i === chunks.length - 1;
        if (i === 0) await edit(ctx, chunk, last ? keyboard : undefined);
        else await ctx.reply(chunk, last ? { reply_markup: keyboard } : {});
      }
      return;
    }
    if (data.action === "done") {
      await ctx.answerCallbackQuery();
      await edit(ctx, await closedText(ctx, settings));
      return;
    }

    let next = settings;
    if (data.action === "cycle") {
      // `valid` above checked data.a < SCHEDULED_KINDS.length.
      const kind = SCHEDULED_KINDS[data.a];
      if (kind !== undefined) next = { ...settings, frequency: { ...settings.frequency, [kind]: nextFrequency(settings.frequency[kind]) } };
    } else if (data.action === "hours") {
      next = { ...settings, studyHoursPerYear: settings.studyHoursPerYear > 0 ? 0 : DEFAULT_STUDY_HOURS };
    } else if (data.action === "committee") {
      next = { ...settings, committee: NEXT_COMMITTEE[settings.committee] };
    } else if (data.action === "selfstudy") {
      next = { ...settings, selfStudyCounts: !settings.selfStudyCounts };
    } else if (data.action === "term") {
      next = { ...settings, termYears: nextTerm(settings.termYears) };
    }
    if (next !== settings) {
      const checked = validateRuleSettings(next);
      if (!checked.ok) {
        ctx.logger.error({ issues: checked.issues }, "check settings: invalid rules not saved");
        await ctx.answerCallbackQuery({ text: ctx.t("error-generic"), show_alert: true });
        return;
      }
      await store.branches.setRules(branchId, checked.settings);
      ctx.logger.info({ branch_id: branchId, action: data.action, kind: data.action === "cycle" ? SCHEDULED_KINDS[data.a] : undefined }, "check rules changed");
      next = checked.settings;
    }
    await ctx.answerCallbackQuery();
    const view = await panel(ctx, next, branchId, data.year);
    await edit(ctx, view.text, view.keyboard);
  });

  return feature;
}

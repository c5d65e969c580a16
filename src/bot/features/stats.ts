// /stats [period]: 次 and 人次 per kind grouped as in the year-end summary, the sender's own
// participation, each member's participation (secretary and committee, private chats only),
// period buttons that edit the text, and a chart of the year as a picture.
import { GrammyError, InlineKeyboard, InputFile } from "grammy";
import { localDateOf, quarterOfMonth } from "../../domain/calendar/index.js";
import { MAX_YEAR, MIN_YEAR, parsePeriod, quarterPeriod, type Period } from "../../domain/period/index.js";
import { parseRuleSettings } from "../../domain/rules/index.js";
import { formatNonAttendees, formatTallies, membersWithoutAttendance, organiseTallies } from "../../domain/tally/index.js";
import { callbackCodec } from "../../callbacks/codec.js";
import { LruCache } from "../../db/lruCache.js";
import type { StatsChartInput } from "../../render/chart.js";
import type { BotContext } from "../context.js";
import { allowed, requires, type MemberContext, requiresCommand } from "../middlewares/auth.js";
import { langOf } from "../i18n.js";
import { featureComposer } from "../featureComposer.js";

const RELATIVE = ["this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year"] as const;
type Relative = (typeof RELATIVE)[number];
/** The argument parsePeriod understands for each button. */
const RELATIVE_ARG: Record<Relative, string> = {
  this_month: "本月", last_month: "上月", this_quarter: "本季度", last_quarter: "上季度", this_year: "今年", last_year: "去年",
};
const BUTTON_ROWS: readonly (readonly Relative[])[] = [["this_month", "this_quarter", "this_year"], ["last_month", "last_quarter", "last_year"]];

export const statsButtons = callbackCodec("st", RELATIVE, ["branch"] as const);

/** Telegram's limit for one message. */
const MESSAGE_LIMIT = 4096;

interface Viewer {
  branchId: number;
  branchName: string;
  timeZone: string;
  memberId: number;
  /** Private chat: the sender's own figures and (when allowed) each member's are shown. */
  private: boolean;
  seesMembers: boolean;
}

function viewerOf(ctx: MemberContext): Viewer {
  const m = ctx.member.membership;
  const isPrivate = ctx.chat?.type === "private";
  return {
    branchId: m.branchId, branchName: m.branchName, timeZone: m.timeZone, memberId: ctx.member.id,
    private: isPrivate, seesMembers: allowed(ctx, "members.view"),
  };
}

const hoursText = (h: number) => String(Math.round(h * 10) / 10);

/** Who has not taken part: over the period, or over this quarter when the period is the current year. */
function absencePeriod(period: Period, now: Date, timeZone: string): Period {
  const today = localDateOf(now, timeZone);
  if (period.unit === "year" && period.year === today.year) return quarterPeriod(today.year, quarterOfMonth(today.month), timeZone);
  return period;
}

/** The text of the /stats message for a period. */
async function statsText(ctx: BotContext, viewer: Viewer, period: Period): Promise<string> {
  const lang = await langOf(ctx);
  const ledger = ctx.deps.store.ledger;
  const [start, end] = [new Date(period.start), new Date(period.end)];
  const { tallies, totals } = await ledger.periodTallies(viewer.branchId, start, end);
  const blocks = [formatTallies(organiseTallies(tallies, totals), period.label[lang], lang)];
  if (!viewer.private) {
    if (viewer.seesMembers) blocks.push(ctx.t("stats-members-private"));
    return blocks.join("\n\n");
  }
  // 学时 by the domain's one rule (as /check and the .xlsx): every participant of a record with study content.
  const settings = parseRuleSettings((await ctx.deps.store.branches.get(viewer.branchId))?.rules ?? {});
  const { members: participation, unlisted } = await ledger.memberFigures(viewer.branchId, start, end, settings);
  const own = participation.find((p) => p.memberId === viewer.memberId);
  blocks.push(ctx.t("stats-own", { events: String(own?.events ?? 0), hours: hoursText(own?.hours ?? 0) }));
  if (!viewer.seesMembers) return blocks.join("\n\n");

  const absence = absencePeriod(period, ctx.deps.now(), viewer.timeZone);
  const absenceRows = absence.key === period.key
    ? participation
    : (await ledger.memberFigures(viewer.branchId, new Date(absence.start), new Date(absence.end), settings)).members;
  const absent = formatNonAttendees(membersWithoutAttendance(absenceRows, absenceRows), absence.label[lang], lang);
  const title = ctx.t("stats-members-title", { period: period.label[lang], count: String(participation.length) });
  const head = [...blocks, unlisted ? `${title}\n${ctx.t("stats-members-unlisted", { n: String(unlisted) })}` : title].join("\n\n");
  const lines = participation.map((p) => ctx.t("stats-member-line", { name: p.name, events: String(p.events), hours: hoursText(p.hours) }));
  // Keep the message within Telegram's limit: leave names out rather than split an editable message.
  let shown = lines.length;
  const compose = () => {
    const more = shown < lines.length ? [ctx.t("stats-members-more", { count: String(lines.length - shown) })] : [];
    return [head, [...lines.slice(0, shown), ...more].join("\n"), absent].join("\n");
  };
  let text = compose();
  while (text.length > MESSAGE_LIMIT && shown > 0) {
    shown -= 1;
    text = compose();
  }
  return text.length > MESSAGE_LIMIT ? text.slice(0, MESSAGE_LIMIT) : text;
}

function periodKeyboard(ctx: BotContext, branchId: number, selected: Relative | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const row of BUTTON_ROWS) {
    for (const action of row) {
      const label = ctx.t(`stats-button-${action}`);
      keyboard.text(action === selected ? `· ${label} ·` : label, statsButtons.pack({ action, branch: branchId }));
    }
    keyboard.row();
  }
  return keyboard;
}

/** Rendered charts by their input (drawing one takes ~80 ms of CPU on the event loop); the latest few kept. */
const chartCache = new LruCache<string, Uint8Array>(16);

/** The chart's PNG: the same input (figures, title, language, months drawn) always draws the same picture. */
async function chartPng(input: StatsChartInput): Promise<Uint8Array> {
  const key = JSON.stringify(input);
  const cached = chartCache.get(key);
  if (cached) return cached;
  // Loaded on first use: echarts and resvg are only needed for the chart.
  const { renderStatsChart } = await import("../../render/chart.js");
  const { png } = renderStatsChart(input);
  chartCache.set(key, png);
  return png;
}

async function sendChart(ctx: BotContext, viewer: Viewer, year: number): Promise<void> {
  const lang = await langOf(ctx);
  const today = localDateOf(ctx.deps.now(), viewer.timeZone);
  await ctx.replyWithChatAction("upload_photo");
  const ledger = ctx.deps.store.ledger;
  const months = await ledger.monthlyGroupCounts(viewer.branchId, year, viewer.timeZone);
  const own = viewer.private ? await ledger.ownMonthly(viewer.branchId, viewer.memberId, year, viewer.timeZone) : undefined;
  const input = {
    title: ctx.t("stats-chart-title", { branch: viewer.branchName, year: String(year) }),
    year,
    months,
    ...(own ? { own } : {}),
    locale: lang,
    // Months yet to come are not drawn (the current year stops at this month).
    throughMonth: year === today.year ? today.month : year < today.year ? 12 : 0,
  };
  await ctx.replyWithPhoto(new InputFile(await chartPng(input), "stats.png"), {
    caption: ctx.t("stats-chart-caption", { year: String(year), own: own ? "yes" : "no" }),
  });
}

/** The button matching what was asked for (none for e.g. 2021-Q3). */
function selectedButton(arg: string, period: Period, now: Date, timeZone: string): Relative | null {
  if (arg === "") return "this_year";
  return RELATIVE.find((r) => {
    const p = parsePeriod(RELATIVE_ARG[r], now, timeZone);
    return p.ok && p.period.key === period.key;
  }) ?? null;
}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

export function statsFeature() {
  const feature = featureComposer();

  feature.command("stats", requiresCommand("stats", async (ctx) => {
    const viewer = viewerOf(ctx);
    const arg = ctx.match.trim();
    const parsed = parsePeriod(arg, ctx.deps.now(), viewer.timeZone);
    if (!parsed.ok) {
      ctx.logger.info({ arg, error: parsed.error }, "stats: bad period");
      const reason = ctx.t(`stats-reason-${parsed.error}`, { min: String(MIN_YEAR), max: String(MAX_YEAR) });
      await ctx.reply(ctx.t("stats-bad-period", { input: arg, reason }));
      return;
    }
    const period = parsed.period;
    const selected = selectedButton(arg, period, ctx.deps.now(), viewer.timeZone);
    await ctx.reply(await statsText(ctx, viewer, period), { reply_markup: periodKeyboard(ctx, viewer.branchId, selected) });
    await sendChart(ctx, viewer, period.year);
  }));

  feature.callbackQuery(statsButtons.filter, requires("stats.view", async (ctx) => {
    const data = statsButtons.parse(ctx.callbackQuery.data);
    const viewer = viewerOf(ctx);
    if (!data || data.branch !== viewer.branchId) {
      ctx.logger.warn({ data: ctx.callbackQuery.data, branchId: viewer.branchId }, "refused crafted or stale stats button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const parsed = parsePeriod(RELATIVE_ARG[data.action], ctx.deps.now(), viewer.timeZone);
    if (!parsed.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const text = await statsText(ctx, viewer, parsed.period);
    await ctx.answerCallbackQuery();
    try {
      await ctx.editMessageText(text, { reply_markup: periodKeyboard(ctx, viewer.branchId, data.action) });
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  }));

  return feature;
}

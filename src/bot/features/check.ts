// /check [YYYY]: the branch's year against its rules (per-branch settings, central rules as defaults):
// what is done, what is missing and where, quorum warnings, 谈心谈话 pairs and 学时. Months before the
// branch began its ledger are not judged. The secretary gets a button to the rule settings (checkSettings.ts).
import { type InlineKeyboard } from "grammy";
import { localDateOf } from "../../domain/calendar/index.js";
import { MAX_YEAR, MIN_YEAR } from "../../domain/period/index.js";
import { checkCompliance, parseRuleSettings, renderComplianceText, requiredStudyHours, type ComplianceInput } from "../../domain/rules/index.js";
import { splitForTelegram } from "../../domain/summary/index.js";
import type { BotContext } from "../context.js";
import { allowed, hasMembership, type MemberContext, requiresCommand } from "../middlewares/auth.js";
import { checkSettingsFeature, isSecretary, openSettingsButton } from "./checkSettings.js";
import { langOf } from "../i18n.js";
import { featureComposer } from "../featureComposer.js";

/** "" → this year; "2023" or "2023年" → 2023; anything else → null. */
export function parseYearArg(arg: string, thisYear: number): number | null {
  const text = arg.normalize("NFKC").trim();
  if (text === "" || text === "今年" || text.toLowerCase() === "this year") return thisYear;
  if (text === "去年" || text.toLowerCase() === "last year") return thisYear - 1;
  const m = /^(\d{4})(?:年|年度)?$/.exec(text);
  const year = m ? Number(m[1]) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** The /check reply for a year in the sender's active branch, split into Telegram-sized messages. */
export async function checkReply(ctx: BotContext, year: number): Promise<string[]> {
  // Called behind requires("stats.view") and the secretary's settings button: the sender has an active branch.
  if (!hasMembership(ctx)) throw new Error("checkReply: the sender has no active branch");
  const m = ctx.member.membership;
  const today = localDateOf(ctx.deps.now(), m.timeZone);
  const lang = await langOf(ctx);
  const { store } = ctx.deps;
  const branch = await store.branches.get(m.branchId);
  const settings = parseRuleSettings(branch?.rules ?? {});
  const data = await store.ledger.complianceData(m.branchId, year, m.timeZone, settings);
  // Each member's 学时 by name only for the secretary and committee, and only in a private chat.
  const isPrivate = ctx.chat?.type === "private";
  const seesMembers = allowed(ctx, "members.view") && isPrivate;
  // Names (学时, 谈心谈话 coverage) only for those who may see members, in a private chat.
  const { studyHours: _hours, people: _people, talkRecords: _talks, ...branchWide } = data;
  const input: ComplianceInput = {
    ...branchWide,
    today,
    settings,
    ...(seesMembers ? { studyHours: data.studyHours, ...(data.people ? { people: data.people } : {}), ...(data.talkRecords ? { talkRecords: data.talkRecords } : {}) } : {}),
  };
  const report = checkCompliance(input);
  const blocks = [renderComplianceText(report, lang)];
  const own = data.studyHours.find((s) => s.memberId === ctx.member.id);
  const judged = report.scope !== "future" && !(report.since && report.since.year > year);
  if (!seesMembers && own && isPrivate && judged && settings.studyHoursPerYear > 0) {
    const self = own.selfStudyHours ?? 0;
    blocks.push(ctx.t("check-own-hours", { year: String(year), hours: String(Math.round(own.hours * 10) / 10), required: String(requiredStudyHours(own.role, settings)), self }));
  }
  blocks.push(ctx.t("check-rules-note"));
  ctx.logger.info({ year, tally: report.tally }, "compliance checked");
  return splitForTelegram(blocks.join("\n\n"));
}

/** Sends the /check reply; the secretary's last message carries the "⚙️ 检查规则" button. */
export async function sendCheckReply(ctx: MemberContext, year: number, chunks: string[]): Promise<void> {
  const keyboard: InlineKeyboard | null = isSecretary(ctx) ? openSettingsButton(ctx, ctx.member.membership.branchId, year) : null;
  for (const [i, chunk] of chunks.entries()) {
    await ctx.reply(chunk, i === chunks.length - 1 && keyboard ? { reply_markup: keyboard } : {});
  }
}

export function checkFeature() {
  const feature = featureComposer();

  feature.command("check", requiresCommand("check", async (ctx) => {
    const m = ctx.member.membership;
    const today = localDateOf(ctx.deps.now(), m.timeZone);
    const arg = ctx.match.trim();
    const year = parseYearArg(arg, today.year);
    if (year === null) {
      ctx.logger.info({ arg }, "check: bad year");
      await ctx.reply(ctx.t("check-bad-year", { input: arg, min: String(MIN_YEAR), max: String(MAX_YEAR) }));
      return;
    }
    await sendCheckReply(ctx, year, await checkReply(ctx, year));
  }));

  // The rule settings panel behind the button (wired here, so createBot needs no change).
  feature.use(checkSettingsFeature(checkReply));

  return feature;
}

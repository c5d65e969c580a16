// /summary [YYYY] (secretary, committee): the year-end summary draft from the ledger, as chat text
// (split under Telegram's limit at paragraph boundaries), the 台账附表, and a .docx document.
import { InputFile } from "grammy";
import { localDateOf } from "../../domain/calendar/index.js";
import { MAX_YEAR, MIN_YEAR, yearPeriod } from "../../domain/period/index.js";
import {
  composeAnnualSummary,
  splitForTelegram,
  summaryInputFromFacts,
  summaryToText,
  gapsFromReport,
  TELEGRAM_LIMIT,
  type SummaryDocument,
  type SummaryGaps,
} from "../../domain/summary/index.js";
import type { LocalDate } from "../../domain/activity.js";
import type { ActivityFact } from "../../domain/tally/index.js";
import { checkCompliance, parseRuleSettings, type RuleSettings } from "../../domain/rules/index.js";
import { type MemberContext, requiresCommand } from "../middlewares/auth.js";
import { parseYearArg } from "./check.js";
import { featureComposer } from "../featureComposer.js";

/** The appendix goes to the chat too when it fits in this many messages; otherwise only in the .docx. */
const APPENDIX_MAX_MESSAGES = 3;

/** "2023年第一党支部党建工作总结（初稿）.docx", without characters file systems refuse. */
export function summaryFileName(year: number, branchName: string): string {
  const name = branchName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim() || "党支部";
  return `${year}年${name}党建工作总结（初稿）.docx`;
}

/** The draft's chat messages: the text, then the appendix when it is short enough (else a pointer to the file). */
export function summaryMessages(doc: SummaryDocument, appendixPointer: (rows: number) => string): string[] {
  const text = summaryToText(doc);
  const chunks = splitForTelegram(text);
  const full = summaryToText(doc, { appendix: true });
  const appendix = full.startsWith(text) ? full.slice(text.length).trim() : "";
  if (appendix) {
    // Messages keep every character but the line breaks between them: more than that many characters
    // cannot fit in APPENDIX_MAX_MESSAGES, so a year's long appendix is not split only to be counted.
    const characters = appendix.length - (appendix.match(/\n/g)?.length ?? 0);
    const appendixChunks = characters > APPENDIX_MAX_MESSAGES * TELEGRAM_LIMIT ? null : splitForTelegram(appendix);
    const rows = doc.appendix.reduce((n, g) => n + g.rows.length, 0);
    chunks.push(...(appendixChunks && appendixChunks.length <= APPENDIX_MAX_MESSAGES ? appendixChunks : [appendixPointer(rows)]));
  }
  return chunks;
}

/**
 * The year's /check gaps for 存在的问题 (the same check /check runs, with names left out); null for a year
 * not yet begun or before the branch's ledger.
 */
async function yearGaps(
  ctx: MemberContext, year: number, today: LocalDate, facts: readonly ActivityFact[],
): Promise<{ gaps: SummaryGaps; studyKinds: RuleSettings["studyKinds"] } | null> {
  const m = ctx.member.membership;
  const settings = parseRuleSettings((await ctx.deps.store.branches.get(m.branchId))?.rules ?? {});
  const data = await ctx.deps.store.ledger.complianceData(m.branchId, year, m.timeZone, settings, facts);
  const report = checkCompliance({ ...data, today, settings });
  if (report.scope === "future" || (report.since && report.since.year > year)) return null;
  return { gaps: gapsFromReport(report), studyKinds: settings.studyKinds };
}

export function summaryFeature() {
  const feature = featureComposer();

  feature.command("summary", requiresCommand("summary", async (ctx) => {
    const m = ctx.member.membership;
    const arg = ctx.match.trim();
    // Year-end summaries are written from December to February: in January and February the
    // default is the year just ended.
    const today = localDateOf(ctx.deps.now(), m.timeZone);
    const year = arg.trim() === "" && today.month <= 2 ? today.year - 1 : parseYearArg(arg, today.year);
    if (year === null) {
      ctx.logger.info({ arg }, "summary: bad year");
      await ctx.reply(ctx.t("summary-bad-year", { input: arg, min: String(MIN_YEAR), max: String(MAX_YEAR) }));
      return;
    }
    const progress = await ctx.reply(ctx.t("summary-progress", { year: String(year) }));
    await ctx.replyWithChatAction("typing");
    const started = performance.now();
    const period = yearPeriod(year, m.timeZone);
    let drafted: { doc: SummaryDocument; records: number };
    try {
      // The year's records are read once: the summary's figures and the /check gaps come from the same facts.
      const facts = await ctx.deps.store.ledger.ruleFacts(m.branchId, new Date(period.start), new Date(period.end));
      const gaps = await yearGaps(ctx, year, today, facts);
      const doc = composeAnnualSummary(
        summaryInputFromFacts({ branchName: m.branchName, year, timeZone: m.timeZone, facts, ...(gaps ? { gaps: gaps.gaps, studyKinds: gaps.studyKinds } : {}) }),
      );
      drafted = { doc, records: facts.filter((f) => !f.personal).length };
    } catch (error) {
      // Turn the progress message into the apology rather than leave "正在生成…" hanging.
      ctx.logger.error({ err: error, year }, "summary failed");
      await ctx.api.editMessageText(progress.chat.id, progress.message_id, ctx.t("error-generic"));
      return;
    }
    const { doc, records } = drafted;
    const chunks = summaryMessages(doc, (rows) => ctx.t("summary-appendix-in-file", { count: String(rows) }));
    if (records === 0) chunks.unshift(ctx.t("summary-empty", { year: String(year) }));

    // The text goes out as soon as it is composed; the .docx (with the whole appendix) follows.
    const [first, ...rest] = chunks;
    await ctx.api.editMessageText(progress.chat.id, progress.message_id, first ?? doc.title);
    for (const chunk of rest) await ctx.reply(chunk);

    await ctx.replyWithChatAction("upload_document");
    let docx: Buffer;
    try {
      // Loaded on first use: the docx library is only needed here.
      const { renderSummaryDocx } = await import("../../render/summaryDocx.js");
      docx = await renderSummaryDocx(doc);
    } catch (error) {
      ctx.logger.error({ err: error, year }, "summary .docx failed");
      await ctx.reply(ctx.t("error-generic"));
      return;
    }
    await ctx.replyWithDocument(new InputFile(docx, summaryFileName(year, m.branchName)), {
      caption: ctx.t("summary-doc-caption", { year: String(year), placeholders: doc.hasPlaceholders ? "yes" : "no" }),
    });
    ctx.logger.info(
      { year, records, figures: doc.figures.length, messages: chunks.length, ms: Math.round(performance.now() - started) },
      "summary drafted",
    );
  }));

  return feature;
}

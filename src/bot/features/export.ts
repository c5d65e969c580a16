import { InputFile } from "grammy";
import { parsePeriod } from "../../domain/period/index.js";
import { parseRuleSettings } from "../../domain/rules/settings.js";
import { ledgerRowsOf, ledgerTitle } from "../../render/ledgerRows.js";
import { requiresCommand } from "../middlewares/auth.js";
import { langOf } from "../i18n.js";
import { featureComposer } from "../featureComposer.js";

/** /export [YYYY]: the year's ledger as an .xlsx file. */
export function exportFeature() {
  const feature = featureComposer();
  feature.command(
    "export",
    requiresCommand("export", async (ctx) => {
      const m = ctx.member.membership;
      const arg = ctx.match.trim();
      const parsed = parsePeriod(arg || undefined, ctx.deps.now(), m.timeZone);
      if (!parsed.ok || parsed.period.unit !== "year") {
        await ctx.reply(ctx.t("export-usage"));
        return;
      }
      const { period } = parsed;
      await ctx.replyWithChatAction("upload_document");
      const lang = await langOf(ctx);
      const [start, end] = [new Date(period.start), new Date(period.end)];
      const records = await ctx.deps.store.activities.ledgerRows(m.branchId, start, end);
      const settings = parseRuleSettings((await ctx.deps.store.branches.get(m.branchId))?.rules ?? {});
      const rows = ledgerRowsOf(records, m.timeZone, lang, settings);
      const study = await ctx.deps.store.ledger.studyHours(m.branchId, start, end, settings);
      const title = ledgerTitle(m.branchName, period.year);
      // Loaded on first use: exceljs is only needed for the export.
      const { renderLedgerXlsx } = await import("../../render/ledgerXlsx.js");
      const xlsx = await renderLedgerXlsx(title, rows, study);
      await ctx.replyWithDocument(new InputFile(xlsx, `${title}.xlsx`), {
        caption: ctx.t("export-done", { year: period.year, n: rows.length }),
      });
    }),
  );
  return feature;
}

import { Composer, InputFile } from "grammy";
import { parsePeriod } from "../../domain/period/index.js";
import { ledgerRowsOf, ledgerTitle } from "../../render/ledgerRows.js";
import type { BotContext } from "../context.js";
import { requiresCommand } from "../middlewares/auth.js";
import { langOf } from "./logging/index.js";

/** /export [YYYY]: the year's ledger as an .xlsx file. */
export function exportFeature() {
  const feature = new Composer<BotContext>();
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
      const records = await ctx.deps.store.activities.ledgerRows(m.branchId, new Date(period.start), new Date(period.end));
      const rows = ledgerRowsOf(records, m.timeZone, lang);
      const title = ledgerTitle(m.branchName, period.year);
      // Loaded on first use: exceljs is only needed for the export.
      const { renderLedgerXlsx } = await import("../../render/ledgerXlsx.js");
      const xlsx = await renderLedgerXlsx(title, rows);
      await ctx.replyWithDocument(new InputFile(xlsx, `${title}.xlsx`), {
        caption: ctx.t("export-done", { year: period.year, n: rows.length }),
      });
    }),
  );
  return feature;
}

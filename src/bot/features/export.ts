import { Composer, InputFile } from "grammy";
import { kindsLabel } from "../../domain/describe.js";
import { parsePeriod } from "../../domain/period/index.js";
import { formatInstantDate } from "../../domain/calendar/index.js";
import type { LedgerRow } from "../../render/ledgerXlsx.js";
import type { BotContext } from "../context.js";
import { requires } from "../middlewares/auth.js";
import { langOf } from "./logging/index.js";

/** /export [YYYY]: the year's ledger as an .xlsx file. */
export function exportFeature() {
  const feature = new Composer<BotContext>();
  feature.command("export", requires("export"), async (ctx) => {
    const m = ctx.member!.membership!;
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
    const rows: LedgerRow[] = records.map((r) => ({
      id: r.id,
      date: formatInstantDate(r.occurredAt, m.timeZone),
      kinds: kindsLabel(r.kinds, lang),
      title: r.title, location: r.location, host: r.host, recorder: r.recorder, speaker: r.speaker,
      expected: r.expectedCount, present: r.presentCount,
      personTimes: r.details.personTimes ?? r.presentCount ?? r.attendeeIds.length,
      hours: r.durationHours,
      absentees: r.absentees.map((a) => (a.reason ? `${a.name}（${a.reason}）` : a.name)).join("、"),
      attendees: r.attendeeNames.join("、"),
      notes: r.notes, reporter: r.reporterName, photos: r.photos,
    }));
    const title = `${m.branchName}${period.year}年台账`;
    // Loaded on first use: exceljs is only needed for the export.
    const { renderLedgerXlsx } = await import("../../render/ledgerXlsx.js");
    const xlsx = await renderLedgerXlsx(title, rows);
    await ctx.replyWithDocument(new InputFile(xlsx, `${title}.xlsx`), { caption: ctx.t("export-done", { year: period.year, n: rows.length }) });
  });
  return feature;
}

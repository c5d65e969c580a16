// /records [YYYY] (secretary, committee): every 三会一课 and 主题党日 record of the year as 会议记录, one
// page each, in one .docx; and the "📄 会议记录" button on a meeting's card for that one record.
import { InputFile } from "grammy";
import { localDateOf } from "../../domain/calendar/index.js";
import { meetingMinutesOf, MINUTES_KINDS, type MeetingMinutes } from "../../domain/minutes/index.js";
import { MAX_YEAR, MIN_YEAR, yearPeriod } from "../../domain/period/index.js";
import { allowed, requires, requiresCommand } from "../middlewares/auth.js";
import { parseYearArg } from "./check.js";
import { minutesButtons } from "./minutesButton.js";
import { fetchPhotos } from "./minutesPhotos.js";
import { featureComposer } from "../featureComposer.js";

/** "2023年第一党支部会议记录.docx", without characters file systems refuse. */
export function minutesFileName(branchName: string, what: string): string {
  const name = branchName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim() || "党支部";
  return `${what}${name}会议记录.docx`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "");
}

async function renderMinutes(minutes: MeetingMinutes[], branchName: string, title: string, photos?: ReadonlyMap<number, Uint8Array[]>): Promise<Buffer> {
  // Loaded on first use, like the other documents.
  const { renderMinutesDocx } = await import("../../render/minutesDocx.js");
  return renderMinutesDocx(minutes, branchName, title, photos);
}

export function meetingRecordsFeature() {
  const feature = featureComposer();

  feature.command("records", requiresCommand("records", async (ctx) => {
    const m = ctx.member.membership;
    const today = localDateOf(ctx.deps.now(), m.timeZone);
    const arg = ctx.match.trim();
    const year = parseYearArg(arg, today.year);
    if (year === null) {
      await ctx.reply(ctx.t("records-bad-year", { input: arg, min: String(MIN_YEAR), max: String(MAX_YEAR) }));
      return;
    }
    await ctx.replyWithChatAction("upload_document");
    const period = yearPeriod(year, m.timeZone);
    const rows = await ctx.deps.store.activities.meetingRecords(m.branchId, MINUTES_KINDS, { start: new Date(period.start), end: new Date(period.end) });
    if (rows.length === 0) {
      await ctx.reply(ctx.t("records-empty", { year: String(year) }));
      return;
    }
    const minutes = rows.map((r) => meetingMinutesOf(r.record, { timeZone: m.timeZone, attendeeNames: r.attendeeNames, photos: r.photos, groupName: r.groupName }));
    const blanks = minutes.reduce((n, p) => n + p.fields.filter((f) => f.value === null).length, 0);
    const title = `${year}年${m.branchName}会议记录`;
    const docx = await renderMinutes(minutes, m.branchName, title);
    await ctx.replyWithDocument(new InputFile(docx, minutesFileName(m.branchName, `${year}年`)), {
      caption: ctx.t("records-caption", { year: String(year), n: minutes.length, blanks }),
    });
    ctx.logger.info({ year, meetings: minutes.length, blanks }, "meeting records drafted");
  }));

  feature.callbackQuery(minutesButtons.filter, requires("activity.log", async (ctx) => {
    const data = minutesButtons.parse(ctx.callbackQuery.data);
    const m = ctx.member.membership;
    const [row] = data && data.branch === m.branchId ? await ctx.deps.store.activities.meetingRecords(m.branchId, MINUTES_KINDS, { id: data.id }) : [];
    // Members get their own records' minutes; the secretary and committee any of the branch's.
    if (!row || (row.record.reporterId !== ctx.member.id && !allowed(ctx, "activity.edit_any"))) {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale minutes button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    // The record's photos go into its 会议记录 (the first few); one that cannot be fetched is noted, never fatal.
    const fetched = await fetchPhotos(ctx.api, row.photoIds, (error) => ctx.logger.warn({ err: error, record: row.record.id }, "photo for meeting record not fetched"));
    const minutes = meetingMinutesOf(row.record, {
      timeZone: m.timeZone, attendeeNames: row.attendeeNames, photos: row.photos, groupName: row.groupName,
      photosAttached: fetched.images.length, photosMissing: fetched.missing,
    });
    const date = localDateOf(row.record.occurredAt, m.timeZone);
    const what = `${date.year}年${date.month}月${date.day}日`;
    const docx = await renderMinutes([minutes], m.branchName, `${what}${minutes.heading}`, new Map([[row.record.id, fetched.images]]));
    const blanks = minutes.fields.filter((f) => f.value === null).length;
    await ctx.replyWithDocument(new InputFile(docx, minutesFileName(m.branchName, what)), { caption: ctx.t("records-one-caption", { blanks }) });
  }));

  return feature;
}

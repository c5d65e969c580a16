// The two /members questions that need an answer before anything is stored: the 转正 date
// (登记转正) and the reason a member leaves the list (从名单移除). Each has 取消 and 返回 (to the card).
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { formatLocalDate, formatLocalDateZh, localDateOf, todayIn } from "../../domain/calendar/index.js";
import { parseFullMemberDate, type FullMemberDateProblem } from "../../domain/membership.js";
import { kindsIn } from "../../domain/parse/index.js";
import type { BotContext, FlowContext } from "../context.js";
import { memberButtons } from "./memberButtons.js";
import { isCancelWord } from "../cancelWord.js";

export const FULL_MEMBER_FLOW = "registerFullMember";
export const REMOVE_FLOW = "removeMember";

type Store = BotContext["deps"]["store"];

/** The fixed reasons offered as buttons; 其他 asks for the words. */
export const REMOVAL_REASONS = { rm_transfer: "组织关系转出", rm_retire: "退休" } as const;
export const REASON_MIN = 2;
export const REASON_MAX = 50;

/** A typed answer as it reaches the edge: trimmed text of sane length. */
const typedAnswer = z.string().trim().min(1).max(200);
/** A typed reason for removal: 2–50 characters, no line breaks. */
export const removalReason = z
  .string()
  .trim()
  .min(REASON_MIN)
  .max(REASON_MAX)
  .regex(/^[^\n\r]+$/);

type Answer = { kind: "text"; text: string; ctx: FlowContext } | { kind: "button"; action: string; ctx: FlowContext };

/**
 * Waits for a typed answer or a press on the question's own buttons (`promptId`). A command or an
 * activity report leaves the question and is handled as usual; other buttons are handled outside.
 */
async function answer(conversation: Conversation<BotContext, FlowContext>, promptId: number, memberId: number): Promise<Answer> {
  for (;;) {
    const u = await conversation.wait();
    const raw = u.message?.text;
    if (raw !== undefined) {
      const text = raw.trim();
      if (text.startsWith("/") || kindsIn(text).length > 0) await conversation.halt({ next: true });
      const parsed = typedAnswer.safeParse(text);
      if (parsed.success) return { kind: "text", text: parsed.data, ctx: u };
      return { kind: "text", text: "", ctx: u };
    }
    const data = u.callbackQuery ? memberButtons.parse(u.callbackQuery.data) : null;
    if (data && data.member === memberId && u.callbackQuery?.message?.message_id === promptId) {
      // 返回 opens the member card: leave the question and let /members handle the press.
      if (data.action === "open") await conversation.halt({ next: true });
      await u.answerCallbackQuery();
      return { kind: "button", action: data.action, ctx: u };
    }
    await conversation.skip({ next: true });
  }
}

/** 登记转正: asks the date, checks it (not in the future, not before joining), stores it. */
export function fullMemberFlow(store: Store, clock: () => Date) {
  return async function registerFullMember(
    conversation: Conversation<BotContext, FlowContext>,
    ctx: FlowContext,
    branchId: number,
    memberId: number,
    name: string,
    timeZone: string,
  ): Promise<void> {
    const facts = await conversation.external(async () => ({
      now: clock().toISOString(),
      joined: (await store.memberships.joinedAt(branchId, memberId))?.toISOString() ?? null,
    }));
    const today = todayIn(new Date(facts.now), timeZone);
    const joined = facts.joined ? localDateOf(facts.joined, timeZone) : null;
    const b = (action: "cancel" | "open") => memberButtons.pack({ action, branch: branchId, member: memberId });
    const keyboard = new InlineKeyboard().text(ctx.t("button-cancel"), b("cancel")).text(ctx.t("button-back"), b("open"));
    const prompt = await ctx.reply(ctx.t("members-full-ask", { name }), { reply_markup: keyboard });
    for (;;) {
      const a = await answer(conversation, prompt.message_id, memberId);
      if (a.kind === "button" && a.action !== "cancel") continue;
      if (a.kind === "button" || isCancelWord(a.text)) {
        await a.ctx.reply(a.ctx.t("cancelled"));
        return;
      }
      const date = parseFullMemberDate(a.text, today, joined);
      if (typeof date === "string") {
        const problem: FullMemberDateProblem = date;
        await a.ctx.reply(a.ctx.t(`members-full-${problem}`, { joined: joined ? formatLocalDateZh(joined) : "" }), {
          reply_markup: keyboard,
        });
        continue;
      }
      const ok = await conversation.external(() => store.memberships.setProbationary(branchId, memberId, false, formatLocalDate(date)));
      await a.ctx.reply(ok ? a.ctx.t("members-full-done", { name, date: formatLocalDateZh(date) }) : a.ctx.t("error-bad-button"));
      return;
    }
  };
}

/** 从名单移除: asks the reason (组织关系转出 / 退休 / 其他 → typed), then removes. */
export function removeFlow(store: Store) {
  return async function removeMember(
    conversation: Conversation<BotContext, FlowContext>,
    ctx: FlowContext,
    branchId: number,
    memberId: number,
    name: string,
  ): Promise<void> {
    const b = (action: "rm_transfer" | "rm_retire" | "rm_other" | "cancel" | "open") =>
      memberButtons.pack({ action, branch: branchId, member: memberId });
    const keyboard = new InlineKeyboard()
      .text(REMOVAL_REASONS.rm_transfer, b("rm_transfer"))
      .text(REMOVAL_REASONS.rm_retire, b("rm_retire"))
      .text(ctx.t("members-remove-other"), b("rm_other"))
      .row()
      .text(ctx.t("button-cancel"), b("cancel"))
      .text(ctx.t("button-back"), b("open"));
    const prompt = await ctx.reply(ctx.t("members-remove-confirm", { name }), { reply_markup: keyboard });
    let typing = false;
    for (;;) {
      const a = await answer(conversation, prompt.message_id, memberId);
      if ((a.kind === "button" && a.action === "cancel") || (a.kind === "text" && isCancelWord(a.text))) {
        await a.ctx.reply(a.ctx.t("cancelled"));
        return;
      }
      let reason: string | null = null;
      if (a.kind === "button") {
        if (a.action === "rm_transfer" || a.action === "rm_retire") reason = REMOVAL_REASONS[a.action];
        else if (a.action === "rm_other") {
          typing = true;
          await a.ctx.reply(a.ctx.t("members-remove-reason-ask", { min: REASON_MIN, max: REASON_MAX }));
          continue;
        } else continue;
      } else {
        const parsed = removalReason.safeParse(a.text);
        if (!typing || !parsed.success) {
          await a.ctx.reply(a.ctx.t(typing ? "members-remove-reason-bad" : "members-remove-choose", { min: REASON_MIN, max: REASON_MAX }));
          continue;
        }
        reason = parsed.data;
      }
      const ok = await conversation.external(() => store.memberships.remove(branchId, memberId, reason));
      await a.ctx.reply(ok ? a.ctx.t("members-removed", { name, reason }) : a.ctx.t("error-bad-button"));
      return;
    }
  };
}

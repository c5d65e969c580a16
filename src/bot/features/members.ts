import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { MemberRow } from "../../db/repos/branches.js";
import { kindsIn } from "../../domain/parse/index.js";
import type { BotContext, FlowContext } from "../context.js";
import { allowed, requires, type MemberContext, requiresCommand } from "../middlewares/auth.js";
import { formatLocalDateZh, localYearBounds } from "../../domain/calendar/index.js";
import { storedLocalDate } from "../../domain/membership.js";
import { COMMITTEE_ROLES, committeeRoleLabel } from "../../domain/tally/labels.js";
import { joinButtons } from "./invites.js";
import { RENAME_FLOW } from "./nameFlow.js";
import { memberButtons, type MemberAction } from "./memberButtons.js";
import { FULL_MEMBER_FLOW, REMOVE_FLOW } from "./memberFlows.js";
import { isCancelWord } from "../cancelWord.js";
import { featureComposer } from "../featureComposer.js";

export { memberButtons } from "./memberButtons.js";
export const GROUP_FLOW = "setPartyGroup";

// A committee member's duty; stored as its Chinese name (locales/zh/kinds.ftl), shown in the reader's language.
const TITLES = { t_org: "org", t_pub: "pub", t_disc: "disc", t_none: null } as const;

function displayName(m: Pick<MemberRow, "name" | "username" | "telegramId">): string {
  return m.name ?? (m.username ? `@${m.username}` : String(m.telegramId));
}

function roleLabel(ctx: BotContext, m: MemberRow): string {
  const duty = COMMITTEE_ROLES.find((r) => committeeRoleLabel(r, "zh") === m.committeeTitle);
  const title = duty ? ctx.t(`committee-role-${duty}`) : m.committeeTitle;
  const role = m.role === "committee" && title ? title : ctx.t(`role-${m.role}`);
  const fullSince = m.probationary ? null : storedLocalDate(m.fullMemberSince);
  const since = fullSince ? ctx.t("members-full-since", { date: formatLocalDateZh(fullSince) }) : null;
  return [role, m.probationary ? ctx.t("members-probationary") : since, m.groupName].filter(Boolean).join(" · ");
}

async function listText(ctx: MemberContext, branchId: number, branchName: string) {
  const members = await ctx.deps.store.branches.members(branchId, true);
  const { start, end } = localYearBounds(ctx.deps.now(), ctx.member.membership.timeZone);
  const participation = await ctx.deps.store.branches.participation(branchId, start, end);
  const active = members.filter((m) => m.status === "active");
  const pending = members.filter((m) => m.status === "pending");
  const lines = [ctx.t("members-title", { branch: branchName, count: active.length })];
  active.forEach((m, i) => {
    lines.push(ctx.t("members-line", { n: i + 1, name: displayName(m), role: roleLabel(ctx, m), times: participation.get(m.memberId) ?? 0 }));
  });
  if (pending.length) lines.push("", ctx.t("members-pending", { names: pending.map(displayName).join("、") }));
  const removed = members.filter((m) => m.status === "removed");
  if (removed.length) {
    const names = removed.map((m) => (m.removedReason ? `${displayName(m)}（${m.removedReason}）` : displayName(m)));
    lines.push("", ctx.t("members-removed-list", { names: names.join("、") }));
  }
  const keyboard = new InlineKeyboard();
  if (allowed(ctx, "members.manage")) {
    active.filter((m) => m.role !== "secretary").forEach((m, i) => {
      keyboard.text(displayName(m), memberButtons.pack({ action: "open", branch: branchId, member: m.memberId }));
      if (i % 3 === 2) keyboard.row();
    });
    for (const m of pending) {
      keyboard.row()
        .text(`✅ ${displayName(m)}`, joinButtons.pack({ action: "ok", branch: branchId, member: m.memberId }))
        .text(`✖️ ${displayName(m)}`, joinButtons.pack({ action: "no", branch: branchId, member: m.memberId }));
    }
  }
  return { text: lines.join("\n"), keyboard };
}

function cardKeyboard(ctx: BotContext, branchId: number, m: MemberRow): InlineKeyboard {
  const b = (action: MemberAction) => memberButtons.pack({ action, branch: branchId, member: m.memberId });
  const k = new InlineKeyboard();
  if (m.role !== "committee") k.text(ctx.t("members-make-committee"), b("committee"));
  if (m.role !== "group_leader") k.text(ctx.t("members-make-leader"), b("leader"));
  if (m.role !== "member") k.text(ctx.t("members-make-member"), b("member"));
  k.row().text(ctx.t(m.probationary ? "members-prob-off" : "members-prob-on"), b(m.probationary ? "prob_off" : "prob_on"));
  k.text(ctx.t("members-set-group"), b("group"));
  k.text(ctx.t("members-rename"), b("rename"));
  k.row().text(ctx.t("members-make-secretary"), b("secretary"));
  k.row().text(ctx.t("members-remove"), b("remove")).text(ctx.t("button-back"), b("list"));
  return k;
}

/** /members: who is in the branch, and (secretary) roles, party groups, removal. */
export function membersFeature() {
  const feature = featureComposer();

  feature.command("members", requiresCommand("members", async (ctx) => {
    const m = ctx.member.membership;
    const { text, keyboard } = await listText(ctx, m.branchId, m.branchName);
    await ctx.reply(text, { reply_markup: keyboard });
  }));

  feature.callbackQuery(memberButtons.filter, requires("members.manage", async (ctx) => {
    const data = memberButtons.parse(ctx.callbackQuery.data);
    const branch = ctx.member.membership;
    const target = data && data.branch === branch.branchId ? await ctx.deps.store.branches.membership(branch.branchId, data.member) : null;
    if (!data || !target || target.status !== "active" || target.role === "secretary") {
      ctx.logger.warn({ data: ctx.callbackQuery.data }, "refused crafted or stale member button");
      await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
      return;
    }
    const store = ctx.deps.store.memberships;
    const { branchId } = branch;
    switch (data.action) {
      case "list": {
        const { text, keyboard } = await listText(ctx, branchId, branch.branchName);
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(text, { reply_markup: keyboard });
        return;
      }
      case "committee": {
        const b = (action: MemberAction) => memberButtons.pack({ action, branch: branchId, member: target.memberId });
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("members-choose-title", { name: displayName(target) }), {
          reply_markup: new InlineKeyboard().text(ctx.t("committee-role-org"), b("t_org")).text(ctx.t("committee-role-pub"), b("t_pub")).text(ctx.t("committee-role-disc"), b("t_disc")).row()
            .text(ctx.t("members-title-none"), b("t_none")).text(ctx.t("button-back"), b("open")),
        });
        return;
      }
      case "rename":
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(RENAME_FLOW, target.memberId, displayName(target));
        return;
      case "group":
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(GROUP_FLOW, branchId, target.memberId, displayName(target));
        return;
      // Removal needs a reason and 转正 a date: both are asked (with 取消 and 返回) before anything is stored.
      case "remove": case "remove_yes":
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(REMOVE_FLOW, branchId, target.memberId, displayName(target));
        return;
      case "prob_off":
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(FULL_MEMBER_FLOW, branchId, target.memberId, displayName(target), branch.timeZone);
        return;
      // The question's own buttons pressed after it was left (a restart, another question meanwhile).
      case "cancel": case "rm_transfer": case "rm_retire": case "rm_other":
        await ctx.answerCallbackQuery({ text: ctx.t("members-question-closed") });
        return;
      case "secretary":
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("members-secretary-confirm", { name: displayName(target) }), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("members-secretary-yes"), memberButtons.pack({ action: "secretary_yes", branch: branchId, member: target.memberId }))
            .text(ctx.t("button-cancel"), memberButtons.pack({ action: "open", branch: branchId, member: target.memberId })),
        });
        return;
      case "secretary_yes": {
        const ok = await store.transferSecretary(branchId, ctx.member.id, target.memberId);
        ctx.logger.info({ member: target.memberId, ok }, "secretary role handed over");
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t(ok ? "members-secretary-done" : "error-bad-button", { name: displayName(target) }));
        return;
      }
      case "t_org": case "t_pub": case "t_disc": case "t_none": {
        const duty = TITLES[data.action];
        await store.setRole(branchId, target.memberId, "committee", duty && committeeRoleLabel(duty, "zh"));
        break;
      }
      case "leader": await store.setRole(branchId, target.memberId, "group_leader"); break;
      case "member": await store.setRole(branchId, target.memberId, "member"); break;
      case "prob_on": await store.setProbationary(branchId, target.memberId, true); break;
      case "open": break;
    }
    const fresh = await ctx.deps.store.branches.membership(branchId, target.memberId);
    if (!fresh) throw new Error("members: the membership just changed is gone");
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("members-card", { name: displayName(fresh), role: roleLabel(ctx, fresh) }), {
      reply_markup: cardKeyboard(ctx, branchId, fresh),
    });
  }));
  return feature;
}

/** Asks for the party group's name (typed: groups are named freely, e.g. 第一党小组). */
export function partyGroupFlow(store: BotContext["deps"]["store"]) {
  return async function setPartyGroup(conversation: Conversation<BotContext, FlowContext>, ctx: FlowContext, branchId: number, memberId: number, name: string) {
    const groups = await conversation.external(() => store.memberships.groups(branchId));
    await ctx.reply(ctx.t("members-group-ask", { name, groups: groups.map((g) => g.name).join("、") || "—" }));
    // Taps on other screens' buttons are handled as usual meanwhile.
    const answer = await conversation.waitFor("message:text", { next: true });
    const text = answer.message.text.trim();
    // A report of an activity is not a group name ("第一党小组" itself names 党小组, so that kind is allowed).
    if (text.startsWith("/") || kindsIn(text).some((k) => k !== "group_meeting")) await conversation.halt({ next: true });
    if (isCancelWord(text)) {
      await answer.reply(answer.t("cancelled"));
      return;
    }
    if (text.length > 30) {
      await answer.reply(answer.t("members-group-too-long"));
      return;
    }
    const group = text === "无" || text.toLowerCase() === "none" ? null : text;
    const ok = await conversation.external(() => store.memberships.setGroup(branchId, memberId, group));
    await answer.reply(ok ? answer.t("members-group-set", { name, group: group ?? "—" }) : answer.t("error-bad-button"));
  };
}

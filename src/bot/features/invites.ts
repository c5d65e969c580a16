import { randomInt } from "node:crypto";
import { InlineKeyboard } from "grammy";
import { INVITE_ALPHABET, INVITE_CODE_LENGTH, INVITE_VALID_DAYS, inviteState, isInviteCodeShape } from "../../domain/membership.js";
import { callbackCodec } from "../../callbacks/codec.js";
import type { BotContext } from "../context.js";
import { allowed, requires, requiresCommand } from "../middlewares/auth.js";
import { formatInstantDate } from "../../domain/calendar/index.js";
import { startNameFlowIfNeeded } from "./nameFlow.js";
import { featureComposer } from "../featureComposer.js";

export const inviteButtons = callbackCodec("inv", ["revoke", "revoke_others", "approval_on", "approval_off"] as const, ["branch", "invite"] as const);
export const joinButtons = callbackCodec("join", ["ok", "no"] as const, ["branch", "member"] as const);

function newCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join("");
}

/** /invite, joining with `/start <code>`, and the secretary's approval of joins. */
export function invitesFeature() {
  const feature = featureComposer();
  const priv = feature.chatType("private");

  feature.command("invite", requiresCommand("invite", async (ctx) => {
    const membership = ctx.member.membership;
    const now = ctx.deps.now();
    const expires = new Date(now.getTime() + INVITE_VALID_DAYS * 86_400_000);
    const invite = await ctx.deps.store.invites.create(membership.branchId, ctx.member.id, newCode(), expires);
    const branch = await ctx.deps.store.branches.get(membership.branchId);
    // 企业微信 has no t.me links: members send the code to the app instead.
    const wecom = ctx.deps.config.CHANNEL === "wecom";
    const link = `https://t.me/${ctx.me.username}?start=${invite.code}`;
    const keyboard = new InlineKeyboard().text(ctx.t("invite-revoke"), inviteButtons.pack({ action: "revoke", branch: membership.branchId, invite: invite.id }));
    const others = (await ctx.deps.store.invites.active(membership.branchId, now)).filter((i) => i.id !== invite.id).length;
    if (others > 0) keyboard.text(ctx.t("invite-revoke-others", { n: others }), inviteButtons.pack({ action: "revoke_others", branch: membership.branchId, invite: invite.id }));
    if (allowed(ctx, "members.manage")) {
      const on = branch?.requireApproval ?? false;
      keyboard.row().text(ctx.t(on ? "invite-approval-turn-off" : "invite-approval-turn-on"),
        inviteButtons.pack({ action: on ? "approval_off" : "approval_on", branch: membership.branchId, invite: invite.id }));
    }
    await ctx.reply(
      ctx.t(wecom ? "invite-created-wecom" : "invite-created", {
        branch: membership.branchName,
        link,
        code: invite.code,
        until: formatInstantDate(expires, membership.timeZone),
        approval: ctx.t(branch?.requireApproval ? "invite-approval-on" : "invite-approval-off"),
      }),
      { reply_markup: keyboard, link_preview_options: { is_disabled: true } },
    );
  }));

  feature.callbackQuery(inviteButtons.filter, requires("invite.manage", async (ctx) => {
    const data = inviteButtons.parse(ctx.callbackQuery.data);
    const branchId = ctx.member.membership.branchId;
    if (!data || data.branch !== branchId) return refuse(ctx);
    const now = ctx.deps.now();
    if (data.action === "revoke") {
      const done = await ctx.deps.store.invites.revoke(branchId, data.invite, now);
      if (!done) return refuse(ctx);
      await ctx.answerCallbackQuery({ text: ctx.t("invite-revoked") });
      await ctx.editMessageText(ctx.t("invite-revoked"));
      return;
    }
    if (data.action === "revoke_others") {
      const n = await ctx.deps.store.invites.revokeOthers(branchId, data.invite, now);
      await ctx.answerCallbackQuery({ text: ctx.t("invite-others-revoked", { n }) });
      return;
    }
    if (!allowed(ctx, "members.manage")) return refuse(ctx);
    const on = data.action === "approval_on";
    await ctx.deps.store.branches.setRequireApproval(branchId, on);
    await ctx.answerCallbackQuery({ text: ctx.t(on ? "invite-approval-on" : "invite-approval-off") });
    await ctx.editMessageReplyMarkup({
      reply_markup: new InlineKeyboard()
        .text(ctx.t("invite-revoke"), inviteButtons.pack({ action: "revoke", branch: branchId, invite: data.invite }))
        .row()
        .text(ctx.t(on ? "invite-approval-turn-off" : "invite-approval-turn-on"),
          inviteButtons.pack({ action: on ? "approval_off" : "approval_on", branch: branchId, invite: data.invite })),
    });
  }));

  priv.command("start", async (ctx, next) => {
    const code = ctx.match.trim().toUpperCase();
    if (!code) return next();
    await joinWithCode(ctx, code);
  });

  // A pasted invite link (https://t.me/<bot>?start=CODE) or a bare invite code joins like /start CODE.
  priv.on("message:text", async (ctx, next) => {
    const text = ctx.msg.text.trim();
    const link = /(?:https?:\/\/)?t\.me\/\w+\?start=([A-Za-z0-9]+)/.exec(text)?.[1];
    const bare = isInviteCodeShape(text.toUpperCase()) && (await ctx.deps.store.invites.byCode(text.toUpperCase())) ? text : undefined;
    const code = (link ?? bare)?.toUpperCase();
    if (!code) return next();
    await joinWithCode(ctx, code);
  });

  async function joinWithCode(ctx: BotContext, code: string): Promise<void> {
    const invite = isInviteCodeShape(code) ? await ctx.deps.store.invites.byCode(code) : null;
    if (!invite) {
      await ctx.reply(ctx.t("join-bad-code"));
      return;
    }
    const state = inviteState(invite, ctx.deps.now());
    if (state !== "ok") {
      ctx.logger.info({ invite: invite.id, state }, "refused invite");
      await ctx.reply(ctx.t(state === "revoked" ? "join-revoked" : "join-expired"));
      return;
    }
    const branch = await ctx.deps.store.branches.get(invite.branchId);
    const member = ctx.member;
    // An invite always belongs to a branch, and the members middleware loads every private sender.
    if (!branch || !member) throw new Error("joinWithCode: the invite's branch or the sender's profile is missing");
    const outcome = await ctx.deps.store.memberships.join(branch.id, member.id, branch.requireApproval);
    if (outcome === "joined") await ctx.deps.store.invites.countUse(invite.id);
    await ctx.reply(ctx.t(`join-${outcome}`, { branch: branch.name }));
    if (outcome === "pending") await notifyApprovers(ctx, branch.id, branch.name, member.id);
    ctx.member = await ctx.deps.store.members.profile(member.id);
    await startNameFlowIfNeeded(ctx);
  }

  feature.callbackQuery(joinButtons.filter, requires("members.manage", async (ctx) => {
    const data = joinButtons.parse(ctx.callbackQuery.data);
    if (!data || data.branch !== ctx.member.membership.branchId) return refuse(ctx);
    const approve = data.action === "ok";
    const done = await ctx.deps.store.memberships.decide(data.branch, data.member, approve);
    if (!done) {
      await ctx.answerCallbackQuery({ text: ctx.t("join-already-decided") });
      return;
    }
    const profile = await ctx.deps.store.members.profile(data.member);
    const name = profile.name ?? profile.username ?? String(profile.telegramId);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(approve ? "join-approved-by-you" : "join-rejected-by-you", { name }));
    const text = ctx.tFor(profile.locale, approve ? "join-approved" : "join-rejected", { branch: ctx.member.membership.branchName });
    await ctx.api.sendMessage(profile.telegramId, text).catch((error: unknown) => ctx.logger.warn({ err: error }, "could not tell the applicant"));
  }));

  return feature;
}

async function notifyApprovers(ctx: BotContext, branchId: number, branchName: string, applicantId: number): Promise<void> {
  const approvers = await ctx.deps.store.memberships.approvers(branchId);
  const who = [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" ") + (ctx.from?.username ? ` @${ctx.from.username}` : "");
  for (const telegramId of approvers) {
    // In the approver's language, not the applicant's.
    const locale = await ctx.deps.store.members.localeOf(telegramId);
    const keyboard = new InlineKeyboard()
      .text(ctx.tFor(locale, "join-approve"), joinButtons.pack({ action: "ok", branch: branchId, member: applicantId }))
      .text(ctx.tFor(locale, "join-reject"), joinButtons.pack({ action: "no", branch: branchId, member: applicantId }));
    await ctx.api
      .sendMessage(telegramId, ctx.tFor(locale, "join-request", { who, branch: branchName }), { reply_markup: keyboard })
      .catch((error: unknown) => ctx.logger.warn({ err: error, telegramId }, "could not notify an approver"));
  }
}

async function refuse(ctx: BotContext): Promise<void> {
  ctx.logger.warn({ data: ctx.callbackQuery?.data }, "refused crafted or stale button");
  await ctx.answerCallbackQuery({ text: ctx.t("error-bad-button"), show_alert: true });
}

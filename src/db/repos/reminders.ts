import type { LocalDate } from "../../domain/activity.js";
import { addDays, dayBounds } from "../../domain/calendar/index.js";
import { defaultThemeDayRule, parseThemeDayRule, type ThemeDayRule } from "../../domain/reminders/index.js";
import type { Prisma } from "../client.js";

/** A branch's reminder settings; the default rule (not enabled) when the secretary has set none. */
export interface ReminderSettings {
  branchId: number;
  rule: ThemeDayRule;
  enabled: boolean;
  monthEndNudge: boolean;
  /** The scheduler's last completed pass for this branch. */
  checkedAt: Date | null;
  /** False when nothing is stored yet (the rule shown is the default). */
  stored: boolean;
}

/** What the scheduler needs of a branch whose reminders are on. */
export interface ScheduledBranch {
  branchId: number;
  branchName: string;
  timeZone: string;
  rule: ThemeDayRule;
  monthEndNudge: boolean;
  checkedAt: Date | null;
}

export interface ReminderMember {
  memberId: number;
  telegramId: number;
  locale: string | null;
  role: string;
}

/** Who a branch's reminders can reach: the bound group and the active members who have not blocked the bot. */
export interface BranchRecipients {
  groupChatId: number | null;
  members: ReminderMember[];
  /** The secretary, unless they blocked the bot. */
  secretary: ReminderMember | null;
}

export type DeliveryStatus = "claimed" | "sent" | "failed" | "skipped" | "blocked";

export interface DeliveryClaim {
  key: string;
  branchId: number;
  occurrenceKey: string;
  offsetKey: string;
  recipient: string;
  /** "claimed" before a send; "skipped" to record a delivery that will not be sent. */
  status: "claimed" | "skipped";
  error?: string | null;
  now: Date;
  /** The process that holds the claim. */
  owner?: string;
}

export interface DeliveryRow {
  key: string;
  branchId: number;
  occurrenceKey: string;
  offsetKey: string;
  recipient: string;
  status: DeliveryStatus;
  error: string | null;
  /** Sends tried so far. */
  attempts: number;
  /** A failed delivery that may be tried again: not before this; null when final. */
  retryAt: Date | null;
  claimedAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What a delivery row was read as, so that taking it over is a compare-and-set. */
export type ReclaimFrom = { status: "failed"; attempts: number } | { status: "claimed"; claimedAt: Date | null };

/** A scheduler pass this recent (a few intervals) is kept when the rule changes. */
export const THEME_DAY_SLACK_DAYS = 3;
export const RULE_CHANGE_GRACE_MS = 5 * 60_000;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

function toStatus(s: string): DeliveryStatus {
  return s === "sent" || s === "failed" || s === "skipped" || s === "blocked" ? s : "claimed";
}

function toRow(r: Omit<DeliveryRow, "status"> & { status: string }): DeliveryRow {
  return {
    key: r.key, branchId: r.branchId, occurrenceKey: r.occurrenceKey, offsetKey: r.offsetKey, recipient: r.recipient,
    status: toStatus(r.status), error: r.error, attempts: r.attempts, retryAt: r.retryAt, claimedAt: r.claimedAt,
    createdAt: r.createdAt, sentAt: r.sentAt,
  };
}

/** A stored rule that no longer parses (schema change) falls back to the default rather than stopping reminders. */
function ruleOf(json: string): ThemeDayRule {
  try {
    return parseThemeDayRule(json);
  } catch {
    return defaultThemeDayRule;
  }
}

export function remindersRepo(prisma: Prisma) {
  /** Upserts the settings row; a new row starts from the default rule, off. */
  async function upsert(branchId: number, data: { rule?: ThemeDayRule; enabled?: boolean; monthEndNudge?: boolean; checkedAt?: Date }) {
    const rule = data.rule === undefined ? undefined : JSON.stringify(data.rule);
    await prisma.reminderRule.upsert({
      where: { branchId },
      create: {
        branchId,
        rule: rule ?? JSON.stringify(defaultThemeDayRule),
        enabled: data.enabled ?? false,
        monthEndNudge: data.monthEndNudge ?? false,
        checkedAt: data.checkedAt ?? null,
      },
      update: {
        ...(rule !== undefined ? { rule } : {}),
        ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
        ...(data.monthEndNudge !== undefined ? { monthEndNudge: data.monthEndNudge } : {}),
        ...(data.checkedAt !== undefined ? { checkedAt: data.checkedAt } : {}),
      },
    });
  }

  async function reachableMembers(branchId: number): Promise<ReminderMember[]> {
    const rows = await prisma.membership.findMany({
      where: { branchId, status: "active", member: { blockedAt: null } },
      include: { member: { select: { telegramId: true, locale: true } } },
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({ memberId: r.memberId, telegramId: Number(r.member.telegramId), locale: r.member.locale, role: r.role }));
  }

  return {
    async get(branchId: number): Promise<ReminderSettings> {
      const row = await prisma.reminderRule.findUnique({ where: { branchId } });
      if (!row) return { branchId, rule: defaultThemeDayRule, enabled: false, monthEndNudge: false, checkedAt: null, stored: false };
      return { branchId, rule: ruleOf(row.rule), enabled: row.enabled, monthEndNudge: row.monthEndNudge, checkedAt: row.checkedAt, stored: true };
    },
    /**
     * Validates and stores the rule (throws a ZodError for an invalid one). The new rule's reminders
     * whose time is already past are not sent: the scheduler starts from `now` — unless it ran a
     * moment ago, so that a reminder due since its last pass still goes out.
     */
    async setRule(branchId: number, rule: unknown, now: Date): Promise<ThemeDayRule> {
      const parsed = parseThemeDayRule(rule);
      const row = await prisma.reminderRule.findUnique({ where: { branchId }, select: { checkedAt: true } });
      const recent = row?.checkedAt && now.getTime() - row.checkedAt.getTime() < RULE_CHANGE_GRACE_MS && row.checkedAt <= now;
      await upsert(branchId, recent ? { rule: parsed } : { rule: parsed, checkedAt: now });
      return parsed;
    },
    /** Turning reminders on starts from `now`: nothing already past is sent. */
    async setEnabled(branchId: number, enabled: boolean, now: Date): Promise<void> {
      await upsert(branchId, enabled ? { enabled, checkedAt: now } : { enabled });
    },
    async setMonthEndNudge(branchId: number, on: boolean): Promise<void> {
      await upsert(branchId, { monthEndNudge: on });
    },
    async setCheckedAt(branchId: number, at: Date): Promise<void> {
      await prisma.reminderRule.updateMany({ where: { branchId }, data: { checkedAt: at } });
    },
    /** Branches whose reminders are on, with what the scheduler needs. */
    async scheduled(): Promise<ScheduledBranch[]> {
      const rows = await prisma.reminderRule.findMany({
        where: { enabled: true },
        include: { branch: { select: { name: true, timeZone: true } } },
        orderBy: { branchId: "asc" },
      });
      return rows.map((r) => ({
        branchId: r.branchId,
        branchName: r.branch.name,
        timeZone: r.branch.timeZone,
        rule: ruleOf(r.rule),
        monthEndNudge: r.monthEndNudge,
        checkedAt: r.checkedAt,
      }));
    },
    async recipients(branchId: number): Promise<BranchRecipients> {
      const branch = await prisma.branch.findUnique({ where: { id: branchId }, select: { groupChatId: true } });
      const members = await reachableMembers(branchId);
      return {
        groupChatId: branch?.groupChatId == null ? null : Number(branch.groupChatId),
        members,
        secretary: members.find((m) => m.role === "secretary") ?? null,
      };
    },
    /** Records a delivery before it is sent. False when its key is taken: another pass or process has it. */
    async claim(c: DeliveryClaim): Promise<boolean> {
      try {
        await prisma.reminderDelivery.create({
          data: {
            key: c.key, branchId: c.branchId, occurrenceKey: c.occurrenceKey, offsetKey: c.offsetKey, recipient: c.recipient,
            status: c.status, error: c.error ?? null, createdAt: c.now,
            ...(c.status === "claimed" ? { attempts: 1, claimedAt: c.now, claimedBy: c.owner ?? null } : {}),
          },
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async markSent(key: string, at: Date): Promise<void> {
      await prisma.reminderDelivery.update({ where: { key }, data: { status: "sent", sentAt: at, error: null, retryAt: null, claimedBy: null } });
    },
    /** A failed send: `retryAt` when it may be tried again, null when the failure is final. */
    async markFailed(key: string, status: "failed" | "blocked", error: string, retryAt: Date | null = null): Promise<void> {
      await prisma.reminderDelivery.update({ where: { key }, data: { status, error: error.slice(0, 500), retryAt, claimedBy: null } });
    },
    /** Keeps the claims of sends in flight fresh (a claim not renewed is taken over as a dead process's). */
    async renewClaims(keys: string[], at: Date): Promise<void> {
      if (keys.length) await prisma.reminderDelivery.updateMany({ where: { key: { in: keys }, status: "claimed" }, data: { claimedAt: at } });
    },
    async markSkipped(key: string, reason: string): Promise<void> {
      await prisma.reminderDelivery.update({ where: { key }, data: { status: "skipped", error: reason.slice(0, 500) } });
    },
    /**
     * The branch's deliveries first claimed at or after `since` that are to be tried (again) now: failed
     * ones whose retryAt has come, and claims left unconfirmed since before `staleBefore` (their process
     * died between the claim and recording the outcome). Oldest first.
     */
    async dueAgain(branchId: number, since: Date, now: Date, staleBefore: Date): Promise<DeliveryRow[]> {
      const rows = await prisma.reminderDelivery.findMany({
        where: {
          branchId,
          createdAt: { gte: since },
          OR: [
            { status: "failed", retryAt: { lte: now } },
            { status: "claimed", OR: [{ claimedAt: null }, { claimedAt: { lt: staleBefore } }] },
          ],
        },
        orderBy: { id: "asc" },
      });
      return rows.map(toRow);
    },
    /**
     * Claims a delivery to try it again: true for exactly one caller, and only while the row is still as
     * it was read (so an attempt is never counted twice nor a claim taken twice).
     */
    async reclaim(key: string, from: ReclaimFrom, now: Date, owner?: string): Promise<boolean> {
      const where = from.status === "failed" ? { key, status: "failed", attempts: from.attempts } : { key, status: "claimed", claimedAt: from.claimedAt };
      const { count } = await prisma.reminderDelivery.updateMany({
        where,
        data: { status: "claimed", attempts: { increment: 1 }, claimedAt: now, claimedBy: owner ?? null, retryAt: null },
      });
      return count === 1;
    },
    /**
     * How the deliveries of one occurrence stand: sent; pending (claimed, or failed and to be tried
     * again); failed for good (blocked the bot, or no use trying again).
     */
    async occurrenceStatus(branchId: number, occurrenceKey: string): Promise<{ sent: number; pending: number; failed: number }> {
      const rows = await prisma.reminderDelivery.findMany({ where: { branchId, occurrenceKey }, select: { status: true, retryAt: true } });
      const out = { sent: 0, pending: 0, failed: 0 };
      for (const r of rows) {
        if (r.status === "sent") out.sent += 1;
        else if (r.status === "claimed" || (r.status === "failed" && r.retryAt !== null)) out.pending += 1;
        else if (r.status === "failed" || r.status === "blocked") out.failed += 1;
      }
      return out;
    },
    async deliveries(branchId: number): Promise<DeliveryRow[]> {
      const rows = await prisma.reminderDelivery.findMany({ where: { branchId }, orderBy: { id: "asc" } });
      return rows.map(toRow);
    },
    /** The member blocked the bot (Telegram 403): no more private reminders until they come back. */
    async markBlocked(memberId: number, at: Date): Promise<void> {
      await prisma.member.updateMany({ where: { id: memberId, blockedAt: null }, data: { blockedAt: at } });
    },
    async markUnblocked(telegramId: number): Promise<void> {
      await prisma.member.updateMany({ where: { telegramId: BigInt(telegramId), blockedAt: { not: null } }, data: { blockedAt: null } });
    },
    /** By Telegram id (a my_chat_member "kicked" update). */
    async markBlockedByTelegramId(telegramId: number, at: Date): Promise<void> {
      await prisma.member.updateMany({ where: { telegramId: BigInt(telegramId), blockedAt: null }, data: { blockedAt: at } });
    },
    /** Whether a live 主题党日 record of the branch exists on that local date. */
    async themeDayLoggedOn(branchId: number, date: LocalDate, timeZone: string): Promise<boolean> {
      // A theme day held or logged a few days off its planned date still counts as logged.
      const start = dayBounds(addDays(date, -THEME_DAY_SLACK_DAYS), timeZone).start;
      const end = dayBounds(addDays(date, THEME_DAY_SLACK_DAYS), timeZone).end;
      return (await countKind(prisma, branchId, "theme_day", new Date(start), new Date(end))) > 0;
    },
    /** Whether a live 支委会 record of the branch exists in that local month. */
    async committeeLoggedIn(branchId: number, year: number, month: number, timeZone: string): Promise<boolean> {
      const start = dayBounds({ year, month, day: 1 }, timeZone).start;
      const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
      const end = dayBounds(next, timeZone).start;
      return (await countKind(prisma, branchId, "branch_committee", new Date(start), new Date(end))) > 0;
    },
  };
}

function countKind(prisma: Prisma, branchId: number, kind: string, start: Date, end: Date): Promise<number> {
  return prisma.activity.count({
    where: { branchId, personal: false, deletedAt: null, occurredAt: { gte: start, lt: end }, kinds: { some: { kind } } },
  });
}

export type RemindersRepo = ReturnType<typeof remindersRepo>;

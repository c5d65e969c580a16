import type { Prisma } from "../client.js";
import { isRole, type Role } from "../../domain/roles.js";
import { LruCache } from "../lruCache.js";

/** Members whose language is remembered in memory. */
export const LOCALE_CACHE_SIZE = 5_000;

export interface MembershipView {
  branchId: number;
  branchName: string;
  timeZone: string;
  role: Role;
  status: "active" | "pending" | "removed";
}

export interface MemberProfile {
  id: number;
  telegramId: number;
  name: string | null;
  username: string | null;
  locale: string | null;
  /** The active branch's membership, when the member has one. */
  membership: MembershipView | null;
  branchCount: number;
}

function toStatus(s: string): MembershipView["status"] {
  return s === "pending" || s === "removed" ? s : "active";
}

export function membersRepo(prisma: Prisma) {
  // Conversations replay every step with fresh contexts, each negotiating its locale: remember it
  // (for the most recently active members only, so memory stays flat however many write).
  const localeCache = new LruCache<number, string | null>(LOCALE_CACHE_SIZE);
  async function profile(memberId: number): Promise<MemberProfile> {
    const m = await prisma.member.findUniqueOrThrow({
      where: { id: memberId },
      include: { memberships: { where: { status: "active" }, include: { branch: true }, orderBy: { joinedAt: "asc" } } },
    });
    const active = m.memberships.find((x) => x.branchId === m.activeBranchId) ?? m.memberships[0] ?? null;
    return {
      id: m.id,
      telegramId: Number(m.telegramId),
      name: m.name,
      username: m.username,
      locale: m.locale,
      branchCount: m.memberships.length,
      membership: active && {
        branchId: active.branchId,
        branchName: active.branch.name,
        timeZone: active.branch.timeZone,
        role: isRole(active.role) ? active.role : "member",
        status: toStatus(active.status),
      },
    };
  }

  return {
    profile,
    /** The member's active membership in this branch (for group chats bound to it), or null. */
    async membershipIn(memberId: number, branchId: number): Promise<MembershipView | null> {
      const m = await prisma.membership.findUnique({ where: { branchId_memberId: { branchId, memberId } }, include: { branch: true } });
      if (!m || m.status !== "active") return null;
      return { branchId, branchName: m.branch.name, timeZone: m.branch.timeZone, role: isRole(m.role) ? m.role : "member", status: "active" };
    },
    /** Finds the member by Telegram id, creating the row on first contact. */
    async ensure(telegramId: number, username: string | undefined): Promise<MemberProfile> {
      const existing = await prisma.member.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { id: true, username: true } });
      if (existing) {
        if (username && existing.username !== username) {
          await prisma.member.update({ where: { id: existing.id }, data: { username } });
        }
        return profile(existing.id);
      }
      const created = await prisma.member.upsert({
        where: { telegramId: BigInt(telegramId) },
        create: { telegramId: BigInt(telegramId), username: username ?? null },
        update: {},
      });
      return profile(created.id);
    },
    async localeOf(telegramId: number): Promise<string | null> {
      const cached = localeCache.get(telegramId);
      if (cached !== undefined) return cached;
      const m = await prisma.member.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { locale: true } });
      localeCache.set(telegramId, m?.locale ?? null);
      return m?.locale ?? null;
    },
    async setLocale(memberId: number, locale: string): Promise<void> {
      const m = await prisma.member.update({ where: { id: memberId }, data: { locale }, select: { telegramId: true } });
      localeCache.set(Number(m.telegramId), locale);
    },
    async setName(memberId: number, name: string): Promise<void> {
      await prisma.member.update({ where: { id: memberId }, data: { name } });
    },
    /**
     * A branch of this member where someone else (active or pending) already goes by this name, or null.
     * Names are unique within a branch: reports name people, and a name must mean one member.
     */
    async nameClash(memberId: number, name: string): Promise<string | null> {
      const mine = await prisma.membership.findMany({ where: { memberId, status: { not: "removed" } }, select: { branchId: true } });
      const clash = await prisma.membership.findFirst({
        where: { branchId: { in: mine.map((m) => m.branchId) }, memberId: { not: memberId }, status: { not: "removed" }, member: { name } },
        select: { branch: { select: { name: true } } },
      });
      return clash?.branch.name ?? null;
    },
    async setActiveBranch(memberId: number, branchId: number): Promise<void> {
      await prisma.member.update({ where: { id: memberId }, data: { activeBranchId: branchId } });
    },
  };
}

export type MembersRepo = ReturnType<typeof membersRepo>;

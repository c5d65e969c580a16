import { sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma } from "../client.js";
import type { SqlRunner } from "../statements.js";
import { isRole, type Role } from "../../domain/roles.js";
import { LruCache } from "../lruCache.js";
import type { SessionRow } from "./sessions.js";

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

interface LoadRow {
  id: number | bigint;
  username: string | null;
  name: string | null;
  locale: string | null;
  activeBranchId: number | bigint | null;
  branchId: number | bigint | null;
  role: string | null;
  status: string | null;
  branchName: string | null;
  timeZone: string | null;
  sessionValue: string | null;
  sessionVersion: number | bigint | null;
  groupBranchId: number | bigint | null;
  groupBranchName: string | null;
  groupTimeZone: string | null;
  groupRole: string | null;
  groupStatus: string | null;
}

/** In a group chat: the branch bound to it (null when none) and the sender's active membership there (null when none). */
export interface GroupChatLoad {
  branchId: number | null;
  membership: MembershipView | null;
}

function toStatus(s: string): MembershipView["status"] {
  return s === "pending" || s === "removed" ? s : "active";
}

function groupOf(m: LoadRow): GroupChatLoad {
  if (m.groupBranchId === null) return { branchId: null, membership: null };
  const branchId = Number(m.groupBranchId);
  const active = m.groupStatus === "active";
  const role = m.groupRole ?? "";
  return {
    branchId,
    membership: active ? { branchId, branchName: m.groupBranchName ?? "", timeZone: m.groupTimeZone ?? "", role: isRole(role) ? role : "member", status: "active" } : null,
  };
}

export function membersRepo(prisma: Prisma, runner: SqlRunner) {
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
    /**
     * The member with the active branch and language in ONE statement (the per-update load), and,
     * when `sessionKey` is given, that conversation-state row too; null when the member is new.
     */
    async load(
      telegramId: number,
      sessionKey?: string,
      groupChatId?: number,
    ): Promise<{ profile: MemberProfile; session: SessionRow | null; group: GroupChatLoad | null } | null> {
      const rows = await runner.all<LoadRow>(sql`
        SELECT m.id, m.username, m.name, m.locale, m."activeBranchId" AS "activeBranchId",
               ms."branchId" AS "branchId", ms.role, ms.status, b.name AS "branchName", b."timeZone" AS "timeZone",
               s.value AS "sessionValue", s.version AS "sessionVersion",
               gb.id AS "groupBranchId", gb.name AS "groupBranchName", gb."timeZone" AS "groupTimeZone", gms.role AS "groupRole", gms.status AS "groupStatus"
        FROM "Member" m
        LEFT JOIN "Membership" ms ON ms."memberId" = m.id AND ms.status = 'active'
        LEFT JOIN "Branch" b ON b.id = ms."branchId"
        LEFT JOIN "Session" s ON s.key = ${sessionKey ?? ""}
        LEFT JOIN "Branch" gb ON gb."groupChatId" = ${groupChatId === undefined ? null : BigInt(groupChatId)}
        LEFT JOIN "Membership" gms ON gms."branchId" = gb.id AND gms."memberId" = m.id
        WHERE m."telegramId" = ${BigInt(telegramId)}
        ORDER BY ms."joinedAt" ASC`);
      const m = rows[0];
      if (!m) return null;
      const memberships = rows.filter((r) => r.branchId !== null);
      const active = memberships.find((x) => Number(x.branchId) === Number(m.activeBranchId)) ?? memberships[0] ?? null;
      return {
        profile: {
          id: Number(m.id),
          telegramId,
          name: m.name,
          username: m.username,
          locale: m.locale,
          branchCount: memberships.length,
          membership: active && {
            branchId: Number(active.branchId),
            branchName: active.branchName ?? "",
            timeZone: active.timeZone ?? "",
            role: isRole(active.role ?? "") ? (active.role as Role) : "member",
            status: toStatus(active.status ?? "active"),
          },
        },
        session: m.sessionValue !== null && sessionKey ? { value: m.sessionValue, version: Number(m.sessionVersion) } : null,
        group: groupChatId === undefined ? null : groupOf(m),
      };
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

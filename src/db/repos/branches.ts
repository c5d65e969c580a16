import { sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma } from "../client.js";
import { keptReads, type KeptReads } from "../keptReads.js";
import { query, type SqlRunner, type Steps } from "../statements.js";
import { isRole, type Role } from "../../domain/roles.js";
import { ROSTER_TABLES } from "./ledgerRecords.js";

export interface BranchView {
  id: number;
  name: string;
  timeZone: string;
  requireApproval: boolean;
  groupChatId: number | null;
  rules: unknown;
}

export interface MemberRow {
  memberId: number;
  telegramId: number;
  name: string | null;
  username: string | null;
  role: Role;
  committeeTitle: string | null;
  probationary: boolean;
  groupName: string | null;
  status: "active" | "pending" | "removed";
  /** 转正 date (local YYYY-MM-DD) when registered. */
  fullMemberSince: string | null;
  removedReason: string | null;
}

interface RosterRow {
  memberId: number | bigint;
  telegramId: number | bigint;
  name: string | null;
  username: string | null;
  role: string;
  committeeTitle: string | null;
  probationary: boolean | number | bigint;
  groupName: string | null;
  status: string;
  fullMemberSince: string | null;
  removedReason: string | null;
}

export interface BranchOverview extends BranchView {
  createdAt: Date;
  members: number;
  records: number;
}

type BranchRow = { id: number; name: string; timeZone: string; requireApproval: boolean; groupChatId: bigint | null; rules: string };

function toBranch(b: BranchRow): BranchView {
  let rules: unknown;
  try {
    rules = JSON.parse(b.rules);
  } catch {
    rules = {};
  }
  return { id: b.id, name: b.name, timeZone: b.timeZone, requireApproval: b.requireApproval, groupChatId: b.groupChatId === null ? null : Number(b.groupChatId), rules };
}

/** One statement: membership, member and party group joined, in the order members joined. */
function* rosterSteps(branchId: number, includeRemoved: boolean): Steps<readonly MemberRow[]> {
  const rows = yield* query<RosterRow>(sql`
    SELECT ms."memberId" AS "memberId", m."telegramId" AS "telegramId", m.name, m.username, ms.role,
      ms."committeeTitle" AS "committeeTitle", ms.probationary, g.name AS "groupName", ms.status,
      ms."fullMemberSince" AS "fullMemberSince", ms."removedReason" AS "removedReason"
    FROM "Membership" ms
    JOIN "Member" m ON m.id = ms."memberId"
    LEFT JOIN "PartyGroup" g ON g.id = ms."partyGroupId"
    WHERE ms."branchId" = ${branchId} AND (${includeRemoved} OR ms.status <> 'removed')
    ORDER BY ms."joinedAt" ASC, ms.id ASC`);
  return rows.map((r) =>
    Object.freeze({
      memberId: Number(r.memberId),
      telegramId: Number(r.telegramId),
      name: r.name,
      username: r.username,
      role: isRole(r.role) ? r.role : "member",
      committeeTitle: r.committeeTitle,
      probationary: Boolean(r.probationary),
      groupName: r.groupName,
      status: r.status === "pending" || r.status === "removed" ? r.status : "active",
      fullMemberSince: r.fullMemberSince,
      removedReason: r.removedReason,
    }),
  );
}

export function branchesRepo(prisma: Prisma, runner: SqlRunner, kept: KeptReads = keptReads(runner, undefined)) {
  return {
    /** Creates a branch; its creator becomes the secretary and works in it from now on. */
    async create(name: string, timeZone: string, creatorId: number): Promise<BranchView> {
      return prisma.$transaction(async (tx) => {
        const branch = await tx.branch.create({ data: { name, timeZone } });
        await tx.membership.create({ data: { branchId: branch.id, memberId: creatorId, role: "secretary" } });
        await tx.member.update({ where: { id: creatorId }, data: { activeBranchId: branch.id } });
        return toBranch(branch);
      });
    },
    /** Every branch with its active members and records (the operator's `admin branches`). */
    async overview(): Promise<BranchOverview[]> {
      const rows = await prisma.branch.findMany({
        orderBy: { id: "asc" },
        include: { _count: { select: { memberships: { where: { status: "active" } }, activities: { where: { deletedAt: null } } } } },
      });
      return rows.map((b) => ({ ...toBranch(b), createdAt: b.createdAt, members: b._count.memberships, records: b._count.activities }));
    },
    async byName(name: string): Promise<BranchView[]> {
      return (await prisma.branch.findMany({ where: { name }, orderBy: { id: "asc" } })).map(toBranch);
    },
    async get(id: number): Promise<BranchView | null> {
      const b = await prisma.branch.findUnique({ where: { id } });
      return b && toBranch(b);
    },
    async byGroupChat(chatId: number): Promise<BranchView | null> {
      const b = await prisma.branch.findUnique({ where: { groupChatId: BigInt(chatId) } });
      return b && toBranch(b);
    },
    async bindGroup(branchId: number, chatId: number): Promise<void> {
      await prisma.$transaction([
        prisma.branch.updateMany({ where: { groupChatId: BigInt(chatId) }, data: { groupChatId: null } }),
        prisma.branch.update({ where: { id: branchId }, data: { groupChatId: BigInt(chatId) } }),
      ]);
    },
    async setRequireApproval(branchId: number, value: boolean): Promise<void> {
      await prisma.branch.update({ where: { id: branchId }, data: { requireApproval: value } });
    },
    async setRules(branchId: number, rules: unknown): Promise<void> {
      await prisma.branch.update({ where: { id: branchId }, data: { rules: JSON.stringify(rules) } });
    },
    /** Branches the member is an active member of (for switching). */
    async ofMember(memberId: number): Promise<{ id: number; name: string; role: Role }[]> {
      const rows = await prisma.membership.findMany({
        where: { memberId, status: "active" },
        include: { branch: { select: { id: true, name: true } } },
        orderBy: { joinedAt: "asc" },
      });
      return rows.map((r) => ({ id: r.branch.id, name: r.branch.name, role: isRole(r.role) ? r.role : "member" }));
    },
    async members(branchId: number, includeRemoved = false): Promise<MemberRow[]> {
      // Every report reads the roster: kept until one of ROSTER_TABLES is written.
      const roster = await kept.read(`roster:${branchId}:${includeRemoved}`, ROSTER_TABLES, () => rosterSteps(branchId, includeRemoved));
      return [...roster];
    },
    /** Every member's name (removed ones too: old records name them), by member id. */
    async memberNames(branchId: number): Promise<Map<number, string>> {
      const rows = await prisma.membership.findMany({ where: { branchId }, select: { memberId: true, member: { select: { name: true, username: true } } } });
      return new Map(rows.map((r) => [r.memberId, r.member.name ?? r.member.username ?? "?"]));
    },
    /** Events each member attended in [from, to). */
    async participation(branchId: number, from: Date, to: Date): Promise<Map<number, number>> {
      const rows = await prisma.attendance.groupBy({
        by: ["memberId"],
        where: {
          present: true,
          activity: { branchId, deletedAt: null, occurredAt: { gte: from, lt: to } },
        },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.memberId, r._count._all]));
    },
    async membership(branchId: number, memberId: number): Promise<MemberRow | null> {
      const all = await this.members(branchId, true);
      return all.find((m) => m.memberId === memberId) ?? null;
    },
  };
}

export type BranchesRepo = ReturnType<typeof branchesRepo>;

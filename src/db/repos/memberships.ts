import type { Prisma } from "../client.js";
import type { Role } from "../../domain/roles.js";

export type JoinOutcome = "joined" | "pending" | "already_member" | "already_pending";

export function membershipsRepo(prisma: Prisma) {
  return {
    /** Joins (or re-joins after removal) a branch as a member; pending when the branch approves joins. */
    async join(branchId: number, memberId: number, needsApproval: boolean): Promise<JoinOutcome> {
      return prisma.$transaction(async (tx) => {
        const existing = await tx.membership.findUnique({ where: { branchId_memberId: { branchId, memberId } } });
        if (existing?.status === "active") return "already_member";
        if (existing?.status === "pending") return "already_pending";
        const status = needsApproval ? "pending" : "active";
        if (existing) {
          await tx.membership.update({ where: { id: existing.id }, data: { status, role: "member", removedAt: null, removedReason: null, joinedAt: new Date() } });
        } else {
          await tx.membership.create({ data: { branchId, memberId, status } });
        }
        if (!needsApproval) await tx.member.update({ where: { id: memberId }, data: { activeBranchId: branchId } });
        return needsApproval ? "pending" : "joined";
      });
    },
    /** Approves or rejects a pending join; false when there was nothing pending. */
    async decide(branchId: number, memberId: number, approve: boolean): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const m = await tx.membership.findUnique({ where: { branchId_memberId: { branchId, memberId } } });
        if (!m || m.status !== "pending") return false;
        if (approve) {
          await tx.membership.update({ where: { id: m.id }, data: { status: "active" } });
          await tx.member.update({ where: { id: memberId }, data: { activeBranchId: branchId } });
        } else {
          await tx.membership.delete({ where: { id: m.id } });
        }
        return true;
      });
    },
    async setRole(branchId: number, memberId: number, role: Role, committeeTitle: string | null = null): Promise<boolean> {
      const r = await prisma.membership.updateMany({
        where: { branchId, memberId, status: "active" },
        data: { role, committeeTitle: role === "committee" ? committeeTitle : null },
      });
      return r.count === 1;
    },
    /** Hands the secretary role to another active member; the old secretary becomes a committee member. */
    async transferSecretary(branchId: number, fromMemberId: number, toMemberId: number): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const from = await tx.membership.findUnique({ where: { branchId_memberId: { branchId, memberId: fromMemberId } } });
        const to = await tx.membership.findUnique({ where: { branchId_memberId: { branchId, memberId: toMemberId } } });
        if (from?.role !== "secretary" || from.status !== "active" || to?.status !== "active" || fromMemberId === toMemberId) return false;
        await tx.membership.update({ where: { id: to.id }, data: { role: "secretary", committeeTitle: null } });
        // The former 书记 is not assumed to stay on the committee: the new one sets the roles.
        await tx.membership.update({ where: { id: from.id }, data: { role: "member", committeeTitle: null } });
        return true;
      });
    },
    /** Marks a member 预备党员 (the 转正 date is cleared), or registers 转正 on `fullMemberSince` (local YYYY-MM-DD). */
    async setProbationary(branchId: number, memberId: number, probationary: boolean, fullMemberSince: string | null = null): Promise<boolean> {
      const r = await prisma.membership.updateMany({
        where: { branchId, memberId, status: "active" },
        data: { probationary, fullMemberSince: probationary ? null : fullMemberSince },
      });
      return r.count === 1;
    },
    /** When the member (last) joined the branch, or null when they never did. */
    async joinedAt(branchId: number, memberId: number): Promise<Date | null> {
      const m = await prisma.membership.findUnique({ where: { branchId_memberId: { branchId, memberId } }, select: { joinedAt: true } });
      return m?.joinedAt ?? null;
    },
    /** Puts the member in the named party group of the branch (created when new); null takes them out. */
    async setGroup(branchId: number, memberId: number, groupName: string | null): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        let partyGroupId: number | null = null;
        if (groupName) {
          const group = await tx.partyGroup.upsert({
            where: { branchId_name: { branchId, name: groupName } },
            create: { branchId, name: groupName },
            update: {},
          });
          partyGroupId = group.id;
        }
        const r = await tx.membership.updateMany({ where: { branchId, memberId, status: "active" }, data: { partyGroupId } });
        return r.count === 1;
      });
    },
    async groups(branchId: number): Promise<{ id: number; name: string }[]> {
      return prisma.partyGroup.findMany({ where: { branchId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    },
    /** Removes a member from the branch for `reason` (组织关系转出, 退休, …); their records stay and keep their name. */
    async remove(branchId: number, memberId: number, reason: string | null = null): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const r = await tx.membership.updateMany({
          where: { branchId, memberId, status: "active", role: { not: "secretary" } },
          data: { status: "removed", removedAt: new Date(), removedReason: reason },
        });
        if (r.count === 1) {
          await tx.member.updateMany({ where: { id: memberId, activeBranchId: branchId }, data: { activeBranchId: null } });
        }
        return r.count === 1;
      });
    },
    /** Telegram ids of those who decide on joins: the secretary. */
    async approvers(branchId: number): Promise<number[]> {
      const rows = await prisma.membership.findMany({
        where: { branchId, status: "active", role: "secretary" },
        include: { member: { select: { telegramId: true } } },
      });
      return rows.map((r) => Number(r.member.telegramId));
    },
  };
}

export type MembershipsRepo = ReturnType<typeof membershipsRepo>;

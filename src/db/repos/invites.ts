import type { Prisma } from "../client.js";

export interface InviteView {
  id: number;
  code: string;
  branchId: number;
  branchName: string;
  expiresAt: string | null;
  revokedAt: string | null;
  uses: number;
}

type InviteRow = { id: number; code: string; branchId: number; expiresAt: Date | null; revokedAt: Date | null; uses: number; branch: { name: string } };

function toView(i: InviteRow): InviteView {
  return {
    id: i.id,
    code: i.code,
    branchId: i.branchId,
    branchName: i.branch.name,
    expiresAt: i.expiresAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
    uses: i.uses,
  };
}

export function invitesRepo(prisma: Prisma) {
  return {
    async create(branchId: number, createdById: number, code: string, expiresAt: Date | null): Promise<InviteView> {
      const i = await prisma.invite.create({ data: { branchId, createdById, code, expiresAt }, include: { branch: { select: { name: true } } } });
      return toView(i);
    },
    async byCode(code: string): Promise<InviteView | null> {
      const i = await prisma.invite.findUnique({ where: { code }, include: { branch: { select: { name: true } } } });
      return i && toView(i);
    },
    async active(branchId: number, now: Date): Promise<InviteView[]> {
      const rows = await prisma.invite.findMany({
        where: { branchId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        include: { branch: { select: { name: true } } },
        orderBy: { createdAt: "desc" },
      });
      return rows.map(toView);
    },
    /** Revokes an invite of this branch; false when it is not this branch's or already revoked. */
    async revoke(branchId: number, inviteId: number, now: Date): Promise<boolean> {
      const r = await prisma.invite.updateMany({ where: { id: inviteId, branchId, revokedAt: null }, data: { revokedAt: now } });
      return r.count === 1;
    },
    /** Revokes every live invite of the branch but one; how many were revoked. */
    async revokeOthers(branchId: number, keepId: number, now: Date): Promise<number> {
      const r = await prisma.invite.updateMany({ where: { branchId, revokedAt: null, id: { not: keepId } }, data: { revokedAt: now } });
      return r.count;
    },
    async countUse(inviteId: number): Promise<void> {
      await prisma.invite.update({ where: { id: inviteId }, data: { uses: { increment: 1 } } });
    },
  };
}

export type InvitesRepo = ReturnType<typeof invitesRepo>;

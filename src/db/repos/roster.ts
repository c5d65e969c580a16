// The branch roster by name and role, for classifying 谈心谈话 pairs ("书记–王某某") in /check.
import { isRole } from "../../domain/roles.js";
import type { TalkRosterMember } from "../../domain/rules/talks.js";
import type { Prisma } from "../client.js";

/**
 * The branch's named members with their roles: active ones, then those since removed (a past year's talk
 * may name them) unless an active member has the same name. Members without a name are left out.
 */
export async function talkRoster(prisma: Prisma, branchId: number): Promise<TalkRosterMember[]> {
  const rows = await prisma.membership.findMany({
    where: { branchId, status: { in: ["active", "removed"] }, member: { name: { not: null } } },
    select: { role: true, status: true, member: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const out: TalkRosterMember[] = [];
  for (const status of ["active", "removed"]) {
    const taken = new Set(out.map((m) => m.name));
    for (const r of rows) {
      const name = r.member.name?.trim();
      if (r.status !== status || !name || !isRole(r.role) || (status === "removed" && taken.has(name))) continue;
      out.push({ name, role: r.role });
    }
  }
  return out;
}

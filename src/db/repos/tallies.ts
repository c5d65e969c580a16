import { type ActivityKind, isActivityKind } from "../../domain/kinds.js";
import type { Prisma } from "../client.js";
import { Prisma as Sql } from "../../generated/sqlite/client.js";

export interface KindCount {
  kind: ActivityKind;
  events: number;
  personTimes: number;
}

/** Grouped queries over the ledger; the database does the counting. */
export function talliesRepo(prisma: Prisma) {
  return {
    /** 次 and 人次 per kind of the branch's live events in [start, end) (not personal self-study); an event with two kinds counts once in each. */
    async byKind(branchId: number, start: Date, end: Date, kinds?: ActivityKind[]): Promise<KindCount[]> {
      const rows = await prisma.$queryRaw<{ kind: string; events: bigint | number; personTimes: bigint | number | null }[]>`
        SELECT k.kind AS kind, COUNT(*) AS events, SUM(a."personTimes") AS "personTimes"
        FROM "ActivityKind" k JOIN "Activity" a ON a.id = k."activityId"
        WHERE a."branchId" = ${branchId} AND a."deletedAt" IS NULL AND a."personal" = false AND a."occurredAt" >= ${start} AND a."occurredAt" < ${end}
          ${kinds?.length ? Sql.sql`AND k.kind IN (${Sql.join(kinds)})` : Sql.empty}
        GROUP BY k.kind`;
      // Only the kinds asked for are counted (a report's reply needs its own kinds, not the whole year's).
      return rows
        .filter((r) => isActivityKind(r.kind) && (!kinds || kinds.includes(r.kind)))
        .map((r) => ({ kind: r.kind as ActivityKind, events: Number(r.events), personTimes: Number(r.personTimes ?? 0) }));
    },
  };
}

export type TalliesRepo = ReturnType<typeof talliesRepo>;

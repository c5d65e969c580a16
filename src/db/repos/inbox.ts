// The durable update inbox: every update taken from Telegram is stored here before it is confirmed,
// and handled from here in order per sequence key (the chat, else the user), by any process.
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma } from "../client.js";

export interface InboxEntry {
  updateId: number;
  seqKey: string;
  payload: string;
  attempts: number;
}

export interface IncomingUpdate {
  update_id: number;
  /** JSON of the whole update. */
  payload: string;
  seqKey: string;
}

export interface InboxLag {
  pending: number;
  /** Seconds since the oldest pending update was received; 0 when none. */
  oldestSeconds: number;
}

/** How many pending entries one claim looks at (a backlog beyond it waits for the next claim). */
const CLAIM_WINDOW = 500;

export function inboxRepo(prisma: Prisma) {
  const markDoneQuery = (ids: readonly number[], owner: string, now: Date) => prisma.$executeRaw`
    UPDATE "InboxUpdate" SET "status" = 'done', "doneAt" = ${now}, "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "updateId" IN (${join(ids.map((id) => BigInt(id)))}) AND "status" = 'pending' AND "lockedBy" = ${owner}`;
  return {
    /**
     * Stores a batch in one statement (atomic, one commit); an update already stored (delivered again)
     * is left as it is. The hot path (store, claim, done) is plain SQL that both SQLite and PostgreSQL
     * run as written: each is one statement, one commit at most, instead of Prisma's several.
     */
    async store(updates: readonly IncomingUpdate[], now: Date): Promise<void> {
      if (!updates.length) return;
      const rows = updates.map((u) => sql`(${BigInt(u.update_id)}, ${u.seqKey}, ${u.payload}, 'pending', 0, ${now})`);
      await prisma.$executeRaw`
        INSERT INTO "InboxUpdate" ("updateId", "seqKey", "payload", "status", "attempts", "receivedAt")
        VALUES ${join(rows)}
        ON CONFLICT ("updateId") DO NOTHING`;
    },

    /**
     * Claims up to `limit` entries for `owner` until `leaseUntil`: per sequence key only the oldest
     * pending entry (among the oldest CLAIM_WINDOW pending), and only when no process holds it (a live
     * lease) and it is not postponed — so one chat's updates are handled one after another, in order,
     * across processes. The claim is a compare-and-set (one UPDATE … RETURNING): of two processes
     * reading the same entry, one gets it. `done` (entries of `owner` whose handling has finished:
     * writes committed, answer sent) are marked done in the same transaction — one commit for both —
     * and count as done already when choosing, so a chat's next update is claimed in that very claim.
     */
    async claim(owner: string, limit: number, now: Date, leaseUntil: Date, done: readonly number[] = []): Promise<InboxEntry[]> {
      const candidates: bigint[] = [];
      if (limit > 0) {
        const rows = await prisma.$queryRaw<{ updateId: bigint | number; seqKey: string; free: bigint | number }[]>`
          SELECT "updateId", "seqKey",
            CASE WHEN ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}) AND ("notBefore" IS NULL OR "notBefore" <= ${now}) THEN 1 ELSE 0 END AS "free"
          FROM "InboxUpdate" WHERE "status" = 'pending' ORDER BY "updateId" LIMIT ${CLAIM_WINDOW}`;
        const finished = new Set(done);
        const seen = new Set<string>();
        for (const r of rows) {
          if (finished.has(Number(r.updateId)) || seen.has(r.seqKey)) continue;
          seen.add(r.seqKey);
          if (Number(r.free) === 1) candidates.push(BigInt(r.updateId));
          if (candidates.length >= limit) break;
        }
      }
      const claimQuery = candidates.length
        ? prisma.$queryRaw<{ updateId: bigint | number; seqKey: string; payload: string; attempts: bigint | number }[]>`
            UPDATE "InboxUpdate" SET "lockedBy" = ${owner}, "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
            WHERE "updateId" IN (${join(candidates)}) AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
            RETURNING "updateId", "seqKey", "payload", "attempts"`
        : undefined;
      const doneQuery = done.length ? markDoneQuery(done, owner, now) : undefined;
      let rows: Awaited<NonNullable<typeof claimQuery>> = [];
      if (claimQuery && doneQuery) [, rows] = await prisma.$transaction([doneQuery, claimQuery]);
      else if (claimQuery) rows = await claimQuery;
      else if (doneQuery) await doneQuery;
      return rows
        .map((r) => ({ updateId: Number(r.updateId), seqKey: r.seqKey, payload: r.payload, attempts: Number(r.attempts) }))
        .sort((a, b) => a.updateId - b.updateId);
    },

    /** Extends the leases `owner` holds (a heartbeat while updates are in hand). */
    async renew(owner: string, leaseUntil: Date): Promise<void> {
      await prisma.inboxUpdate.updateMany({ where: { lockedBy: owner, status: "pending" }, data: { lockedUntil: leaseUntil } });
    },

    /** Marks entries of `owner` done (their handling finished). */
    async markDone(updateIds: number | readonly number[], owner: string, now: Date): Promise<void> {
      const ids = typeof updateIds === "number" ? [updateIds] : updateIds;
      if (ids.length) await markDoneQuery(ids, owner, now);
    },

    /** Gives an entry back, to be tried again from `notBefore` (a busy database) or at once. */
    async release(updateId: number, owner: string, notBefore: Date | null): Promise<void> {
      await prisma.inboxUpdate.updateMany({
        where: { updateId: BigInt(updateId), status: "pending", lockedBy: owner },
        data: { lockedBy: null, lockedUntil: null, notBefore },
      });
    },

    /** Gives back every lease of `owner` (a clean stop). */
    async releaseAll(owner: string): Promise<void> {
      await prisma.inboxUpdate.updateMany({ where: { lockedBy: owner, status: "pending" }, data: { lockedBy: null, lockedUntil: null } });
    },

    /** Frees the leases of processes that are gone (one process per SQLite file: at start, all of them). */
    async releaseOthers(owner: string): Promise<number> {
      const { count } = await prisma.inboxUpdate.updateMany({
        where: { status: "pending", lockedBy: { not: owner } },
        data: { lockedBy: null, lockedUntil: null },
      });
      return count;
    },

    /** Deletes done entries older than `before`; how many. */
    async prune(before: Date): Promise<number> {
      const { count } = await prisma.inboxUpdate.deleteMany({ where: { status: "done", doneAt: { lt: before } } });
      return count;
    },

    async lag(now: Date): Promise<InboxLag> {
      const [pending, oldest] = await Promise.all([
        prisma.inboxUpdate.count({ where: { status: "pending" } }),
        prisma.inboxUpdate.findFirst({ where: { status: "pending" }, orderBy: { updateId: "asc" }, select: { receivedAt: true } }),
      ]);
      return { pending, oldestSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.receivedAt.getTime()) / 1000)) : 0 };
    },

    /** Whether the database answers (for /healthz). */
    async ping(): Promise<void> {
      await prisma.inboxUpdate.count({ where: { updateId: BigInt(-1) } });
    },
  };
}

export type InboxRepo = ReturnType<typeof inboxRepo>;

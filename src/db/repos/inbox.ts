// The durable update inbox: every update taken from Telegram is stored here before it is confirmed,
// and handled from here in order per sequence key (the chat, else the user), by any process.
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
  return {
    /** Stores a batch in one transaction; an update already stored (delivered again) is left as it is. */
    async store(updates: readonly IncomingUpdate[], now: Date): Promise<void> {
      if (!updates.length) return;
      await prisma.$transaction(
        updates.map((u) =>
          prisma.inboxUpdate.upsert({
            where: { updateId: BigInt(u.update_id) },
            create: { updateId: BigInt(u.update_id), seqKey: u.seqKey, payload: u.payload, receivedAt: now },
            update: {},
          }),
        ),
      );
    },

    /**
     * Claims up to `limit` entries for `owner` until `leaseUntil`: per sequence key only the oldest
     * pending entry, and only when no other process holds it (a live lease) — so one chat's updates are
     * handled one after another, in order, across processes. Each claim is a compare-and-set: of two
     * processes reading the same entry, one gets it.
     */
    async claim(owner: string, limit: number, now: Date, leaseUntil: Date): Promise<InboxEntry[]> {
      if (limit <= 0) return [];
      const rows = await prisma.inboxUpdate.findMany({
        where: { status: "pending" },
        orderBy: { updateId: "asc" },
        take: CLAIM_WINDOW,
        select: { updateId: true, seqKey: true, lockedUntil: true, notBefore: true },
      });
      const seen = new Set<string>();
      const candidates: bigint[] = [];
      for (const r of rows) {
        if (seen.has(r.seqKey)) continue;
        seen.add(r.seqKey);
        const leased = r.lockedUntil !== null && r.lockedUntil > now;
        const waiting = r.notBefore !== null && r.notBefore > now;
        if (!leased && !waiting) candidates.push(r.updateId);
        if (candidates.length >= limit) break;
      }
      const claimed: InboxEntry[] = [];
      for (const updateId of candidates) {
        const { count } = await prisma.inboxUpdate.updateMany({
          where: { updateId, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
          data: { lockedBy: owner, lockedUntil: leaseUntil, attempts: { increment: 1 } },
        });
        if (count !== 1) continue;
        const row = await prisma.inboxUpdate.findUnique({ where: { updateId } });
        if (row) claimed.push({ updateId: Number(row.updateId), seqKey: row.seqKey, payload: row.payload, attempts: row.attempts });
      }
      return claimed;
    },

    /** Extends the leases `owner` holds (a heartbeat while updates are in hand). */
    async renew(owner: string, leaseUntil: Date): Promise<void> {
      await prisma.inboxUpdate.updateMany({ where: { lockedBy: owner, status: "pending" }, data: { lockedUntil: leaseUntil } });
    },

    async markDone(updateId: number, owner: string, now: Date): Promise<void> {
      await prisma.inboxUpdate.updateMany({
        where: { updateId: BigInt(updateId), status: "pending", lockedBy: owner },
        data: { status: "done", doneAt: now, lockedBy: null, lockedUntil: null },
      });
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

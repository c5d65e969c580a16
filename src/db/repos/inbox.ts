// The durable update inbox: every update taken from Telegram is stored here before it is confirmed,
// and handled from here in order per sequence key (the chat, else the user), by any process.
import { empty, join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma } from "../client.js";
import type { DirectDb, SqliteDirect } from "../sqliteAdapter.js";

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

/** A lease given at storing: the entries go straight to their owner (see the worker's hand-off). */
export interface StoreLease {
  owner: string;
  until: Date;
}

/** Asked at the moment of storing (inside the write): the lease to give the new entries, if any. */
export type LeaseAtStore = () => StoreLease | undefined;

/** Called with whether the claim saw every pending entry not held by the claimer taken (none left behind). */
export type OnBacklog = (clear: boolean) => void;

export interface InboxLag {
  pending: number;
  /** Seconds since the oldest pending update was received; 0 when none. */
  oldestSeconds: number;
}

/** How many pending entries one claim looks at (a backlog beyond it waits for the next claim). */
const CLAIM_WINDOW = 500;

/** `free`: claimable now; `mine`: under the claimer's own live lease. */
type Candidate = { updateId: bigint | number; seqKey: string; free: bigint | number; mine: bigint | number };
type Claimed = { updateId: bigint | number; seqKey: string; payload: string; attempts: bigint | number };

/**
 * Per sequence key the oldest pending entry, when free; entries in `done` count as done already, and the
 * keys in `held` are taken (the owner's entries in hand, which the SELECT leaves out).
 */
function choose(rows: readonly Candidate[], limit: number, done: readonly number[], held: readonly string[]): number[] {
  const finished = new Set(done);
  const seen = new Set<string>(held);
  const candidates: number[] = [];
  for (const r of rows) {
    if (candidates.length >= limit) break;
    if (finished.has(Number(r.updateId)) || seen.has(r.seqKey)) continue;
    seen.add(r.seqKey);
    if (Number(r.free) === 1) candidates.push(Number(r.updateId));
  }
  return candidates;
}

/** The updates the INSERT took (not stored before), as entries leased at storing. */
function leasedEntries(updates: readonly IncomingUpdate[], inserted: readonly { updateId: bigint | number }[]): InboxEntry[] {
  const taken = new Set(inserted.map((r) => Number(r.updateId)));
  return updates
    .filter((u) => taken.delete(u.update_id))
    .map((u) => ({ updateId: u.update_id, seqKey: u.seqKey, payload: u.payload, attempts: 1 }));
}

/** A claim left nothing behind: it saw fewer than a window's worth, and took each one it saw. */
function claimedAll(seen: readonly Candidate[], claimed: readonly InboxEntry[]): boolean {
  const taken = new Set(claimed.map((e) => e.updateId));
  return seen.length < CLAIM_WINDOW && seen.every((r) => Number(r.mine) === 1 || taken.has(Number(r.updateId)));
}

const toEntries = (rows: readonly Claimed[]): InboxEntry[] =>
  rows
    .map((r) => ({ updateId: Number(r.updateId), seqKey: r.seqKey, payload: r.payload, attempts: Number(r.attempts) }))
    .sort((a, b) => a.updateId - b.updateId);

/**
 * With `held`, a claim leaves out the claimer's own live leases (parameters: owner, now): the entries it
 * has in hand, whose keys are `held`, and those it finished, which are `done`. A claim under load then
 * reads the few new entries instead of every one in hand.
 */
const NOT_HELD_BY_ME = `("lockedBy" IS NULL OR "lockedBy" <> ? OR "lockedUntil" IS NULL OR "lockedUntil" <= ?)`;

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * The hot path on SQLite: the same statements as plain SQL on Prisma's connection (synchronous,
 * between Prisma's transactions), without Prisma's per-query cost. Times are unix milliseconds, as
 * the adapter stores them.
 */
function sqliteHotPath(direct: SqliteDirect) {
  const markDone = (db: DirectDb, ids: readonly number[], owner: string, now: Date) =>
    db.run(
      `UPDATE "InboxUpdate" SET "status" = 'done', "doneAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL
       WHERE "updateId" IN (${marks(ids.length)}) AND "status" = 'pending' AND "lockedBy" = ?`,
      [now.getTime(), ...ids, owner],
    );
  return {
    store: (updates: readonly IncomingUpdate[], now: Date, leaseAtStore?: LeaseAtStore) =>
      direct.runDurably((db) => {
        const lease = leaseAtStore?.();
        const inserted = db.query<{ updateId: number }>(
          `INSERT INTO "InboxUpdate" ("updateId", "seqKey", "payload", "status", "attempts", "receivedAt", "lockedBy", "lockedUntil")
           VALUES ${updates.map(() => "(?, ?, ?, 'pending', ?, ?, ?, ?)").join(", ")} ON CONFLICT ("updateId") DO NOTHING RETURNING "updateId"`,
          updates.flatMap((u) => [
            u.update_id,
            u.seqKey,
            u.payload,
            lease ? 1 : 0,
            now.getTime(),
            lease?.owner ?? null,
            lease?.until.getTime() ?? null,
          ]),
        );
        return lease ? leasedEntries(updates, inserted) : [];
      }),
    claim: (
      owner: string,
      limit: number,
      now: Date,
      leaseUntil: Date,
      done: readonly number[],
      held?: readonly string[],
      onBacklog?: OnBacklog,
    ) =>
      direct.run((db) => {
        const t = now.getTime();
        const seen =
          limit > 0
            ? db.query<Candidate>(
                `SELECT "updateId", "seqKey",
                     CASE WHEN ("lockedUntil" IS NULL OR "lockedUntil" <= ?) AND ("notBefore" IS NULL OR "notBefore" <= ?) THEN 1 ELSE 0 END AS "free",
                     CASE WHEN "lockedBy" = ? AND "lockedUntil" > ? THEN 1 ELSE 0 END AS "mine"
                   FROM "InboxUpdate" WHERE "status" = 'pending' ${held ? `AND ${NOT_HELD_BY_ME}` : ""} ORDER BY "updateId" LIMIT ?`,
                held ? [t, t, owner, t, owner, t, CLAIM_WINDOW] : [t, t, owner, t, CLAIM_WINDOW],
              )
            : undefined;
        const ids = seen ? choose(seen, limit, done, held ?? []) : [];
        if (!ids.length && !done.length) {
          if (seen) onBacklog?.(claimedAll(seen, []));
          return [];
        }
        // Leases and done marks only: a power loss that drops them costs a second handling of the
        // update (the unique (chat, message) key keeps its record single), never an update. The
        // store and the records are on disk before anyone is told (runDurably); the rest commits
        // with synchronous=FULL.
        const claimed = db.transaction(
          () => {
            if (done.length) markDone(db, done, owner, now);
            if (!ids.length) return [];
            return toEntries(
              db.query<Claimed>(
                `UPDATE "InboxUpdate" SET "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1
               WHERE "updateId" IN (${marks(ids.length)}) AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" <= ?)
               RETURNING "updateId", "seqKey", "payload", "attempts"`,
                [owner, leaseUntil.getTime(), ...ids, t],
              ),
            );
          },
          { unsynced: true },
        );
        if (seen) onBacklog?.(claimedAll(seen, claimed));
        return claimed;
      }),
    markDone: (ids: readonly number[], owner: string, now: Date) => direct.run((db) => void markDone(db, ids, owner, now)),
  };
}

export function inboxRepo(prisma: Prisma, sqlite?: SqliteDirect) {
  const hot = sqlite ? sqliteHotPath(sqlite) : undefined;
  const markDoneQuery = (ids: readonly number[], owner: string, now: Date) => prisma.$executeRaw`
    UPDATE "InboxUpdate" SET "status" = 'done', "doneAt" = ${now}, "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "updateId" IN (${join(ids.map((id) => BigInt(id)))}) AND "status" = 'pending' AND "lockedBy" = ${owner}`;
  return {
    /**
     * Stores a batch in one statement (atomic, one commit); an update already stored (delivered again)
     * is left as it is. With `leaseAtStore`, the new entries are leased at once to the owner it names
     * (asked inside the write) and come back, for the owner to handle without claiming them. The hot path (store, claim, done) is plain SQL that both SQLite and PostgreSQL
     * run as written: each is one statement, one commit at most, instead of Prisma's several.
     */
    async store(updates: readonly IncomingUpdate[], now: Date, leaseAtStore?: LeaseAtStore): Promise<InboxEntry[]> {
      if (!updates.length) return [];
      if (hot) return hot.store(updates, now, leaseAtStore);
      const lease = leaseAtStore?.();
      const rows = updates.map(
        (u) =>
          sql`(${BigInt(u.update_id)}, ${u.seqKey}, ${u.payload}, 'pending', ${lease ? 1 : 0}, ${now}, ${lease?.owner ?? null}, ${lease?.until ?? null})`,
      );
      const inserted = await prisma.$queryRaw<{ updateId: bigint }[]>`
        INSERT INTO "InboxUpdate" ("updateId", "seqKey", "payload", "status", "attempts", "receivedAt", "lockedBy", "lockedUntil")
        VALUES ${join(rows)}
        ON CONFLICT ("updateId") DO NOTHING RETURNING "updateId"`;
      return lease ? leasedEntries(updates, inserted) : [];
    },

    /**
     * Claims up to `limit` entries for `owner` until `leaseUntil`: per sequence key only the oldest
     * pending entry (among the oldest CLAIM_WINDOW pending), and only when no process holds it (a live
     * lease) and it is not postponed — so one chat's updates are handled one after another, in order,
     * across processes. The claim is a compare-and-set (one UPDATE … RETURNING): of two processes
     * reading the same entry, one gets it. `done` (entries of `owner` whose handling has finished:
     * writes committed, answer sent) are marked done in the same transaction — one commit for both —
     * and count as done already when choosing, so a chat's next update is claimed in that very claim.
     * `held`: the keys of the entries `owner` has in hand (see NOT_HELD_BY_ME). `onBacklog` hears, when
     * the claim looked (limit > 0), whether every pending entry it saw is now the claimer's (none of
     * another's, none unleased left behind) — on SQLite inside the claim's write, before any other
     * statement can store.
     */
    async claim(
      owner: string,
      limit: number,
      now: Date,
      leaseUntil: Date,
      done: readonly number[] = [],
      held?: readonly string[],
      onBacklog?: OnBacklog,
    ): Promise<InboxEntry[]> {
      if (hot) return hot.claim(owner, limit, now, leaseUntil, done, held, onBacklog);
      let candidates: number[] = [];
      let seen: Candidate[] | undefined;
      if (limit > 0) {
        seen = await prisma.$queryRaw<Candidate[]>`
          SELECT "updateId", "seqKey",
            CASE WHEN ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}) AND ("notBefore" IS NULL OR "notBefore" <= ${now}) THEN 1 ELSE 0 END AS "free",
            CASE WHEN "lockedBy" = ${owner} AND "lockedUntil" > ${now} THEN 1 ELSE 0 END AS "mine"
          FROM "InboxUpdate"
          WHERE "status" = 'pending' ${held ? sql`AND ("lockedBy" IS NULL OR "lockedBy" <> ${owner} OR "lockedUntil" IS NULL OR "lockedUntil" <= ${now})` : empty}
          ORDER BY "updateId" LIMIT ${CLAIM_WINDOW}`;
        candidates = choose(seen, limit, done, held ?? []);
      }
      const claimQuery = candidates.length
        ? prisma.$queryRaw<Claimed[]>`
            UPDATE "InboxUpdate" SET "lockedBy" = ${owner}, "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
            WHERE "updateId" IN (${join(candidates.map((id) => BigInt(id)))}) AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
            RETURNING "updateId", "seqKey", "payload", "attempts"`
        : undefined;
      const doneQuery = done.length ? markDoneQuery(done, owner, now) : undefined;
      let rows: Awaited<NonNullable<typeof claimQuery>> = [];
      if (claimQuery && doneQuery) [, rows] = await prisma.$transaction([doneQuery, claimQuery]);
      else if (claimQuery) rows = await claimQuery;
      else if (doneQuery) await doneQuery;
      const claimed = toEntries(rows);
      if (seen) onBacklog?.(claimedAll(seen, claimed));
      return claimed;
    },

    /** Extends the leases `owner` holds (a heartbeat while updates are in hand). */
    async renew(owner: string, leaseUntil: Date): Promise<void> {
      await prisma.inboxUpdate.updateMany({ where: { lockedBy: owner, status: "pending" }, data: { lockedUntil: leaseUntil } });
    },

    /** Marks entries of `owner` done (their handling finished). */
    async markDone(updateIds: number | readonly number[], owner: string, now: Date): Promise<void> {
      const ids = typeof updateIds === "number" ? [updateIds] : updateIds;
      if (!ids.length) return;
      if (hot) await hot.markDone(ids, owner, now);
      else await markDoneQuery(ids, owner, now);
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

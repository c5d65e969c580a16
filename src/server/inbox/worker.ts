// Handles updates from the durable inbox: in order per chat (per user where there is no chat), many
// chats in parallel, in this and any other process on the same database. An update is marked done
// once its handling has finished (its writes committed, its answer sent) — in the transaction of the
// next claim, which follows at once (one commit for both, and the chat's next update is claimable in
// that very claim); a process that dies leaves
// its entries leased, and they are handled again when the lease runs out (at once on SQLite, where
// one process owns the file). A busy database is waited for, with backoff and a bound; after that the
// member is told and the update waits in the inbox for a later try.
import { randomUUID } from "node:crypto";
import { BotError } from "grammy";
import type { Update } from "grammy/types";
import { isDatabaseBusy } from "../../db/busy.js";
import type { InboxEntry, InboxRepo } from "../../db/repos/inbox.js";
import type { Logger } from "../../logger.js";

export interface UpdateHandler {
  handleUpdate(update: Update): Promise<void>;
}

export interface InboxWorkerOptions {
  inbox: InboxRepo;
  bot: UpdateHandler;
  logger: Logger;
  /** Updates in hand at once (each of another chat). */
  concurrency?: number;
  /** How long a claim holds without a heartbeat. */
  leaseMs?: number;
  /** How often the inbox is looked at when nothing woke the worker (other processes' updates). */
  pollMs?: number;
  /** Total wait for a busy database within one try of an update. */
  busyWaitMs?: number;
  /** After that: when the update is tried again. */
  retryLaterMs?: number;
  /** Done entries older than this are deleted. */
  retentionMs?: number;
  /** The member is told that their update waits (once per update). */
  onPostponed?: (update: Update) => Promise<void>;
  /** Take over every other lease at start (SQLite: one process per database file). */
  takeOverAtStart?: boolean;
}

export interface InboxWorker {
  readonly owner: string;
  start(): Promise<void>;
  /** Something was stored: look now. */
  wake(): void;
  /** No new claims; resolves when the updates in hand are done (their leases given back). */
  stop(): Promise<void>;
  inHand(): number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs fn, waiting for a busy database with doubling pauses until `boundMs` has passed. */
export async function whileBusy<T>(fn: () => Promise<T>, boundMs: number, shouldStop: () => boolean = () => false): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (let pause = 200; ; pause = Math.min(pause * 2, 3000)) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseBusy(error) || Date.now() + pause > deadline || shouldStop()) throw error;
      await sleep(pause);
    }
  }
}

export function createInboxWorker(opts: InboxWorkerOptions): InboxWorker {
  const { inbox, bot, logger } = opts;
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 32;
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 250;
  const busyWaitMs = opts.busyWaitMs ?? 20_000;
  const retryLaterMs = opts.retryLaterMs ?? 30_000;
  const retentionMs = opts.retentionMs ?? 7 * 86_400_000;
  /** The entries in hand by update id: their sequence key and their handling. */
  const inHand = new Map<number, { seqKey: string; handling: Promise<void> }>();
  /** Handled (writes committed, answer sent), to be marked done with the next claim. */
  let finished: number[] = [];
  /** Something happened since the last claim began (stored, finished): look again before waiting. */
  let woken = false;
  let stopping = false;
  let loopDone: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lastPrune = 0;

  const leaseUntil = () => new Date(Date.now() + leaseMs);

  function wake(): void {
    woken = true;
    wakeUp?.();
  }

  async function handle(entry: InboxEntry): Promise<void> {
    let update: Update;
    try {
      update = JSON.parse(entry.payload) as Update;
    } catch (error) {
      logger.error({ err: error, update_id: entry.updateId }, "unreadable inbox entry dropped");
      finished.push(entry.updateId);
      return;
    }
    try {
      await whileBusy(
        () => bot.handleUpdate(update).catch((e: unknown) => Promise.reject(e instanceof BotError ? e.error : e)),
        busyWaitMs,
      );
    } catch (error) {
      if (isDatabaseBusy(error)) {
        logger.warn({ update_id: entry.updateId, attempts: entry.attempts }, "database busy: update postponed");
        if (entry.attempts === 1)
          await opts.onPostponed?.(update).catch((e: unknown) => logger.warn({ err: e }, "could not tell the member"));
        await whileBusy(() => inbox.release(entry.updateId, owner, new Date(Date.now() + retryLaterMs)), busyWaitMs).catch(() => undefined);
        return;
      }
      // Anything else was answered by the bot's error boundary; trying again would fail the same way.
      logger.error({ err: error, update_id: entry.updateId }, "update failed");
    }
    finished.push(entry.updateId);
  }

  /** Marks the finished entries done (with a claim for the free places when `claim`). */
  async function claimSome(claim = true): Promise<number> {
    const free = claim ? concurrency - inHand.size : 0;
    if (free <= 0 && !finished.length) return 0;
    const done = finished;
    finished = [];
    let entries;
    try {
      entries = await inbox.claim(owner, Math.max(0, free), new Date(), leaseUntil(), done, [...inHand.values()].map((h) => h.seqKey));
    } catch (error) {
      finished = done.concat(finished); // tried again with the next claim
      throw error;
    }
    for (const entry of entries) {
      const handling = handle(entry).finally(() => {
        inHand.delete(entry.updateId);
        wake();
      });
      inHand.set(entry.updateId, { seqKey: entry.seqKey, handling });
    }
    return entries.length;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      woken = false;
      try {
        await claimSome();
        if (Date.now() - lastPrune > 3_600_000) {
          lastPrune = Date.now();
          const pruned = await inbox.prune(new Date(Date.now() - retentionMs));
          if (pruned) logger.info({ pruned }, "inbox: done updates pruned");
        }
      } catch (error) {
        if (!isDatabaseBusy(error)) logger.error({ err: error }, "inbox: claiming failed");
      }
      if (woken) {
        // Stored or finished meanwhile: more may be claimable now. After this turn of the event loop,
        // so that the updates finishing in it share one claim (one transaction, one look at the inbox).
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  }

  return {
    owner,
    async start() {
      if (opts.takeOverAtStart) {
        const freed = await inbox.releaseOthers(owner);
        if (freed) logger.info({ freed }, "inbox: updates left unfinished by the previous run are handled first");
      }
      heartbeat = setInterval(
        () => {
          if (inHand.size || finished.length) void inbox.renew(owner, leaseUntil()).catch(() => undefined);
        },
        Math.max(1000, Math.floor(leaseMs / 3)),
      );
      heartbeat.unref();
      loopDone = loop();
    },
    wake,
    async stop() {
      stopping = true;
      wake();
      await loopDone;
      while (inHand.size) await Promise.allSettled([...inHand.values()].map((h) => h.handling));
      if (heartbeat) clearInterval(heartbeat);
      await whileBusy(() => claimSome(false), busyWaitMs).catch((error: unknown) =>
        logger.error({ err: error }, "could not mark updates done; they will be handled again"),
      );
      await inbox.releaseAll(owner).catch(() => undefined);
    },
    inHand: () => inHand.size,
  };
}

// Handles updates from the durable inbox: in order per chat (per user where there is no chat), many
// chats in parallel, in this and any other process on the same database. An update is marked done
// once its handling has finished (its writes committed, its answer sent) — in the transaction of the
// next claim, which follows at once (one commit for both, and the chat's next update is claimable in
// that very claim); a process that dies leaves
// its entries leased, and they are handled again when the lease runs out (at once on SQLite, where
// one process owns the file). A busy database is waited for, with backoff and a bound; after that the
// member is told and the update waits in the inbox for a later try.
//
// Hand-off (one process per database, SQLite): once a claim has left no pending entry of anyone's
// behind, updates are leased to this worker as they are stored and come straight to it, queued per
// sequence key in memory — no claim reads the inbox for them, and done marks are gathered (up to
// DONE_BATCH or DONE_WAIT_MS) into one write. Anything that could put an entry out of
// order (a store without a lease, a postponed update) turns the hand-off off until a claim finds the
// inbox clear again.
import { randomUUID } from "node:crypto";
import { BotError } from "grammy";
import type { Update } from "grammy/types";
import { isDatabaseBusy } from "../../db/busy.js";
import type { InboxEntry, InboxRepo, StoreLease } from "../../db/repos/inbox.js";
import type { Logger } from "../../logger.js";
import { KeyedQueue } from "./keyedQueue.js";

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
  /**
   * The only process on the database (SQLite: one process per database file): every other lease is
   * taken over at start, and stored updates are handed to the worker directly.
   */
  takeOverAtStart?: boolean;
}

/** Where the intake puts what it stores: a lease to store new updates under, and the entries it leased. */
export interface InboxTarget {
  /** Asked inside the store's write: the lease for the new entries, or none (they wait to be claimed). */
  leaseAtStore(): StoreLease | undefined;
  /** Updates were stored; `leased` are the new entries stored under the lease. */
  stored(leased: readonly InboxEntry[]): void;
}

export interface InboxWorker extends InboxTarget {
  readonly owner: string;
  start(): Promise<void>;
  /** Something may have been stored by another: look now. */
  wake(): void;
  /** No new claims; resolves when the updates in hand are done (their leases given back). */
  stop(): Promise<void>;
  inHand(): number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Done marks without a claim to go with (the hand-off) are gathered: a crash before they are written
 * costs a second handling of these few updates (a report's record stays single), nothing more.
 */
const DONE_BATCH = 64;
const DONE_WAIT_MS = 100;

/** Entries handed off and waiting at most; beyond, stored updates wait in the inbox to be claimed. */
const MAX_QUEUED = 2000;

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
  const sole = opts.takeOverAtStart ?? false;
  /** The entries in hand (one per sequence key at a time): their update id and their handling. */
  const inHand = new Map<string, { updateId: number; handling: Promise<void> }>();
  /** Entries leased to this worker, waiting for their key (or a free place), in order per key. */
  const queued = new KeyedQueue<InboxEntry>();
  /** Sole owner, and the last claim left no pending entry behind: stored updates may be handed off. */
  let backlogClear = false;
  /** Keys with a postponed update: nothing of theirs is handed off until a claim finds the inbox clear. */
  const postponedKeys = new Set<string>();
  /** Handled (writes committed, answer sent), to be marked done with the next claim. */
  let finished: number[] = [];
  let firstFinishedAt = 0;
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
      finish(entry.updateId);
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
        // The key's later updates go back to the inbox with it, to be claimed after it, in order.
        const later = takeQueued(entry.seqKey);
        if (entry.attempts === 1)
          await opts.onPostponed?.(update).catch((e: unknown) => logger.warn({ err: e }, "could not tell the member"));
        await whileBusy(() => inbox.release(entry.updateId, owner, new Date(Date.now() + retryLaterMs)), busyWaitMs).catch(() => undefined);
        for (const e of later) await whileBusy(() => inbox.release(e.updateId, owner, null), busyWaitMs).catch(() => undefined);
        return;
      }
      // Anything else was answered by the bot's error boundary; trying again would fail the same way.
      logger.error({ err: error, update_id: entry.updateId }, "update failed");
    }
    finish(entry.updateId);
  }

  function finish(updateId: number): void {
    if (!finished.length) firstFinishedAt = Date.now();
    finished.push(updateId);
  }

  /** Turns the hand-off off, and takes a key's queued entries out (they go back to the inbox). */
  function takeQueued(seqKey: string): InboxEntry[] {
    backlogClear = false;
    postponedKeys.add(seqKey);
    return queued.take(seqKey);
  }

  function begin(entry: InboxEntry): void {
    const handling = handle(entry).finally(() => {
      inHand.delete(entry.seqKey);
      dispatch();
      wake();
    });
    inHand.set(entry.seqKey, { updateId: entry.updateId, handling });
  }

  /** Starts the queued entries whose key is free, while there is room. */
  function dispatch(): void {
    while (!stopping && inHand.size < concurrency) {
      const entry = queued.next((key) => !inHand.has(key));
      if (!entry) return;
      begin(entry);
    }
  }

  function leaseAtStore(): StoreLease | undefined {
    if (sole && backlogClear && !stopping && queued.size < MAX_QUEUED) return { owner, until: leaseUntil() };
    backlogClear = false; // what is stored now waits in the inbox: claims look again
    return undefined;
  }

  function stored(leased: readonly InboxEntry[]): void {
    for (const entry of leased) {
      if (postponedKeys.has(entry.seqKey)) {
        // Leased before the hand-off was turned off: back to the inbox, after the postponed one.
        void whileBusy(() => inbox.release(entry.updateId, owner, null), busyWaitMs).catch(() => undefined);
        continue;
      }
      queued.push(entry);
    }
    dispatch();
    if (!leased.length) wake();
  }

  const onBacklog = (clear: boolean) => {
    backlogClear = sole && clear;
    if (backlogClear) postponedKeys.clear();
  };

  /**
   * Marks the finished entries done (with a claim for the free places when `claim` and the inbox may
   * hold some). Done marks alone wait to be gathered (DONE_BATCH, DONE_WAIT_MS) unless `flush`.
   */
  async function claimSome(claim = true, flush = false): Promise<number> {
    const free = claim && !backlogClear ? concurrency - inHand.size - queued.size : 0;
    if (free <= 0 && !finished.length) return 0;
    if (free <= 0 && !flush && finished.length < DONE_BATCH && Date.now() - firstFinishedAt < DONE_WAIT_MS) return 0;
    const done = finished;
    finished = [];
    let entries;
    try {
      // The sole owner's claims see its own leases too, so that an entry stored without a lease never
      // overtakes one of the same chat that was leased at storing and is still on its way here.
      const held = sole ? undefined : [...inHand.keys(), ...queued.keys()];
      entries = await inbox.claim(owner, Math.max(0, free), new Date(), leaseUntil(), done, held, onBacklog);
    } catch (error) {
      finished = done.concat(finished); // tried again with the next claim
      throw error;
    }
    for (const entry of entries) begin(entry);
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
          if (inHand.size || queued.size || finished.length) void inbox.renew(owner, leaseUntil()).catch(() => undefined);
        },
        Math.max(1000, Math.floor(leaseMs / 3)),
      );
      heartbeat.unref();
      loopDone = loop();
    },
    wake,
    leaseAtStore,
    stored,
    async stop() {
      stopping = true;
      wake();
      await loopDone;
      while (inHand.size) await Promise.allSettled([...inHand.values()].map((h) => h.handling));
      if (heartbeat) clearInterval(heartbeat);
      await whileBusy(() => claimSome(false, true), busyWaitMs).catch((error: unknown) =>
        logger.error({ err: error }, "could not mark updates done; they will be handled again"),
      );
      await inbox.releaseAll(owner).catch(() => undefined);
    },
    inHand: () => inHand.size + queued.size,
  };
}

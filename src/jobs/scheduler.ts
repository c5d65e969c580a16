// The reminder scheduler: every minute, one pass over the branches whose reminders are on.
// Exactly-once is the database's job (a unique key per delivery, claimed before sending), so two
// processes, a restart or an overlapping pass never send one reminder twice. A delivery Telegram did
// not take (429, 5xx, network) is tried again on later passes while still of use (retry.ts).
import type { Lang } from "../domain/lang.js";
import type { Store } from "../db/store.js";
import { chineseDaysCalendar, type HolidayCalendar } from "../domain/reminders/index.js";
import type { Logger } from "../logger.js";
import { emptyResult, type PassResult, type ReminderApi } from "./fanOut.js";
import { branchPass, type PassDeps, type Translate } from "./reminderPass.js";
import { CLAIM_STALE_MS } from "./attempts.js";
import { retryFailed } from "./retry.js";

export type { PassResult, ReminderApi } from "./fanOut.js";
export type { Translate } from "./reminderPass.js";

export interface ReminderSchedulerOptions {
  store: Pick<Store, "reminders">;
  api: ReminderApi;
  /** Translates for a recipient ("zh" / "en"). */
  translate: Translate;
  logger: Logger;
  now: () => Date;
  intervalMs?: number;
  /** Language of group messages and of members who chose none. */
  defaultLocale?: Lang;
  holidays?: HolidayCalendar;
  /** This process (recorded with its claims). */
  owner?: string;
  /**
   * The first pass sends every claim left unconfirmed before it (SQLite: one process per database,
   * so such claims are a dead run's); otherwise a claim is taken over once it is CLAIM_STALE_MS old.
   */
  takeOverClaimsAtStart?: boolean;
  /** Sends in flight at once within one fan-out (the broadcast Api paces them within Telegram's bulk limit). */
  concurrency?: number;
}

export interface ReminderScheduler {
  /** Runs a pass now, then one every intervalMs (the timer does not keep the process alive). */
  start(): void;
  /** No more passes; resolves when the pass in hand has finished. */
  stop(): Promise<void>;
  /** One pass at the clock's `now` (after any pass in hand), with what it did. */
  runOnce(): Promise<PassResult>;
}

export function createReminderScheduler(opts: ReminderSchedulerOptions): ReminderScheduler {
  const { store, logger } = opts;
  const intervalMs = opts.intervalMs ?? 60_000;
  const deps: PassDeps = {
    reminders: store.reminders,
    api: opts.api,
    logger,
    now: opts.now,
    concurrency: opts.concurrency ?? 10,
    ...(opts.owner ? { owner: opts.owner } : {}),
    translate: opts.translate,
    defaultLocale: opts.defaultLocale ?? "zh",
    holidays: opts.holidays ?? chineseDaysCalendar,
  };

  let firstPass = true;
  async function pass(): Promise<PassResult> {
    const now = opts.now();
    const result = emptyResult();
    const staleBefore = firstPass && opts.takeOverClaimsAtStart ? now : new Date(now.getTime() - CLAIM_STALE_MS);
    firstPass = false;
    for (const branch of await store.reminders.scheduled()) {
      result.branches += 1;
      try {
        // Before the new deliveries: what fails in this pass is tried again in a later one.
        await retryFailed(deps, branch, now, result, staleBefore);
      } catch (error) {
        logger.error({ err: error, branch_id: branch.branchId }, "retrying failed reminders failed for a branch");
      }
      try {
        await branchPass(deps, branch, now, result);
        await store.reminders.setCheckedAt(branch.branchId, now);
      } catch (error) {
        // Left unchecked: the next pass looks again; delivery keys keep what was sent from going twice.
        logger.error({ err: error, branch_id: branch.branchId }, "reminder pass failed for a branch");
      }
    }
    const { branches: _b, ...counts } = result;
    if (Object.values(counts).some((n) => n > 0)) logger.info(result, "reminder pass");
    return result;
  }

  let current: Promise<PassResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  function runOnce(): Promise<PassResult> {
    const run = (current ?? Promise.resolve()).catch(() => undefined).then(() => pass());
    current = run;
    return run;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    try {
      await runOnce();
    } catch (error) {
      logger.error({ err: error }, "reminder pass failed");
    }
    if (running) {
      timer = setTimeout(() => void tick(), intervalMs);
      timer.unref();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      void tick();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
    runOnce,
  };
}

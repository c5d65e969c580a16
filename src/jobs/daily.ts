// Daily upkeep: conversation states and pending report cards nobody came back to within the
// retention period are removed, and (when BACKUP_DIR is set) a backup is taken and old ones pruned.
// Checked every hour; the backup's "last done" is the newest file in BACKUP_DIR, so a restart does
// not take an extra one.
import { lastScheduledBackupAt, takeScheduledBackup } from "../db/backup.js";
import type { Store } from "../db/store.js";
import type { Logger } from "../logger.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DailyJobsOptions {
  store: Pick<Store, "sessions">;
  logger: Logger;
  now: () => Date;
  /** Days a conversation state or pending card is kept after its last change. */
  retentionDays: number;
  databaseUrl: string;
  backup?: { dir: string; keep: number };
  checkEveryMs?: number;
}

export interface DailyResult {
  sessionsRemoved: number;
  backup?: string;
  backupsRemoved: string[];
}

export function createDailyJobs(opts: DailyJobsOptions) {
  const { logger } = opts;
  let lastHousekeeping: number | undefined;
  let current: Promise<DailyResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runDue(force = false): Promise<DailyResult> {
    const now = opts.now();
    const result: DailyResult = { sessionsRemoved: 0, backupsRemoved: [] };
    if (force || lastHousekeeping === undefined || now.getTime() - lastHousekeeping >= DAY) {
      try {
        result.sessionsRemoved = await opts.store.sessions.deleteOlderThan(new Date(now.getTime() - opts.retentionDays * DAY));
        lastHousekeeping = now.getTime();
        if (result.sessionsRemoved) logger.info({ removed: result.sessionsRemoved, retention_days: opts.retentionDays }, "old conversation states removed");
      } catch (error) {
        logger.error({ err: error }, "housekeeping failed");
      }
    }
    const backup = opts.backup;
    const last = backup && lastScheduledBackupAt(backup.dir);
    if (backup && (force || !last || now.getTime() - last.getTime() >= DAY - HOUR / 2)) {
      try {
        const { file, removed } = await takeScheduledBackup(opts.databaseUrl, backup.dir, backup.keep, now);
        result.backup = file;
        result.backupsRemoved = removed;
        logger.info({ file, removed }, "scheduled backup taken");
      } catch (error) {
        logger.error({ err: error }, "scheduled backup failed");
      }
    }
    return result;
  }

  const runOnce = (force = false): Promise<DailyResult> => {
    const next = (current ?? Promise.resolve()).then(() => runDue(force));
    current = next.catch(() => undefined) as Promise<DailyResult>;
    return next;
  };

  return {
    /** Runs what is due now, then checks every hour (the timer does not keep the process alive). */
    start(): void {
      void runOnce();
      timer = setInterval(() => void runOnce(), opts.checkEveryMs ?? HOUR);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await current;
    },
    /** Housekeeping and (if configured) a backup now, whatever was done before. */
    runOnce: () => runOnce(true),
  };
}

export type DailyJobs = ReturnType<typeof createDailyJobs>;

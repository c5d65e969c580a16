// Reads kept until a table they read may have changed: on SQLite by the connection's change stamps
// (its own writes per table, PRAGMA data_version for other processes). The roster every report reads,
// and the large reads of /stats, /check and /summary (a year of 5,000 records is megabytes: a cache of
// a few entries). On PostgreSQL other processes may write: read every time.
import type { SqliteDirect } from "./sqliteAdapter.js";
import { LruCache } from "./lruCache.js";
import { runSync, type SqlRunner, type Steps } from "./statements.js";

export interface KeptReads {
  /** Whether anything is kept (SQLite); false: every call reads. */
  readonly keeps: boolean;
  /**
   * What `compute` comes to, kept under `key` until one of `tables` may have changed: everything it reads
   * must be in `tables`, and what it returns depends on nothing but those reads and `key`. Shared by every
   * caller: not to be changed.
   */
  keep<R>(key: string, tables: readonly string[], compute: () => Promise<R>): Promise<R>;
  /** keep for one read written as steps: on SQLite, stamped and read in one go on the direct path. */
  read<R>(key: string, tables: readonly string[], read: () => Steps<R>): Promise<R>;
}

/** Entries kept: a few periods of a few branches (a year of 5,000 records is about 2 MB kept). */
const KEPT = 16;

export function keptReads(runner: SqlRunner, direct: SqliteDirect | undefined, max = KEPT): KeptReads {
  if (!direct) return { keeps: false, keep: (_key, _tables, compute) => compute(), read: (_key, _tables, read) => runner.run(read()) };
  const kept = new LruCache<string, { stamp: string; value: unknown }>(max);
  const keep = async <R>(key: string, tables: readonly string[], compute: () => Promise<R>): Promise<R> => {
    // The stamp is taken before anything is read: a write in between makes the next stamp differ, so
    // what is kept is never older than its stamp says.
    const stamp = await direct.run((db) => db.changeStamp(tables));
    const entry = kept.get(key);
    if (entry?.stamp === stamp) return entry.value as R;
    const value = await compute();
    kept.set(key, { stamp, value });
    return value;
  };
  const read = <R>(key: string, tables: readonly string[], steps: () => Steps<R>): Promise<R> =>
    direct.run((db) => {
      const stamp = db.changeStamp(tables);
      const entry = kept.get(key);
      if (entry?.stamp === stamp) return entry.value as R;
      const value = runSync(db, steps());
      kept.set(key, { stamp, value });
      return value;
    });
  return { keeps: true, keep, read };
}

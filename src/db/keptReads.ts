// Large reads (a year's records, /stats' per-member figures) kept until a table they read may have
// changed: on SQLite by the connection's change stamps, as SqlRunner.cached keeps the roster, but in a
// cache of their own with room for a few entries only (a year of 5,000 records is megabytes; the
// runner's cache keeps a thousand). On PostgreSQL other processes may write: read every time.
import type { SqliteDirect } from "./sqliteAdapter.js";
import { LruCache } from "./lruCache.js";
import type { SqlRunner, Steps } from "./statements.js";

export interface KeptReads {
  /** What `read` comes to, kept under `key` until one of `tables` may have changed. Shared by every caller: not to be changed. */
  read<R>(key: string, tables: readonly string[], read: () => Steps<R>): Promise<R>;
}

/** Entries kept: a few periods of a few branches (one /summary year is about 3 MB of records). */
const KEPT = 8;

export function keptReads(runner: SqlRunner, direct: SqliteDirect | undefined, max = KEPT): KeptReads {
  if (!direct) return { read: (_key, _tables, read) => runner.run(read()) };
  const kept = new LruCache<string, { stamp: string; value: unknown }>(max);
  return {
    async read<R>(key: string, tables: readonly string[], read: () => Steps<R>): Promise<R> {
      // The stamp is taken before the read: a write in between makes the next stamp differ, so what is
      // kept is never older than its stamp says.
      const stamp = await direct.run((db) => db.changeStamp(tables));
      const entry = kept.get(key);
      if (entry?.stamp === stamp) return entry.value as R;
      const value = await runner.run(read());
      kept.set(key, { stamp, value });
      return value;
    },
  };
}

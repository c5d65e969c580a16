// Reads kept until a table they read may have changed: on SQLite by the connection's change stamps
// (its own writes per table, PRAGMA data_version for other processes). The roster every report reads,
// and the large reads of /stats, /check and /summary (a year of 5,000 records is megabytes: a cache of
// a few entries). A period's records are kept record by record (`facts`): after a report only the
// records written since are read again. On PostgreSQL other processes may write: read every time.
import type { SqliteDirect } from "./sqliteAdapter.js";
import { LruCache } from "./lruCache.js";
import type { RecordTouches } from "./recordTouches.js";
import { runSync, type SqlRunner, type Steps } from "./statements.js";

/** A period's records, read as one fact per record. */
export interface FactsSource<F extends { id: number }> {
  /** Tables besides RECORD_TABLES the facts depend on (a cascade from them): a write to one reads all again. */
  tables: readonly string[];
  all(): Steps<F[]>;
  /** The facts of those of `ids` that belong to the period (the others have left it, or never were in it). */
  some(ids: readonly number[]): Steps<F[]>;
}

/** What is made of the facts (given in no particular order): kept with them under `key` while they and `input` (compared by identity) stay. */
export interface Derived<F, R> {
  key: string;
  input?: unknown;
  of(facts: readonly F[]): R;
}

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
  /**
   * `derived` of a period's facts, kept under `key` record by record: after writes the activities repo
   * noted (RecordTouches), only those records are read again; after any other write, all of them.
   * Shared by every caller: not to be changed.
   */
  facts<F extends { id: number }, R>(key: string, source: FactsSource<F>, derived: Derived<F, R>): Promise<R>;
}

export interface KeptReadsOptions {
  /** Entries kept (default 16: a few periods of a few branches; a year of 5,000 records is about 2 MB). */
  max?: number;
  /** The records written by this process; without them `facts` keeps nothing. */
  touches?: RecordTouches;
}

interface FactsEntry {
  stamp: string;
  writes: number;
  seq: number;
  facts: Map<number, { id: number }>;
  list: { id: number }[] | null;
  derived: Map<string, { input: unknown; value: unknown }>;
}

export function keptReads(runner: SqlRunner, direct: SqliteDirect | undefined, options: KeptReadsOptions = {}): KeptReads {
  if (!direct) {
    return {
      keeps: false,
      keep: (_key, _tables, compute) => compute(),
      read: (_key, _tables, read) => runner.run(read()),
      facts: async (_key, source, derived) => derived.of(await runner.run(source.all())),
    };
  }
  const kept = new LruCache<string, { stamp: string; value: unknown }>(options.max ?? 16);
  const keptFacts = new LruCache<string, FactsEntry>(options.max ?? 16);
  const { touches } = options;
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
  const facts = <F extends { id: number }, R>(key: string, source: FactsSource<F>, derived: Derived<F, R>): Promise<R> =>
    direct.run((db) => {
      if (!touches) return derived.of(runSync(db, source.all()));
      // All of it in one synchronous run: nothing is written between the stamps and the reads.
      const stamp = db.changeStamp(source.tables);
      const writes = touches.writes();
      let entry = keptFacts.get(key);
      if (entry?.stamp !== stamp) entry = undefined;
      if (entry && (entry.writes !== writes || entry.seq !== touches.seq)) {
        const ids = touches.since(entry.seq);
        // Past a few hundred records (an import), reading the period whole is as quick.
        if (ids && ids.length <= 500) {
          const fresh = runSync(db, source.some(ids));
          for (const id of ids) entry.facts.delete(id);
          for (const f of fresh) entry.facts.set(f.id, f);
          Object.assign(entry, { writes, seq: touches.seq, list: null });
          entry.derived.clear();
        } else entry = undefined;
      }
      if (!entry) {
        const all = runSync(db, source.all());
        entry = { stamp, writes, seq: touches.seq, facts: new Map(all.map((f) => [f.id, f])), list: all, derived: new Map() };
        keptFacts.set(key, entry);
      }
      const made = entry.derived.get(derived.key);
      if (made && made.input === derived.input) return made.value as R;
      entry.list ??= [...entry.facts.values()];
      const value = derived.of(entry.list as F[]);
      entry.derived.set(derived.key, { input: derived.input, value });
      return value;
    });
  return { keeps: true, keep, read, facts };
}

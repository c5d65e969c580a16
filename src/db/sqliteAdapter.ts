// The SQLite driver adapter the app runs on: Prisma's better-sqlite3 adapter with three additions.
// - Prepared statements are kept and reused (the adapter prepares every statement again on every
//   call, which was a large part of a report's CPU).
// - A statement outside a transaction waits while a transaction is open. The adapter runs everything
//   on one connection and locks only transactions against each other, so a statement issued while
//   another caller's interactive transaction was open ran inside it — and was rolled back with it
//   (an update stored in the inbox and already confirmed to Telegram, then gone).
// - Direct statements (`SqliteDirect`): plain SQL run synchronously on the same connection when no
//   transaction is open, without Prisma's query pipeline — the durable inbox's hot path, which every
//   update pays (Prisma's overhead was most of the inbox's CPU).
// - Durable writes off the event loop (`runDurably`): the commit does not wait for the disk on the
//   main thread (synchronous=NORMAL for it); the WAL is then synced on libuv's thread pool, and the
//   caller hears back only once it is on disk — what synchronous=FULL promises, without the event
//   loop standing still for each fsync. Callers waiting at the same time share one sync.
// - An optional per-statement hook (tests and the bench count statements per update with it).
// - Change stamps: which tables this connection has written (seen in each statement's text), and
//   whether another connection has committed since (`PRAGMA data_version`), so that a read can be
//   kept until what it read may have changed (the roster every report reads).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { diskSync } from "./diskSync.js";
import { LruCache } from "./lruCache.js";
import { WriteWatch } from "./writeWatch.js";

export interface SqliteAdapterOptions {
  /** Called with every SQL statement run, BEGIN and COMMIT included. */
  onStatement?: (sql: string) => void;
  /** Prepared statements kept per connection (least recently used dropped first). */
  statementCache?: number;
}

interface Statement {
  reader: boolean;
  run(...params: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): { all(...params: unknown[]): unknown[] };
}

interface Client {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
}

/** The connection for plain SQL, as it is between statements of Prisma's (no transaction open). */
export interface DirectDb {
  /** Rows of a statement that returns some (a SELECT, or … RETURNING); none of one that does not. */
  query<T = unknown>(sql: string, params: readonly unknown[]): T[];
  run(sql: string, params: readonly unknown[]): number;
  /**
   * fn in BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws). `unsynced`: the commit does not wait
   * for the disk (synchronous=NORMAL for it): a process crash keeps it, a power loss may drop it
   * (and then nothing after it either) — for writes that are safe to lose.
   */
  transaction<T>(fn: () => T, opts?: { unsynced?: boolean }): T;
  /** Inside a transaction: fn's writes undone alone when it throws (SAVEPOINT … RELEASE). */
  savepoint<T>(fn: () => T): T;
  /**
   * Changes whenever one of `tables` may have changed since: a write of this connection to it (or a
   * write whose table is not recognised), or a commit of another connection to the database.
   */
  changeStamp(tables: readonly string[]): string;
}

export interface SqliteDirect {
  /** Runs fn when no transaction of Prisma's is open; nothing else runs on the connection meanwhile. */
  run<T>(fn: (db: DirectDb) => T): Promise<T>;
  /** As run, for writes that must survive a power loss: resolves once they are on disk (see the head of this file). */
  runDurably<T>(fn: (db: DirectDb) => T): Promise<T>;
  /** How many statements of this connection have written to `tables` so far (read at once, no statement). */
  writes(tables: readonly string[]): number;
}

/**
 * Wraps `client.prepare` so that a statement is compiled once and reused: the adapter calls
 * `prepare(sql).bind(args)` and then run / columns / raw().all(); bind may be called only once on a
 * better-sqlite3 statement, so the arguments are passed to each call instead.
 */
function reuseStatements(client: Client, max: number, watch: WriteWatch, onStatement?: (sql: string) => void): (sql: string) => Statement {
  const original = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  const columnsOf = new WeakMap<Statement, unknown[]>();
  // Statements of the direct path: few texts, but a list of values (`IN (?, ?)`) makes one per length.
  const direct = new LruCache<string, Statement>(max);
  client.prepare = (sql: string) => {
    onStatement?.(sql);
    watch.saw(sql);
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = original(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    const s = stmt;
    // A statement's columns are fixed once it is prepared; better-sqlite3 builds the list anew on
    // every call (it showed up in the profile of every update).
    const columns = () => {
      let list = columnsOf.get(s);
      if (!list) columnsOf.set(s, (list = s.columns()));
      return list;
    };
    const bound = (args: unknown[]) => ({
      reader: s.reader,
      run: () => s.run(args),
      columns,
      raw: () => ({ all: () => s.raw(true).all(args) }),
    });
    // BEGIN is run without bind.
    return { reader: s.reader, bind: bound, run: () => s.run(), columns } as unknown as Statement;
  };
  return (sql: string) => {
    onStatement?.(sql);
    watch.saw(sql);
    let stmt = direct.get(sql);
    if (!stmt) direct.set(sql, (stmt = original(sql)));
    return stmt;
  };
}

/**
 * How long a statement outside a transaction waits for an open one before it runs anyway (inside it,
 * as the adapter would): only a transaction that itself runs a statement outside it waits this long.
 */
const OUTSIDE_WAIT_MS = 2000;

/** Statements outside a transaction wait until no transaction is open (see the head of this file). */
function isolateTransactions(adapter: SqlDriverAdapter): () => Promise<void> {
  let open: Promise<void> | undefined;
  let openCount = 0;
  const idle = async () => {
    const deadline = Date.now() + OUTSIDE_WAIT_MS;
    while (open && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([open, new Promise<void>((r) => (timer = setTimeout(r, Math.max(1, deadline - Date.now()))))]);
      clearTimeout(timer);
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx: Transaction = await startTransaction(isolationLevel); // after the previous one ended
    let end!: () => void;
    open = new Promise<void>((r) => (end = r));
    openCount++;
    const finish = () => {
      if (--openCount === 0) open = undefined;
      end();
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(finish);
    tx.rollback = () => rollback().finally(finish);
    return tx;
  };
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const original = adapter[method].bind(adapter) as (q: SqlQuery) => Promise<unknown>;
    (adapter as unknown as Record<string, (q: SqlQuery) => Promise<unknown>>)[method] = async (query: SqlQuery) => {
      if (open) await idle();
      return original(query);
    };
  }
  /** Resolves when no transaction is open (without a bound: for statements that are never inside one). */
  return async () => {
    while (open) await open;
  };
}

export function sqliteAdapter(file: string, options: SqliteAdapterOptions = {}): SqlDriverAdapterFactory & { direct: SqliteDirect } {
  // Dates as unix milliseconds, as Prisma's native engine and our migrations store them.
  const inner = new PrismaBetterSqlite3({ url: file }, { timestampFormat: "unixepoch-ms" });
  let connected!: (db: {
    client: Client;
    statement: (sql: string) => Statement;
    idle: () => Promise<void>;
    dataVersion: () => unknown;
  }) => void;
  const connection = new Promise<Parameters<typeof connected>[0]>((r) => (connected = r));
  const patch = (adapter: SqlDriverAdapter) => {
    const client = (adapter as unknown as { client?: Client }).client;
    if (!client) throw new Error("the better-sqlite3 adapter has no client to patch");
    // Prepared before the statement hooks are in place: a stamp is no statement of the app's.
    const version = client.prepare("PRAGMA data_version").raw(true);
    const statement = reuseStatements(client, options.statementCache ?? 200, watch, options.onStatement);
    connected({ client, statement, idle: isolateTransactions(adapter), dataVersion: () => (version.all()[0] as unknown[])[0] });
    return adapter;
  };
  const watch = new WriteWatch();
  const syncToDisk = diskSync(file);
  /** synchronous=FULL, as client.ts sets it, except inside `relaxed` (nested calls keep the outer one's). */
  let relaxedDepth = 0;
  const relaxed = <T>(client: Client, fn: () => T): T => {
    if (relaxedDepth++ === 0) client.exec("PRAGMA synchronous = NORMAL");
    try {
      return fn();
    } finally {
      if (--relaxedDepth === 0) client.exec("PRAGMA synchronous = FULL");
    }
  };
  const run = async <T>(fn: (db: DirectDb) => T, durably: boolean): Promise<T> => {
    const { client, statement, idle, dataVersion } = await connection;
    await idle();
    /** A transaction control statement, told to the statement hook without its savepoint's name. */
    const control = (statement: string) => {
      options.onStatement?.(statement.replace(/ one$/, ""));
      client.exec(statement);
    };
    const db: DirectDb = {
      query: <T>(sql: string, params: readonly unknown[]) => {
        const s = statement(sql);
        if (s.reader) return s.raw(false).all(...params) as T[];
        s.run(...params);
        return [];
      },
      run: (sql, params) => (statement(sql).run(...params) as { changes: number }).changes,
      changeStamp: (tables) => `${String(dataVersion())}:${watch.writesTo(tables)}`,
      savepoint: (body) => {
        control("SAVEPOINT one");
        try {
          const result = body();
          control("RELEASE one");
          return result;
        } catch (error) {
          control("ROLLBACK TO one");
          control("RELEASE one");
          throw error;
        }
      },
      transaction: (body, opts) => {
        const inTransaction = () => {
          control("BEGIN IMMEDIATE");
          try {
            const result = body();
            control("COMMIT");
            return result;
          } catch (error) {
            client.exec("ROLLBACK");
            throw error;
          }
        };
        return opts?.unsynced ? relaxed(client, inTransaction) : inTransaction();
      },
    };
    if (!durably) return fn(db);
    const result = relaxed(client, () => fn(db));
    await syncToDisk();
    return result;
  };
  const direct: SqliteDirect = {
    run: (fn) => run(fn, false),
    runDurably: (fn) => run(fn, true),
    writes: (tables) => watch.writesTo(tables),
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patch(await inner.connect()),
    direct,
  };
}

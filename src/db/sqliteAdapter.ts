// The SQLite driver adapter the app runs on: Prisma's better-sqlite3 adapter with two additions.
// - Prepared statements are kept and reused (the adapter prepares every statement again on every
//   call, which was a large part of a report's CPU).
// - An optional per-statement hook (tests and the bench count statements per update with it).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

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
}

/**
 * Wraps `client.prepare` so that a statement is compiled once and reused: the adapter calls
 * `prepare(sql).bind(args)` and then run / columns / raw().all(); bind may be called only once on a
 * better-sqlite3 statement, so the arguments are passed to each call instead.
 */
function reuseStatements(client: Client, max: number, onStatement?: (sql: string) => void): void {
  const original = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  client.prepare = (sql: string) => {
    onStatement?.(sql);
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = original(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    const s = stmt;
    const bound = (args: unknown[]) => ({
      reader: s.reader,
      run: () => s.run(args),
      columns: () => s.columns(),
      raw: () => ({ all: () => s.raw(true).all(args) }),
    });
    // BEGIN is run without bind.
    return { reader: s.reader, bind: bound, run: () => s.run(), columns: () => s.columns() } as unknown as Statement;
  };
}

export function sqliteAdapter(file: string, options: SqliteAdapterOptions = {}): SqlDriverAdapterFactory {
  // Dates as unix milliseconds, as Prisma's native engine and our migrations store them.
  const inner = new PrismaBetterSqlite3({ url: file }, { timestampFormat: "unixepoch-ms" });
  const patch = (adapter: SqlDriverAdapter) => {
    const client = (adapter as unknown as { client?: Client }).client;
    if (client) reuseStatements(client, options.statementCache ?? 200, options.onStatement);
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patch(await inner.connect()),
  };
}

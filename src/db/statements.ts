// Plain SQL written once (Prisma's `sql` tag) and run on either engine: on PostgreSQL through Prisma,
// on SQLite straight on better-sqlite3's prepared statements (the per-update hot path: Prisma's
// pipeline cost more CPU than the statements themselves).
//
// A transaction is written as steps — a generator that yields each statement and gets its rows back —
// so the same code runs synchronously inside one SQLite BEGIN IMMEDIATE … COMMIT (nothing else can
// interleave) and awaited inside one Prisma transaction on PostgreSQL.
import type { Sql } from "@prisma/client/runtime/client";
import type { Prisma } from "./client.js";
import type { DirectDb, SqliteDirect } from "./sqliteAdapter.js";

/** Statements run one after another, each seeing the rows of the one before; R is what they come to. */
export type Steps<R> = Generator<Sql, R, unknown[]>;

/** A statement's rows inside steps: `const rows = yield* query<Row>(sql\`…\`)`. */
export function* query<T>(statement: Sql): Generator<Sql, T[], unknown[]> {
  return (yield statement) as T[];
}

export interface SqlRunner {
  /** One statement (outside any transaction). */
  all<T>(statement: Sql): Promise<T[]>;
  /** One write that must last (on SQLite: on disk, off the event loop, before it resolves). */
  write(statement: Sql): Promise<void>;
  /** The steps in one transaction: all or nothing; what they return, or what they throw after the rollback. */
  transaction<R>(steps: Steps<R>): Promise<R>;
  /** The steps without a transaction (reads). */
  run<R>(steps: Steps<R>): Promise<R>;
}

/** The raw-statement part of a Prisma client or transaction. */
export type RawDb = Pick<Prisma, "$queryRaw">;

/** Steps on a Prisma client or inside a Prisma transaction (the statements are awaited one by one). */
export async function runOn<R>(db: RawDb, steps: Steps<R>): Promise<R> {
  let next = steps.next();
  while (!next.done) next = steps.next(await db.$queryRaw<unknown[]>(next.value));
  return next.value;
}

/** Steps on SQLite's direct connection, synchronously (inside DirectDb's run). */
export function runSync<R>(db: DirectDb, steps: Steps<R>): R {
  let next = steps.next();
  while (!next.done) next = steps.next(db.query(next.value.sql, next.value.values.map(encode)));
  return next.value;
}

/** A value as the SQLite adapter stores it (dates as unix milliseconds, booleans as 0/1). */
function encode(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

export function prismaRunner(prisma: Prisma): SqlRunner {
  return {
    all: <T>(statement: Sql) => prisma.$queryRaw<T[]>(statement),
    write: async (statement) => void (await prisma.$executeRaw(statement)),
    transaction: (steps) => prisma.$transaction((tx) => runOn(tx, steps)),
    run: (steps) => runOn(prisma, steps),
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
interface Queued {
  steps: Steps<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite. Transactions asked for in the same turn of the event loop commit together (group commit):
 * each in its own savepoint, so one that throws is undone alone, and one COMMIT — one wait for the
 * disk, off the event loop — for all of them; none is answered before the commit is on disk.
 */
export function sqliteRunner(direct: SqliteDirect): SqlRunner {
  let queue: Queued[] = [];
  const commitQueued = () => {
    const batch = queue;
    queue = [];
    const one = batch.length === 1;
    const attempt = (db: DirectDb, steps: Steps<unknown>): Outcome => {
      try {
        return { ok: true, value: one ? runSync(db, steps) : db.savepoint(() => runSync(db, steps)) };
      } catch (error) {
        // Alone in the transaction: its failure rolls the whole transaction back.
        if (one) throw error;
        return { ok: false, error };
      }
    };
    direct
      .runDurably((db) => db.transaction(() => batch.map((t) => attempt(db, t.steps))))
      .then(
        (outcomes) => outcomes.forEach((o, i) => (o.ok ? batch[i]?.resolve(o.value) : batch[i]?.reject(o.error))),
        (error: unknown) => batch.forEach((t) => t.reject(error)),
      );
  };
  return {
    all: <T>(statement: Sql) => direct.run((db) => db.query<T>(statement.sql, statement.values.map(encode))),
    write: (statement) => direct.runDurably((db) => void db.run(statement.sql, statement.values.map(encode))),
    transaction: <R>(steps: Steps<R>) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ steps, resolve: resolve, reject });
        if (queue.length === 1) setImmediate(commitQueued);
      }),
    run: (steps) => direct.run((db) => runSync(db, steps)),
  };
}

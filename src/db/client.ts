import { PrismaClient } from "../generated/sqlite/client.js";
import { ensureSqliteFolder } from "./prepare.js";
import { sqliteAdapter, type SqliteAdapterOptions, type SqliteDirect } from "./sqliteAdapter.js";
import { databaseKind, sqlitePath, type DatabaseKind } from "./url.js";

/** The one Prisma client type the repositories are written against (the SQLite one; PostgreSQL's has the same shape). */
export type Prisma = PrismaClient;

export interface DatabaseHandle {
  kind: DatabaseKind;
  prisma: Prisma;
  /** SQLite: plain SQL on Prisma's connection, between its transactions (the inbox's hot path). */
  sqlite?: SqliteDirect;
  close(): Promise<void>;
}

/** How long SQLite waits for a lock before a statement fails (then the caller's retry takes over). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export async function openDatabase(url: string, options: SqliteAdapterOptions = {}): Promise<DatabaseHandle> {
  const kind = databaseKind(url);
  if (kind === "postgresql") return openPostgres(url);
  ensureSqliteFolder(url);
  const adapter = sqliteAdapter(sqlitePath(url), options);
  const prisma = new PrismaClient({ adapter });
  await prisma.$executeRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Set, not left to the default: better-sqlite3 opens a file that is already in WAL mode with
  // synchronous=NORMAL but keeps FULL when WAL is switched on here (the first start), so the same
  // install ran with either. FULL: a commit (an update stored before Telegram is told it arrived, a
  // record answered "已记录") survives a power loss too. The per-update writes (the inbox's store, a
  // report's record) get the same promise without blocking the event loop: SqliteDirect.runDurably.
  await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
  return { kind, prisma, sqlite: adapter.direct, close: () => prisma.$disconnect() };
}

/**
 * PostgreSQL through adapter-pg and the client generated from prisma/postgres/schema.prisma (the same
 * models, so the same repositories serve both; the type is the SQLite client's).
 */
async function openPostgres(url: string): Promise<DatabaseHandle> {
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../generated/postgres/client.js"),
  ]);
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const pgClient = new PgPrismaClient({ adapter });
  await pgClient.$connect();
  return { kind: "postgresql", prisma: pgClient as unknown as Prisma, close: () => pgClient.$disconnect() };
}

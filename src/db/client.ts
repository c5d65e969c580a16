import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/sqlite/client.js";
import { ensureSqliteFolder } from "./prepare.js";
import { databaseKind, sqlitePath, type DatabaseKind } from "./url.js";

/** The one Prisma client type the repositories are written against (the SQLite one; PostgreSQL's has the same shape). */
export type Prisma = PrismaClient;

export interface DatabaseHandle {
  kind: DatabaseKind;
  prisma: Prisma;
  close(): Promise<void>;
}

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const kind = databaseKind(url);
  if (kind === "postgresql") throw new Error("PostgreSQL support is not built yet; use a file: (SQLite) DATABASE_URL");
  ensureSqliteFolder(url);
  // Dates as unix milliseconds, as Prisma's native engine and our migrations store them.
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(url) }, { timestampFormat: "unixepoch-ms" });
  const prisma = new PrismaClient({ adapter });
  await prisma.$executeRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return { kind, prisma, close: () => prisma.$disconnect() };
}

// Offline stand-ins for `prisma migrate …` (the stock CLI needs a native engine it cannot download
// here; on an online machine `npx prisma migrate deploy` reads the same files and table).
//   tsx scripts/db.ts dev --name <x>   create the migration for BOTH providers from prisma/schema.prisma:
//                                      SQLite against DATABASE_URL (a file: URL; default ./data/ledger.db),
//                                      PostgreSQL against a scratch database on MIGRATE_POSTGRES_URL
//                                      (default postgresql://postgres@127.0.0.1:5432/postgres), dropped after;
//                                      then regenerates prisma/postgres/schema.prisma and both clients
//   tsx scripts/db.ts deploy           apply pending migrations to DATABASE_URL (either provider)
//   tsx scripts/db.ts status           list pending migrations (exit 1 when some are pending)
//   tsx scripts/db.ts drift            exit 2 when schema.prisma has changes no migration holds
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ensureSqliteFolder } from "../src/db/prepare.js";
import { databaseKind, withDatabase } from "../src/db/url.js";
import { createMigration, deployMigrations, migrationStatus, schemaDrift } from "../src/db/migrations/migrator.js";
import { adminQuery } from "../src/db/migrations/postgresAdapter.js";
// @ts-expect-error plain ESM script without types
import { writePostgresSchema } from "./postgres-schema.mjs";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
const url = process.env.DATABASE_URL ?? "file:./data/ledger.db";

async function createBoth(name: string): Promise<void> {
  (writePostgresSchema as () => boolean)();
  const sqliteUrl = databaseKind(url) === "sqlite" ? url : "file:./data/ledger.db";
  ensureSqliteFolder(sqliteUrl);
  const sqlite = await createMigration(sqliteUrl, name);
  console.log(sqlite ? `SQLite: created and applied ${sqlite}` : "SQLite: already in sync, no migration created.");

  const server = process.env.MIGRATE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = `ledger_migrate_${randomBytes(4).toString("hex")}`;
  await adminQuery(server, `CREATE DATABASE "${scratch}"`).catch((error: unknown) => {
    throw new Error(`PostgreSQL at ${server} is needed to write its migration (set MIGRATE_POSTGRES_URL): ${(error as Error).message}`);
  });
  try {
    const pg = await createMigration(withDatabase(server, scratch), name);
    console.log(pg ? `PostgreSQL: created ${pg}` : "PostgreSQL: already in sync, no migration created.");
  } finally {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
  }
  const gen = spawnSync(process.execPath, ["scripts/generate-client.mjs"], { stdio: "inherit" });
  if (gen.status !== 0) throw new Error("client generation failed");
}

async function main(): Promise<number> {
  ensureSqliteFolder(url);
  switch (positionals[0]) {
    case "dev": {
      if (!values.name) throw new Error("usage: npm run db:migrate:dev -- --name <name>");
      await createBoth(values.name);
      return 0;
    }
    case "deploy": {
      const applied = await deployMigrations(url);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "status": {
      const s = await migrationStatus(url);
      console.log(`${s.total} migrations; pending: ${s.pending.join(", ") || "none"}`);
      if (s.failed.length) console.log(`failed: ${s.failed.join(", ")}`);
      if (s.edited.length) console.log(`edited after being applied: ${s.edited.join(", ")}`);
      return s.pending.length || s.failed.length ? 1 : 0;
    }
    case "drift": {
      const sql = await schemaDrift(url);
      if (sql === null) {
        console.log("schema.prisma and the migrations agree.");
        return 0;
      }
      console.log("schema.prisma has changes that no migration holds:\n" + sql);
      return 2;
    }
    default:
      throw new Error("usage: tsx scripts/db.ts dev --name <x> | deploy | status | drift");
  }
}

// The engine leaves timers behind; a CLI exits explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

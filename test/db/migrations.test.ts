// Migrations through Prisma's WebAssembly schema engine: the schema and the migrations agree,
// deploy is idempotent, and the history table is the standard one an online `prisma migrate` reads.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { deployMigrations, migrationStatus, schemaDrift, schemaLayout } from "../../src/db/migrations/migrator.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-mig-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const { migrationsDir } = schemaLayout("sqlite");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("SQLite migrations", () => {
  it("hold every change of schema.prisma (a schema change without its migration fails here)", async () => {
    const drift = await schemaDrift(`file:${path.join(dir, "drift.db")}`);
    expect(drift).toBeNull();
  });

  it("apply on a fresh database, once, into the standard _prisma_migrations table", async () => {
    const url = `file:${path.join(dir, "data", "fresh.db")}`;
    expect((await migrationStatus(url)).pending).toEqual(migrationNames);
    expect(await deployMigrations(url)).toEqual(migrationNames);
    expect(await deployMigrations(url)).toEqual([]);
    expect((await migrationStatus(url)).pending).toEqual([]);

    const db = new Database(path.join(dir, "data", "fresh.db"), { readonly: true });
    const rows = db.prepare("SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name").all() as {
      migration_name: string; checksum: string; finished_at: number; applied_steps_count: number;
    }[];
    db.close();
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(typeof row.finished_at).toBe("number"); // unix ms, as the native engine writes on SQLite
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

// Start-up skips the WebAssembly schema engine when `_prisma_migrations` already holds the folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { deployMigrations, migrationsUpToDate } from "../../src/db/migrations/migrator.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-mig-fast-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrationsUpToDate", () => {
  it("is false for a missing or new database, true once deployed, false again when the table lags or was edited", async () => {
    const file = path.join(dir, "l.db");
    const url = `file:${file}`;
    expect(await migrationsUpToDate(url)).toBe(false);
    new Database(file).close();
    expect(await migrationsUpToDate(url)).toBe(false);
    await deployMigrations(url);
    expect(await migrationsUpToDate(url)).toBe(true);

    const db = new Database(file);
    const last = db.prepare("SELECT migration_name AS name, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").get() as { name: string; checksum: string };
    db.prepare("UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = ?").run(last.name);
    expect(await migrationsUpToDate(url)).toBe(false);
    db.prepare("UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?").run(last.checksum, last.name);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?").run(last.name);
    expect(await migrationsUpToDate(url)).toBe(false);
    db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(last.name);
    expect(await migrationsUpToDate(url)).toBe(false);
    db.close();
  });
});

// One fresh database per test: a SQLite file in a temp folder, or — when TEST_DATABASE_URL names a
// PostgreSQL server (`.ci/run`'s second pass) — a uniquely named database on it, dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { adminQuery } from "../../src/db/migrations/postgresAdapter.js";
import { databaseKind, withDatabase } from "../../src/db/url.js";

export interface TestDatabase {
  url: string;
  /** A folder for other files of the test (removed by drop()). */
  dir: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs on, or undefined for SQLite. */
export const postgresServer = (): string | undefined => {
  const url = process.env.TEST_DATABASE_URL;
  return url && databaseKind(url) === "postgresql" ? url : undefined;
};

/** `server` forces PostgreSQL on that server whatever TEST_DATABASE_URL says. */
export async function createTestDatabase(label: string, server = postgresServer()): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), `ledger-${label}-`));
  if (!server) {
    return { url: `file:${path.join(dir, "ledger.db")}`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ledger_test_${label.replace(/\W/g, "_").toLowerCase()}_${randomBytes(5).toString("hex")}`;
  await adminQuery(server, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(server, name),
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

// Two providers, one data model: prisma/postgres/schema.prisma is prisma/schema.prisma with another
// provider, and the PostgreSQL migrations hold every change of it (needs a PostgreSQL server: the
// drift check runs when TEST_DATABASE_URL names one, as in `.ci/run`'s second pass, or on 127.0.0.1).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { schemaDrift, schemaLayout, deployMigrations, migrationStatus } from "../../src/db/migrations/migrator.js";
// @ts-expect-error plain ESM script without types
import { postgresSchemaFrom } from "../../scripts/postgres-schema.mjs";
import { adminQuery } from "../../src/db/migrations/postgresAdapter.js";
import { createTestDatabase } from "../support/database.js";

const derive = postgresSchemaFrom as (sqlite: string) => string;

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with only the provider (and the client's folder) changed", () => {
    const sqlite = readFileSync(schemaLayout("sqlite").schemaPath, "utf8");
    const postgres = readFileSync(schemaLayout("postgresql").schemaPath, "utf8");
    expect(postgres).toBe(derive(sqlite));
    const differing = postgres.split("\n").slice(1).filter((line, i) => line !== sqlite.split("\n")[i]);
    expect(differing.map((l) => l.trim())).toEqual(['output              = "../../src/generated/postgres"', 'provider = "postgresql"']);
  });
});

describe("PostgreSQL migration files", () => {
  it("have no ';' in comments or string literals (adapter-pg runs a script split at every ';')", () => {
    const dir = schemaLayout("postgresql").migrationsDir;
    for (const name of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const comments = sql.split("\n").filter((l) => l.trim().startsWith("--") && l.includes(";"));
      const strings = (sql.match(/'[^']*'/g) ?? []).filter((lit) => lit.includes(";"));
      expect({ name, comments, strings }).toEqual({ name, comments: [], strings: [] });
    }
  });
});

const server = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";
const reachable = await adminQuery(server, "SELECT 1").then(() => true, () => false);
const onServer = reachable ? describe : describe.skip;

onServer("PostgreSQL migrations", () => {
  it("hold every change of the schema (a schema change without its PostgreSQL migration fails here)", async () => {
    const db = await createTestDatabase("pgdrift", server);
    try {
      expect(await schemaDrift(db.url)).toBeNull();
    } finally {
      await db.drop();
    }
  });

  it("apply on a fresh database, once", async () => {
    const db = await createTestDatabase("pgdeploy", server);
    try {
      const { pending } = await migrationStatus(db.url);
      expect(pending.length).toBeGreaterThan(0);
      expect(await deployMigrations(db.url)).toEqual(pending);
      expect(await deployMigrations(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});

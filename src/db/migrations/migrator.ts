// Migrations in Prisma's standard layout (prisma/migrations/<timestamp>_<name>/migration.sql),
// created, applied and checked through the WebAssembly schema engine and a driver adapter.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { projectRoot } from "../../paths.js";
import { ensureSqliteFolder } from "../prepare.js";
import { databaseKind, type DatabaseKind } from "../url.js";
import { sqliteMigrationAdapter } from "./sqliteAdapter.js";
import { sqlitePath } from "../url.js";

export interface SchemaLayout {
  schemaPath: string;
  migrationsDir: string;
}

export function schemaLayout(kind: DatabaseKind): SchemaLayout {
  const base = kind === "sqlite" ? path.join(projectRoot, "prisma") : path.join(projectRoot, "prisma", "postgres");
  return { schemaPath: path.join(base, "schema.prisma"), migrationsDir: path.join(base, "migrations") };
}

const LOCKFILE = "migration_lock.toml";
const noFilters = { externalTables: [], externalEnums: [] };

export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, LOCKFILE);
  const entries = existsSync(migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : [];
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const content = existsSync(file)
        ? { tag: "ok" as const, value: await readFile(file, "utf8") }
        : { tag: "error" as const, value: `missing ${file}` };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

async function adapterFor(databaseUrl: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (databaseKind(databaseUrl) === "sqlite") return sqliteMigrationAdapter(databaseUrl);
  // Loaded only for PostgreSQL: pg and its adapter are not kept in memory by a bot on SQLite.
  const { postgresMigrationAdapter } = await import("./postgresAdapter.js");
  return postgresMigrationAdapter(databaseUrl);
}

/** The engine does not close the connections it opened; close them so the database is free again. */
function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory) {
  const open: SqlDriverAdapter[] = [];
  const track = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    open.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(() => inner.connect()),
    connectToShadowDb: () => track(() => inner.connectToShadowDb()),
  };
  const disposeAll = async () => {
    await Promise.allSettled(open.splice(0).map((a) => a.dispose()));
  };
  return { factory, disposeAll };
}

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine, layout: SchemaLayout) => Promise<T>): Promise<T> {
  const layout = schemaLayout(databaseKind(databaseUrl));
  ensureSqliteFolder(databaseUrl);
  const schemaText = await readFile(layout.schemaPath, "utf8");
  const { factory, disposeAll } = trackConnections(await adapterFor(databaseUrl));
  // The 5 MB WebAssembly engine is loaded only here, when there is migration work to do.
  const { createSchemaEngine } = await import("./schemaEngine.js");
  const engine = await createSchemaEngine(layout.schemaPath, schemaText, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await run(engine, layout);
  } finally {
    engine.free();
    await disposeAll();
  }
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: number | null;
  rolled_back_at: number | null;
}

/** `_prisma_migrations` of a SQLite file, read without the engine; null when there is none yet. */
async function appliedRows(databaseUrl: string): Promise<AppliedRow[] | null> {
  if (databaseKind(databaseUrl) !== "sqlite") return null;
  const file = sqlitePath(databaseUrl);
  if (file === ":memory:" || !existsSync(file)) return null;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return null;
    return db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all() as AppliedRow[];
  } finally {
    db.close();
  }
}

/**
 * True when every migration in the folder is recorded as applied, unchanged (same checksum as
 * Prisma's: SHA-256 of migration.sql), and none is half-applied: then deploy has nothing to do and
 * the engine is not loaded. Anything else goes to the engine, which applies or reports it.
 */
export async function migrationsUpToDate(databaseUrl: string): Promise<boolean> {
  const rows = await appliedRows(databaseUrl);
  if (!rows) return false;
  if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
  const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
  const list = await readMigrationList(schemaLayout(databaseKind(databaseUrl)).migrationsDir);
  return list.migrationDirectories.every((d) => {
    const content = d.migrationFile.content;
    return content.tag === "ok" && applied.get(d.path) === createHash("sha256").update(content.value).digest("hex");
  });
}

/** `prisma migrate deploy`: applies every migration not yet in `_prisma_migrations`. */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  if (await migrationsUpToDate(databaseUrl)) return [];
  return withEngine(databaseUrl, async (engine, layout) => {
    const migrationsList = await readMigrationList(layout.migrationsDir);
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

export interface MigrationStatus {
  total: number;
  pending: string[];
  failed: string[];
  edited: string[];
}

export async function migrationStatus(databaseUrl: string): Promise<MigrationStatus> {
  return withEngine(databaseUrl, async (engine, layout) => {
    const migrationsList = await readMigrationList(layout.migrationsDir);
    const out = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }).catch(
      async (error: unknown) => {
        // P1014 on a fresh database: nothing applied yet.
        if (String((error as Error)?.message ?? error).includes("_prisma_migrations")) return null;
        throw error;
      },
    );
    const names = migrationsList.migrationDirectories.map((d) => d.path);
    if (!out) return { total: names.length, pending: names, failed: [], edited: [] };
    const history = out.history;
    const pending = history && history.diagnostic === "databaseIsBehind" ? history.unappliedMigrationNames : [];
    return { total: names.length, pending, failed: out.failedMigrationNames, edited: out.editedMigrationNames };
  });
}

/** SQL that schema.prisma needs and no migration holds; null when the migrations are complete. */
export async function schemaDrift(databaseUrl: string): Promise<string | null> {
  return withEngine(databaseUrl, async (engine, layout) => {
    const migrationsList = await readMigrationList(layout.migrationsDir);
    const schemaText = await readFile(layout.schemaPath, "utf8");
    const out = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: layout.schemaPath, content: schemaText }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    } as never);
    return out.exitCode === 2 ? (out.stdout ?? "") : null;
  });
}

/** `prisma migrate dev --name <name>` against a development database: writes the new migration and applies it. */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  return withEngine(databaseUrl, async (engine, layout) => {
    let migrationsList = await readMigrationList(layout.migrationsDir);
    await engine.applyMigrations({ migrationsList, filters: noFilters });
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: noFilters });
    if (diagnostic.action.tag === "reset") throw new Error(`The development database needs a reset: ${diagnostic.action.reason}`);
    const schemaText = await readFile(layout.schemaPath, "utf8");
    const schema = { files: [{ path: layout.schemaPath, content: schemaText }] };
    const loss = await engine.evaluateDataLoss({ migrationsList, schema, filters: noFilters });
    for (const warning of loss.warnings) console.warn(`warning: ${warning.message}`);
    const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters: noFilters });
    if (!out.generatedMigrationName || !out.migrationScript) return null;
    const dir = path.join(layout.migrationsDir, out.generatedMigrationName);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), out.migrationScript);
    await writeFile(
      path.join(layout.migrationsDir, LOCKFILE),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    migrationsList = await readMigrationList(layout.migrationsDir);
    await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.generatedMigrationName;
  });
}

/**
 * SQL that would bring the database itself to schema.prisma; null when it matches (a restored
 * backup, or a database someone changed by hand, is checked with this).
 */
export async function databaseDrift(databaseUrl: string): Promise<string | null> {
  return withEngine(databaseUrl, async (engine, layout) => {
    const schemaText = await readFile(layout.schemaPath, "utf8");
    const files = [{ path: layout.schemaPath, content: schemaText }];
    const out = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: path.dirname(layout.schemaPath) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: noFilters,
    } as never);
    return out.exitCode === 2 ? (out.stdout ?? "") : null;
  });
}

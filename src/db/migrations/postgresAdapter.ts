import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { postgresConfig } from "../url.js";

/** OID of PostgreSQL's one-byte "char" type, which the schema engine reads in the catalogue. */
const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function reportCharAsText<T>(result: T): T {
  for (const f of (result as QueryResultLike)?.fields ?? []) if (f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
  return result;
}

function patchQuery<C extends { query: (...args: never[]) => unknown }>(client: C): C {
  const marked = client as C & { __charAsText?: true };
  if (marked.__charAsText) return client;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const out = query(...args);
    return out instanceof Promise ? out.then(reportCharAsText) : out;
  };
  marked.__charAsText = true;
  return client;
}

/**
 * adapter-pg cannot map OID 18 ("char"), which the engine's describer reads from pg_catalog; this
 * pool reports such columns as text. Used by the migration process only.
 */
class MigrationPool extends pg.Pool {
  override query(...args: never[]): never {
    const out = (super.query as (...a: never[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(reportCharAsText) : out) as never;
  }
  override connect(...args: never[]): never {
    const out = (super.connect as (...a: never[]) => unknown)(...args);
    if (out instanceof Promise) return out.then((client: pg.PoolClient) => patchQuery(client)) as never;
    return out as never;
  }
}

async function adapterOn(config: pg.PoolConfig, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(new MigrationPool(config), { disposeExternalPool: true }).connect();
  if (!onDispose) return adapter;
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "dispose") {
        return async () => {
          await target.dispose();
          await onDispose();
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ ...postgresConfig(databaseUrl), database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The adapter factory the schema engine migrates PostgreSQL through. Its shadow database is a new
 * `prisma_migrate_shadow_db_<uuid>` on the same server (needs CREATEDB), dropped when the engine is done
 * (adapter-pg's own shadow database would be the main one: its connection string wins over `database`).
 */
export function postgresMigrationAdapter(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const config = postgresConfig(databaseUrl);
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => adapterOn(config),
    connectToShadowDb: async () => {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${database}"`);
      return adapterOn({ ...config, database }, () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    },
  };
}

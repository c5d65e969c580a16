import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { sqlitePath } from "../url.js";

/**
 * better-sqlite3 refuses several statements in one executeRaw call, which the schema engine makes
 * when it replays a migration on the shadow database; retry those as a script.
 */
function allowScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeRaw") {
        return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
          try {
            return await target.executeRaw(query);
          } catch (error) {
            if (query.args.length === 0 && /more than one statement/i.test(String((error as Error)?.message ?? error))) {
              await target.executeScript(query.sql);
              return 0;
            }
            throw error;
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The adapter factory the schema engine migrates SQLite through (dates as unix ms, like the native engine). */
export function sqliteMigrationAdapter(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) }, { timestampFormat: "unixepoch-ms" });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = allowScripts(await inner.connect());
      // WAL with synchronous=NORMAL, as the bot's own connection runs (client.ts makes that FULL
      // afterwards): each migration's transaction is still all or nothing after a power loss, and a
      // fresh database is set up without an fsync per statement (most of a first start's migration time).
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
      return adapter;
    },
    connectToShadowDb: async () => allowScripts(await inner.connectToShadowDb()),
  };
}

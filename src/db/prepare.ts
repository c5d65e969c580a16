import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { databaseKind, sqlitePath } from "./url.js";

/**
 * Creates the SQLite file's folder when its parent exists (`./data`), so a fresh clone just runs;
 * a path under a folder that does not exist is a configuration mistake and is reported.
 */
export function ensureSqliteFolder(databaseUrl: string): void {
  if (databaseKind(databaseUrl) !== "sqlite") return;
  const file = sqlitePath(databaseUrl);
  if (file === ":memory:") return;
  const dir = path.dirname(file);
  if (existsSync(dir)) return;
  if (!existsSync(path.dirname(dir))) throw new Error(`folder ${dir} does not exist`);
  mkdirSync(dir);
}

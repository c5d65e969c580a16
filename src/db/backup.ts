// SQLite backups through SQLite's online backup API (never a file copy): consistent while the bot
// writes, because the pages are copied inside one read transaction (WAL lets writers go on).
// PostgreSQL deployments use pg_dump / pg_restore (README).
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ensureSqliteFolder } from "./prepare.js";
import { databaseKind, sqlitePath } from "./url.js";

/** A mistake in what the operator asked for (exit code 2), as opposed to a failure. */
export class BackupInputError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

function sqliteFileOf(databaseUrl: string): string {
  if (databaseKind(databaseUrl) !== "sqlite") {
    throw new BackupInputError("DATABASE_URL is PostgreSQL: use pg_dump / pg_restore (see README, Backups)");
  }
  const file = sqlitePath(databaseUrl);
  if (file === ":memory:") throw new BackupInputError("DATABASE_URL is an in-memory database; nothing to back up");
  return file;
}

const ALL_PAGES = 0x7fffffff;

/** Copies `from` (an open connection) into a new file `to`, self-contained (no -wal beside it). */
async function copyDatabase(from: Database.Database, to: string): Promise<void> {
  const partial = `${to}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    // One step for all pages: one read transaction, so the copy is the database as of one moment.
    await from.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, to);
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}

/** `npm run backup -- <file>`: a consistent copy of the running database. */
export async function backupDatabase(databaseUrl: string, target: string): Promise<BackupResult> {
  const source = sqliteFileOf(databaseUrl);
  const file = path.resolve(target);
  if (!existsSync(source)) throw new BackupInputError(`no database at ${source}`);
  if (existsSync(file)) throw new BackupInputError(`${file} already exists; choose a new file name`);
  if (!existsSync(path.dirname(file))) throw new BackupInputError(`folder ${path.dirname(file)} does not exist`);
  if (file === source) throw new BackupInputError("the backup file is the database itself");
  const started = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    await copyDatabase(db, file);
  } finally {
    db.close();
  }
  return { file, bytes: statSync(file).size, ms: Date.now() - started };
}

/** Whether another connection (a running bot, a backup) has the SQLite database open. */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    // Leaving WAL mode needs every other connection gone; SQLite answers SQLITE_BUSY otherwise.
    db.pragma("journal_mode = DELETE");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  database: string;
  /** Where the database that was replaced was kept (a way back), if there was one. */
  previous: string | null;
}

/** `npm run restore -- <file>`: puts a backup in place of the database; refuses while it is open. */
export async function restoreDatabase(databaseUrl: string, backupFile: string, now = new Date()): Promise<RestoreResult> {
  const target = sqliteFileOf(databaseUrl);
  const file = path.resolve(backupFile);
  if (!existsSync(file)) throw new BackupInputError(`no backup file at ${file}`);
  if (file === target) throw new BackupInputError("the backup file is the database itself");
  let backup: Database.Database;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
    backup.pragma("schema_version"); // reads the header: fails for a file that is not SQLite
  } catch {
    throw new BackupInputError(`${file} is not an SQLite database`);
  }
  try {
    const ledger = backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!ledger) throw new BackupInputError(`${file} is not a branch-ledger backup (no _prisma_migrations table)`);
    try {
      ensureSqliteFolder(databaseUrl); // as the bot does on start: ./data is created
    } catch (error) {
      throw new BackupInputError((error as Error).message);
    }
    if (databaseInUse(target)) {
      throw new BackupInputError(`the database ${target} is open in another process (is the bot running?); stop it, then restore`);
    }
    const incoming = `${target}.restoring`;
    await copyDatabase(backup, incoming);
    let previous: string | null = null;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "")}`;
      renameSync(target, previous);
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(target + suffix, { force: true });
    renameSync(incoming, target);
    return { database: target, previous };
  } finally {
    backup.close();
  }
}

// ---- scheduled backups (BACKUP_DIR, BACKUP_KEEP) ---------------------------------------------

const SCHEDULED = /^ledger-(\d{8}T\d{6}Z)\.db$/;

/** Scheduled backups in `dir`, newest first. */
export function scheduledBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => SCHEDULED.test(f)).sort().reverse().map((f) => path.join(dir, f));
}

export function scheduledBackupName(at: Date): string {
  return `ledger-${at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.db`;
}

/** When the newest scheduled backup in `dir` was taken, or null. */
export function lastScheduledBackupAt(dir: string): Date | null {
  const newest = scheduledBackups(dir)[0];
  const stamp = newest && SCHEDULED.exec(path.basename(newest))?.[1];
  if (!stamp) return null;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
  return new Date(iso);
}

/** Takes a scheduled backup into `dir` and keeps the newest `keep`; returns the new file and the removed ones. */
export async function takeScheduledBackup(databaseUrl: string, dir: string, keep: number, at: Date): Promise<{ file: string; removed: string[] }> {
  const { file } = await backupDatabase(databaseUrl, path.join(dir, scheduledBackupName(at)));
  const removed = scheduledBackups(dir).slice(keep);
  for (const old of removed) rmSync(old, { force: true });
  return { file, removed };
}

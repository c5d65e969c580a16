// A database that is busy (SQLite locked past its busy timeout; PostgreSQL lock, deadlock or
// serialization failures) is worth waiting for and trying again; other errors are not.
const BUSY_CODES = new Set(["P1008", "P2034", "SQLITE_BUSY", "SQLITE_LOCKED", "40001", "40P01", "55P03", "57014"]);
const BUSY_TEXT =
  /database is locked|SQLITE_BUSY|database table is locked|deadlock detected|could not serialize|lock timeout|Operations timed out|Timed out during query execution|Transaction already closed|Unable to start a transaction/i;

export function isDatabaseBusy(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; error?: unknown; meta?: { code?: unknown } };
  if (typeof e.code === "string" && BUSY_CODES.has(e.code)) return true;
  if (typeof e.meta?.code === "string" && BUSY_CODES.has(e.meta.code)) return true;
  if (typeof e.message === "string" && BUSY_TEXT.test(e.message)) return true;
  return isDatabaseBusy(e.cause, depth + 1) || isDatabaseBusy(e.error, depth + 1);
}

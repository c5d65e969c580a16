// Which tables a connection has written, read off the text of each statement it runs: a read kept
// in memory (keptReads) is good until one of its tables is written.
import { LruCache } from "./lruCache.js";

/** The table a write statement names (Prisma's `main`.`T` and our "T" alike); "*" when unrecognised; null for reads. */
function writtenTable(sql: string): string | null {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (!verb || ["SELECT", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "WITH"].includes(verb)) {
    // WITH … may write; only the plain read is recognised.
    return verb === "WITH" && /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql) ? "*" : null;
  }
  const table =
    /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?:[`"]?main[`"]?\.)?[`"]?(\w+)/i.exec(
      sql,
    );
  return table?.[1] ?? "*";
}

/** Counts the writes of one connection per table, from the statements' text. */
export class WriteWatch {
  private readonly tableOf = new LruCache<string, string | null>(500);
  private readonly counts = new Map<string, number>();

  saw(sql: string): void {
    let table = this.tableOf.get(sql);
    if (table === undefined) this.tableOf.set(sql, (table = writtenTable(sql)));
    if (table !== null) this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  /** Grows with every write to one of `tables` (or to an unrecognised one). */
  writesTo(tables: readonly string[]): number {
    let n = this.counts.get("*") ?? 0;
    for (const t of tables) n += this.counts.get(t) ?? 0;
    return n;
  }
}

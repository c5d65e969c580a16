import { sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma } from "../client.js";
import type { SqlRunner } from "../statements.js";

/**
 * Key/value storage for grammY plugins (conversations). `version` is the shape version of the
 * stored value: a value written by an older shape is dropped rather than misread.
 */
export interface SessionRow {
  value: string;
  version: number;
}

export function sessionsRepo(prisma: Prisma, runner: SqlRunner, version: number) {
  // Rows read ahead with the member (members.ensure), taken by the next read of their key.
  const primed = new Map<string, SessionRow | null>();
  return {
    /** Hands the next read(key) a row already read (null: none stored), saving its query. */
    prime(key: string, row: SessionRow | null): void {
      primed.set(key, row);
    },
    /** Forgets a primed row that was not read (end of the update). */
    unprime(key: string): void {
      primed.delete(key);
    },
    async read<T>(key: string): Promise<T | undefined> {
      const ahead = primed.get(key);
      if (ahead !== undefined) primed.delete(key);
      const row = ahead !== undefined ? ahead : await prisma.session.findUnique({ where: { key } });
      if (!row) return undefined;
      if (row.version !== version) {
        await prisma.session.delete({ where: { key } }).catch(() => undefined);
        return undefined;
      }
      return JSON.parse(row.value) as T;
    },
    async write<T>(key: string, value: T): Promise<void> {
      const text = JSON.stringify(value);
      // Every step of a conversation writes its state: one plain upsert (on SQLite, synced off the event loop).
      await runner.write(sql`
        INSERT INTO "Session" ("key", "value", "version", "updatedAt") VALUES (${key}, ${text}, ${version}, ${new Date()})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "version" = excluded."version", "updatedAt" = excluded."updatedAt"`);
    },
    async delete(key: string): Promise<void> {
      await prisma.session.deleteMany({ where: { key } });
    },
    /** Housekeeping: removes conversation states and pending report cards untouched since `cutoff`. */
    async deleteOlderThan(cutoff: Date): Promise<number> {
      const { count } = await prisma.session.deleteMany({ where: { updatedAt: { lt: cutoff } } });
      return count;
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;

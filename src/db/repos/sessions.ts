import type { Prisma } from "../client.js";

/**
 * Key/value storage for grammY plugins (conversations). `version` is the shape version of the
 * stored value: a value written by an older shape is dropped rather than misread.
 */
export function sessionsRepo(prisma: Prisma, version: number) {
  return {
    async read<T>(key: string): Promise<T | undefined> {
      const row = await prisma.session.findUnique({ where: { key } });
      if (!row) return undefined;
      if (row.version !== version) {
        await prisma.session.delete({ where: { key } }).catch(() => undefined);
        return undefined;
      }
      return JSON.parse(row.value) as T;
    },
    async write<T>(key: string, value: T): Promise<void> {
      const text = JSON.stringify(value);
      await prisma.session.upsert({ where: { key }, create: { key, value: text, version }, update: { value: text, version } });
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

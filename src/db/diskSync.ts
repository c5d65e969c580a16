// Waiting for SQLite's writes to reach the disk without blocking the event loop (see sqliteAdapter's
// runDurably): an fdatasync of the WAL on libuv's thread pool.
import { open } from "node:fs/promises";

/**
 * fdatasync of the WAL (of the database file when there is none) on the thread pool. A caller gets a
 * sync that starts after it asked: one in flight may have begun before its commit, so callers arriving
 * meanwhile share the next one.
 */
export function diskSync(file: string): () => Promise<void> {
  const once = async () => {
    const handle = await open(`${file}-wal`, "r").catch((error: unknown) =>
      (error as { code?: string }).code === "ENOENT" ? open(file, "r") : Promise.reject(error),
    );
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  };
  let inFlight: Promise<void> | undefined;
  let following: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    if (!inFlight) {
      inFlight = once().finally(() => (inFlight = undefined));
      return inFlight;
    }
    following ??= inFlight
      .catch(() => undefined)
      .then(() => {
        following = undefined;
        return sync();
      });
    return following;
  };
  return sync;
}

/**
 * The sandbox's world (users, groups, chats with their messages, the files sent in them) kept in a
 * JSON file, so that restarting `npm start` shows the same page. Written shortly after each change
 * (atomically: a temporary file renamed over the old one) and on close; 重置 (reset) empties it.
 * What the bot is doing right now (pending updates, unanswered button presses) is not kept.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoredFile, TgUser } from "../botapi/types.js";
import type { ChatState, Store, StoredMessage } from "./store.js";

const VERSION = 1;

interface SavedChat extends Omit<ChatState, "admins" | "messages" | "log" | "lastAction"> {
  admins: number[];
  messages: StoredMessage[];
}

interface SavedState {
  version: number;
  users: TgUser[];
  chats: SavedChat[];
  files: (Omit<StoredFile, "bytes"> & { bytes: string })[];
  counters: { nextUser: number; nextGroup: number; files: number };
}

// Store and FileStore keep their id counters and file maps private; this module alone restores them.
type Internals = { nextUser: number; nextGroup: number };
type FileInternals = { byId: Map<string, StoredFile>; byPath: Map<string, StoredFile>; counter: number };

function snapshot(store: Store): SavedState {
  const s = store as unknown as Internals;
  const f = store.files as unknown as FileInternals;
  return {
    version: VERSION,
    users: [...store.users.values()],
    chats: [...store.chats.values()].map(({ admins, messages, log: _log, lastAction: _a, ...rest }) => ({
      ...rest,
      admins: [...admins],
      messages: [...messages.values()],
    })),
    files: [...f.byId.values()].map((file) => ({ ...file, bytes: file.bytes.toString("base64") })),
    counters: { nextUser: s.nextUser, nextGroup: s.nextGroup, files: f.counter },
  };
}

function restore(store: Store, state: SavedState): void {
  const s = store as unknown as Internals;
  const f = store.files as unknown as FileInternals;
  for (const u of state.users) store.users.set(u.id, u);
  for (const { admins, messages, ...chat } of state.chats) {
    store.chats.set(chat.id, {
      ...chat,
      admins: new Set(admins),
      messages: new Map(messages.map((m) => [m.message.message_id, m])),
      log: [],
    });
  }
  for (const saved of state.files) {
    const file: StoredFile = { ...saved, bytes: Buffer.from(saved.bytes, "base64") };
    f.byId.set(file.file_id, file);
    f.byPath.set(file.file_path, file);
  }
  s.nextUser = Math.max(s.nextUser, state.counters.nextUser);
  s.nextGroup = Math.max(s.nextGroup, state.counters.nextGroup);
  f.counter = Math.max(f.counter, state.counters.files);
}

export interface SandboxPersistence {
  /** Writes what changed since the last write now (called on close). */
  flush(): void;
  stop(): void;
}

/**
 * Loads `file` into the store (when it holds a saved sandbox) and keeps it up to date. A file that
 * cannot be read is left alone and reported; the sandbox then starts empty.
 */
export function persistSandbox(store: Store, file: string, onError: (e: unknown, msg: string) => void, delayMs = 300): SandboxPersistence {
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, "utf8")) as SavedState;
      if (state.version === VERSION) restore(store, state);
    } catch (error) {
      onError(error, `sandbox: could not read ${file}; starting empty`);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const write = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(snapshot(store)));
      renameSync(tmp, file);
    } catch (error) {
      onError(error, `sandbox: could not save ${file}`);
    }
  };
  const onChange = (): void => {
    dirty = true;
    timer ??= setTimeout(write, delayMs);
    timer.unref();
  };
  store.events.on("change", onChange);
  return {
    flush: write,
    stop: () => {
      store.events.off("change", onChange);
      write();
    },
  };
}

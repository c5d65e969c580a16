// The durable inbox alone, in-process: 50 members in a closed loop (each sends, waits for its update to
// be handled, sends again) through store → claim → a no-op handler → done, on a fresh SQLite file.
// Prints updates/s and the CPU per update.   npx tsx bench/inbox.ts   (N=3000 CONCURRENCY=32 SYNC=FULL)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { openDatabase } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrations/migrator.js";
import { inboxRepo } from "../src/db/repos/inbox.js";
import { toIncoming } from "../src/server/inbox/intake.js";
import { createInboxWorker } from "../src/server/inbox/worker.js";

const N = Number(process.env.N ?? 3000);
const USERS = 50;
const dir = mkdtempSync(path.join(tmpdir(), "ledger-inbox-"));
const url = `file:${path.join(dir, "inbox.db")}`;
await deployMigrations(url);
const db = await openDatabase(url);
if (process.env.SYNC) await db.prisma.$executeRawUnsafe(`PRAGMA synchronous = ${process.env.SYNC}`);
const inbox = inboxRepo(db.prisma, db.sqlite);
const answered = new Map<number, () => void>();
const worker = createInboxWorker({
  inbox,
  logger: pino({ level: "silent" }),
  ...(process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {}),
  bot: {
    async handleUpdate(update: Update) {
      await new Promise((r) => setImmediate(r));
      const chat = update.message?.chat.id ?? 0;
      answered.get(chat)?.();
    },
  },
});
await worker.start();

// Like the polling loop: what arrived meanwhile is stored as one batch.
const arrived: Update[] = [];
let storing = false;
async function store(): Promise<void> {
  if (storing) return;
  storing = true;
  while (arrived.length) {
    await inbox.store(arrived.splice(0, 100).map(toIncoming), new Date());
    worker.wake();
  }
  storing = false;
}

let nextId = 1;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(
  Array.from({ length: USERS }, async (_, i) => {
    const chat = 1000 + i;
    for (let r = 0; r < N / USERS; r++) {
      const handled = new Promise<void>((resolve) => answered.set(chat, resolve));
      const from = { id: chat, is_bot: false, first_name: "党员" };
      arrived.push({
        update_id: nextId++,
        message: { message_id: r + 1, date: 0, chat: { id: chat, type: "private", first_name: "党员" }, from, text: "/help" },
      });
      void store();
      await handled;
    }
  }),
);
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - t0) / 1000;
console.log(`INBOX updates=${N} rate=${(N / seconds).toFixed(0)}/s cpu_per_update=${((cpu.user + cpu.system) / 1000 / N).toFixed(3)}ms`);
await worker.stop();
await db.close();
rmSync(dir, { recursive: true, force: true });

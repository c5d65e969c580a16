// `npm run backup` while 20 members report through the bot, then `npm run restore` into a fresh
// database: it passes the drift check and holds every record committed before the backup began.
// Restoring over the database the bot has open is refused.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { jest } from "@jest/globals";
import { databaseDrift, migrationStatus } from "../../src/db/migrations/migrator.js";
import { sqlitePath } from "../../src/db/url.js";
import { postgresServer } from "../support/database.js";
import { seedBranch, startHarness, type Harness } from "../support/harness.js";

jest.setTimeout(240_000);

const root = path.resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../..");

/** Runs an operator command (`npm run backup|restore -- …`: node scripts/start.mjs cli/<name>.js) in its own process. */
/** start.mjs says on stderr when it refreshed dist/ first (after a source change). */
const withoutBuildNote = (s: string) => s.replace(/^built dist\/ from .*\n/m, "");

function cli(name: string, args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["scripts/start.mjs", `cli/${name}.js`, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: databaseUrl },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: withoutBuildNote(stderr) }));
  });
}

const sqliteOnly = postgresServer() ? describe.skip : describe;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

sqliteOnly("backup and restore", () => {
  it("a backup taken while 20 members report restores with every record committed before it began", async () => {
    const people = Array.from({ length: 21 }, (_, i) => ({ id: 8_100_000 + i, name: `党员${String.fromCharCode(0x4e00 + i * 7)}` }));
    const { members } = await seedBranch(h, "备份党支部", people);
    expect(members).toHaveLength(20);

    let reporting = true;
    let sent = 0;
    const reporters = members.map(async (u, m) => {
      for (let i = 0; reporting && i < 40; i++) {
        const date = new Date(Date.UTC(2022, 0, 1 + m * 15 + i));
        const line = `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日 党小组会 学习党章第${i + 1}章 ${5 + (i % 4)}人参加`;
        await u.command("log", line);
        await u.next({ timeout: 60_000 });
        sent++;
      }
    });
    while (sent < 40) await new Promise((r) => setTimeout(r, 50));

    const backupFile = path.join(path.dirname(sqlitePath(h.databaseUrl)), "backup.db");
    const before = (await h.db.prisma.activity.findMany({ select: { id: true, title: true } })).map((a) => `${a.id}:${a.title}`);
    const backup = cli("backup", [backupFile], h.databaseUrl);
    const result = await backup;
    const sentDuringBackup = sent;
    await new Promise((r) => setTimeout(r, 300));
    reporting = false;
    await Promise.all(reporters);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Backup written: .*backup\.db/);
    expect(sent).toBeGreaterThan(40); // members went on reporting while and after the backup ran
    expect(sentDuringBackup).toBeGreaterThan(0);

    // Restoring over the running bot's database is refused, with one line and exit code 2.
    const refused = await cli("restore", [backupFile], h.databaseUrl);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain("is the bot running?");

    const restoredUrl = `file:${path.join(path.dirname(sqlitePath(h.databaseUrl)), "restored", "ledger.db")}`;
    const restored = await cli("restore", [backupFile], restoredUrl);
    expect(restored).toMatchObject({ code: 0, stderr: "" });
    expect(await databaseDrift(restoredUrl)).toBeNull();
    expect(await migrationStatus(restoredUrl)).toMatchObject({ pending: [], failed: [], edited: [] });

    const db = new Database(sqlitePath(restoredUrl), { readonly: true });
    const rows = db.prepare("SELECT id, title FROM Activity").all() as { id: number; title: string }[];
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    const after = new Set(rows.map((a) => `${a.id}:${a.title}`));
    expect(before.length).toBeGreaterThanOrEqual(40);
    expect(before.filter((a) => !after.has(a))).toEqual([]);
    const live = await h.db.prisma.activity.count();
    expect(rows.length).toBeLessThanOrEqual(live);
  });

  it("refuses bad input with exit code 2 and one line", async () => {
    const dir = path.dirname(sqlitePath(h.databaseUrl));
    const cases: [string, string[], RegExp][] = [
      ["backup", [], /^usage: npm run backup -- <file>$/],
      ["backup", [path.join(dir, "no-such-folder", "b.db")], /does not exist/],
      ["restore", [path.join(dir, "missing.db")], /no backup file at/],
      ["restore", [path.join(root, "package.json")], /is not an SQLite database/],
    ];
    for (const [name, args, message] of cases) {
      const r = await cli(name, args, h.databaseUrl);
      expect([name, args, r.code]).toEqual([name, args, 2]);
      expect(r.stderr.trim()).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    // A file that exists is never overwritten.
    const first = path.join(dir, "b1.db");
    expect((await cli("backup", [first], h.databaseUrl)).code).toBe(0);
    const again = await cli("backup", [first], h.databaseUrl);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(existsSync(first)).toBe(true);
  });
});

// Nothing taken is lost (issue #18), against the real process: kill -9 in a burst of reports and in
// the middle of a reminder fan-out, SIGTERM to the `npm start` process group under a burst, and an
// exclusive lock on the SQLite file. Bounded: each test waits for what it expects, with a deadline.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { jest } from "@jest/globals";
import { openDatabase } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrations/migrator.js";
import { createStore } from "../../src/db/store.js";
import { sqlitePath } from "../../src/db/url.js";
import { createSandbox, type Sandbox, type ScriptedUser } from "../../src/server/sandbox/index.js";
import { createTestDatabase, postgresServer, type TestDatabase } from "../support/database.js";
import { freePort, startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(180_000);

const ROOT = path.resolve(import.meta.dirname, "../..");
const MEMBERS = 20;
const PER_MEMBER = 6;
const APOLOGY = /抱歉，处理时出了点问题/;

let db: TestDatabase;
let sandbox: Sandbox;
const procs: BotProcess[] = [];

beforeEach(async () => {
  db = await createTestDatabase("durable");
  sandbox = await createSandbox({ flood: false, defaultTimeout: 60_000 });
});
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop("SIGKILL")));
  await sandbox.close();
  await db.drop();
});

const env = (extra: Record<string, string> = {}) => ({
  BOT_TOKEN: "4242:E2E",
  TELEGRAM_API_ROOT: sandbox.apiRoot,
  DATABASE_URL: db.url,
  ...extra,
});

function start(how?: { cwd: string; command: [string, ...string[]] }, extra: Record<string, string> = {}): BotProcess {
  const p = startBotProcess(env(extra), how);
  procs.push(p);
  return p;
}

/** A branch of `n` named members (telegram ids 9001…), stored before the process starts. */
async function seed(n: number, reminder?: { rule: object; enabledAt: Date; timeZone: string }): Promise<number[]> {
  await deployMigrations(db.url);
  const handle = await openDatabase(db.url);
  const store = createStore(handle);
  const ids = Array.from({ length: n }, (_, i) => 9001 + i);
  const memberIds: number[] = [];
  for (const tg of ids) {
    const m = await store.members.ensure(tg, undefined);
    await store.members.setName(m.id, `党员${tg - 9000}`);
    memberIds.push(m.id);
  }
  const branch = await store.branches.create("第一党支部", reminder?.timeZone ?? "Asia/Shanghai", memberIds[0]!);
  for (const id of memberIds.slice(1)) await store.memberships.join(branch.id, id, false);
  if (reminder) {
    await store.reminders.setRule(branch.id, reminder.rule, reminder.enabledAt);
    await store.reminders.setEnabled(branch.id, true, reminder.enabledAt);
  }
  await handle.close();
  return ids;
}

const KINDS = ["支委会", "党课", "主题党日", "党小组会", "志愿服务", "宣传报道"];
/** Distinct, realistic one-line reports: each its own date, so none reads as the same event. */
const report = (member: number, k: number, perMember = PER_MEMBER) => {
  const n = member * perMember + k;
  const year = 2020 + Math.floor(n / 336);
  return `${year}年${(n % 12) + 1}月${(Math.floor(n / 12) % 28) + 1}日 ${KINDS[k % KINDS.length]} 学习第${n + 1}次专题 ${3 + (n % 9)}人参加`;
};

interface Sent {
  user: ScriptedUser;
  chatId: number;
  messageId: number;
}

/** Every member sends their reports at once. */
async function burst(users: ScriptedUser[], perMember = PER_MEMBER): Promise<Sent[]> {
  const sent = await Promise.all(
    users.map(async (u, i) => {
      const out: Sent[] = [];
      for (let k = 0; k < perMember; k++) {
        const m = await u.command("log", report(i, k, perMember));
        out.push({ user: u, chatId: m.chat.id, messageId: m.message_id });
      }
      return out;
    }),
  );
  return sent.flat();
}

const botReplies = (users: ScriptedUser[]) => users.flatMap((u) => sandbox.transcript(u.chatId).filter((e) => e.from === "bot"));

const answered = (sent: Sent[]) => {
  const replyTo = new Set(
    sent.flatMap((s) =>
      sandbox
        .transcript(s.chatId)
        .filter((e) => e.from === "bot" && e.reply_to !== undefined)
        .map((e) => `${s.chatId}:${e.reply_to}`),
    ),
  );
  return sent.filter((s) => replyTo.has(`${s.chatId}:${s.messageId}`)).length;
};

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Every report stored exactly once: one live record per source message, none besides. */
async function expectStoredOnce(sent: Sent[]): Promise<void> {
  const handle = await openDatabase(db.url);
  try {
    const rows = await handle.prisma.activity.findMany({
      where: { deletedAt: null },
      select: { sourceChatId: true, sourceMessageId: true },
    });
    const keys = rows.map((r) => `${r.sourceChatId}:${r.sourceMessageId}`).sort();
    expect(keys).toEqual(sent.map((s) => `${s.chatId}:${s.messageId}`).sort());
  } finally {
    await handle.close();
  }
}

const users = (ids: number[]) => ids.map((id) => sandbox.user({ id, first_name: `党员${id - 9000}`, started: true }));

describe("nothing taken is lost", () => {
  it("kill -9 in a burst of 120 reports from 20 members, then a restart: every report stored once and answered", async () => {
    const team = users(await seed(MEMBERS));
    const first = start();
    await first.waitFor(/polling mode/);
    const sending = burst(team);
    await until("the first answers", () => answered(sentSoFar(team)) >= 25, 60_000);
    await first.stop("SIGKILL");
    const sent = await sending;
    const before = answered(sent);
    const second = start();
    await second.waitFor(/polling mode/);
    await until("every report answered", () => answered(sent) === sent.length, 120_000, 200);
    expect(before).toBeLessThan(sent.length);
    await expectStoredOnce(sent);
    expect(botReplies(team).filter((e) => APOLOGY.test(e.text))).toEqual([]);
  });

  it("SIGTERM to the `npm start` process group in a burst: exit 0, and after a restart nothing is lost", async () => {
    const team = users(await seed(MEMBERS));
    const npmStart = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true, // its own process group, as a terminal, systemd or docker-compose would have it
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "info", ...env() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npmStart.stdout.on("data", (c: Buffer) => (out += c.toString()));
    npmStart.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => npmStart.once("exit", (code) => resolve(code)));
    try {
      await until("polling mode", () => /polling mode/.test(out), 90_000, 100);
      const sending = burst(team);
      await until("the first answers", () => answered(sentSoFar(team)) >= 25, 60_000);
      process.kill(-npmStart.pid!, "SIGTERM");
      expect(await exited).toBe(0);
      expect(out).toContain("stopped");
      const sent = await sending;
      const again = start();
      await again.waitFor(/polling mode/);
      await until("every report answered", () => answered(sent) === sent.length, 120_000, 200);
      await expectStoredOnce(sent);
      expect(botReplies(team).filter((e) => APOLOGY.test(e.text))).toEqual([]);
    } finally {
      try {
        process.kill(-npmStart.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  (postgresServer() ? it.skip : it)(
    "an 8-second exclusive lock on the SQLite file: every report saved once the lock goes, no apology",
    async () => {
      const team = users(await seed(MEMBERS));
      const bot = start();
      await bot.waitFor(/polling mode/);
      const lock = new Database(sqlitePath(db.url));
      lock.exec("BEGIN EXCLUSIVE");
      const sent = await Promise.all(
        team.map(async (u, i) => {
          const m = await u.command("log", report(i, 0));
          return { user: u, chatId: m.chat.id, messageId: m.message_id };
        }),
      );
      await new Promise((r) => setTimeout(r, 8000));
      lock.exec("ROLLBACK");
      lock.close();
      await until("every report answered", () => answered(sent) === sent.length, 60_000, 200);
      await expectStoredOnce(sent);
      expect(botReplies(team).filter((e) => APOLOGY.test(e.text) || /系统繁忙/.test(e.text))).toEqual([]);
    },
  );
});

/**
 * A Bot API in front of the sandbox that passes the first `limit` sendMessage calls and holds the
 * rest until `open()`, which drops them: their caller was killed, and Telegram never got them.
 */
async function gatedSends(
  target: string,
  limit: number,
): Promise<{ apiRoot: string; passed(): number; open(): void; close(): Promise<void> }> {
  const to = new URL(target);
  let passed = 0;
  let gateOpen = false;
  const held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = () => {
        if (res.destroyed || req.socket.destroyed) return;
        const up = http.request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on("error", () => res.destroy());
        up.end(Buffer.concat(chunks));
      };
      if (!req.url?.endsWith("/sendMessage") || gateOpen) return forward();
      if (passed < limit) {
        passed += 1;
        return forward();
      }
      held.push(forward);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    passed: () => passed,
    open() {
      gateOpen = true;
      // Held calls belong to the killed process (its sockets may not read as closed yet): never delivered.
      held.splice(0);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A fixed-offset zone where it is about noon now, so "today" has room on both sides. */
function noonZone(now: Date): { timeZone: string; day: number; time: string } {
  const offset = (((12 - now.getUTCHours()) % 24) + 24) % 24;
  const hours = offset <= 12 ? offset : offset - 24;
  const timeZone = hours === 0 ? "Etc/UTC" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
  const local = new Date(now.getTime() + hours * 3_600_000 - 2 * 60_000);
  const time = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
  return { timeZone, day: local.getUTCDate(), time };
}

describe("reminders are not lost either", () => {
  (postgresServer() ? it.skip : it)(
    "kill -9 in the middle of a fan-out to 30 members, then a restart: every member has exactly one reminder",
    async () => {
      const now = new Date();
      const zone = noonZone(now);
      const rule = {
        pattern: { type: "day_of_month", day: zone.day },
        onNonWorkday: "keep",
        target: "members",
        reminders: [{ daysBefore: 0, time: zone.time }],
        followUp: { enabled: false },
        theme: "学习党章",
      };
      const ids = await seed(30, { rule, enabledAt: new Date(now.getTime() - 10 * 60_000), timeZone: zone.timeZone });
      for (const id of ids) sandbox.user({ id, first_name: `党员${id - 9000}`, started: true });
      const reminded = () => ids.map((id) => sandbox.transcript(id).filter((e) => e.from === "bot" && e.text.includes("主题党日")).length);
      const total = () => reminded().reduce((a, b) => a + b, 0);

      const gate = await gatedSends(sandbox.apiRoot, 9);
      try {
        const first = start(undefined, { TELEGRAM_API_ROOT: gate.apiRoot });
        await until("9 reminders out", () => total() >= 9, 60_000, 20);
        // The process records those 9 as sent; the next ones are claimed and held in flight when it dies.
        await new Promise((r) => setTimeout(r, 1000));
        await first.stop("SIGKILL");
        expect(total()).toBe(9);
        gate.open();
        const second = start(undefined, { TELEGRAM_API_ROOT: gate.apiRoot });
        await second.waitFor(/polling mode/);
        await until("every member reminded", () => reminded().every((n) => n >= 1), 60_000, 100);
        await new Promise((r) => setTimeout(r, 3000)); // nothing more comes
        expect(reminded()).toEqual(ids.map(() => 1));
      } finally {
        await gate.close();
      }
    },
  );
});

/** What the members have sent so far (the burst is still going). */
function sentSoFar(team: ScriptedUser[]): Sent[] {
  return team.flatMap((u) =>
    sandbox
      .transcript(u.chatId)
      .filter((e) => e.from === "user")
      .map((e) => ({ user: u, chatId: u.chatId, messageId: e.message_id })),
  );
}

/** A load balancer: round-robin over the bot processes, passing a request on to the next one when one is down. */
async function roundRobin(ports: number[]): Promise<{ url: string; close(): Promise<void> }> {
  let turn = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const first = turn++;
      const attempt = (i: number) => {
        if (i >= ports.length) return void res.writeHead(502).end();
        const port = ports[(first + i) % ports.length]!;
        const up = http.request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on("error", () => attempt(i + 1));
        up.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/tg/webhook`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// The size; E2E_INSTANCES=20x5 for a quicker run.
const [MI_MEMBERS, MI_PER] = (process.env.E2E_INSTANCES ?? "50x10").split("x").map(Number) as [number, number];

describe("several webhook instances on one PostgreSQL database", () => {
  (postgresServer() ? it : it.skip)(
    `round-robin: ${MI_MEMBERS} members × ${MI_PER} reports → exactly that many records, a guided flow across processes once, reminders once, one process killed mid-burst`,
    async () => {
      const now = new Date();
      const zone = noonZone(now);
      const rule = {
        pattern: { type: "day_of_month", day: zone.day },
        onNonWorkday: "keep",
        target: "members",
        reminders: [{ daysBefore: 0, time: zone.time }],
        followUp: { enabled: false },
        theme: "学习党章",
      };
      const ids = await seed(MI_MEMBERS, { rule, enabledAt: new Date(now.getTime() - 10 * 60_000), timeZone: zone.timeZone });
      const team = users(ids);
      const ports = [await freePort(), await freePort()];
      const lb = await roundRobin(ports);
      try {
        const webhook = { BOT_MODE: "webhook", WEBHOOK_URL: lb.url, WEBHOOK_SECRET: "s3cret-e2e" };
        const [a, b] = ports.map((port) => start(undefined, { ...webhook, PORT: String(port) }));
        await Promise.all([a!.waitFor(/webhook mode: listening/), b!.waitFor(/webhook mode: listening/)]);

        // A guided flow whose consecutive steps land on different processes.
        const sec = team[0]!;
        await sec.command("log");
        await sec.nextMatching("记录哪类活动");
        await sec.press("支委会");
        await sec.nextMatching("活动是哪天");
        await sec.say("7月3日");
        await sec.nextMatching("主题/议题");
        await sec.say("研究跨实例发展党员工作");
        await sec.nextMatching("谁参加了");
        await sec.press("党员2");
        await sec.next();
        await sec.press(/完成/);
        await sec.nextMatching("请核对");
        await sec.press("✅ 保存");
        await sec.nextMatching("✅ 已记录");

        const total = MI_MEMBERS * MI_PER;
        const sending = burst(team, MI_PER);
        await until("a third answered", () => answered(sentSoFar(team)) >= Math.floor(total / 3), 240_000, 50);
        await a!.stop("SIGKILL");
        const sent = (await sending).length;
        expect(sent).toBe(total);
        const all = sentSoFar(team).filter((s) =>
          /^\/log \d/.test(sandbox.transcript(s.chatId).find((e) => e.message_id === s.messageId)?.text ?? ""),
        );
        await until("every report answered", () => answered(all) === total, 240_000, 500);

        const handle = await openDatabase(db.url);
        try {
          const rows = await handle.prisma.activity.findMany({
            where: { deletedAt: null },
            select: { title: true, sourceChatId: true, sourceMessageId: true },
          });
          expect(rows.filter((r) => r.title === "研究跨实例发展党员工作")).toHaveLength(1);
          const keys = rows
            .filter((r) => r.sourceMessageId !== null)
            .map((r) => `${r.sourceChatId}:${r.sourceMessageId}`)
            .sort();
          expect(keys).toEqual(all.map((s) => `${s.chatId}:${s.messageId}`).sort());
        } finally {
          await handle.close();
        }
        const reminded = ids.map(
          (id) => sandbox.transcript(id).filter((e) => e.from === "bot" && e.text.includes("【主题党日提醒】")).length,
        );
        expect(reminded).toEqual(ids.map(() => 1));
        expect(botReplies(team).filter((e) => APOLOGY.test(e.text))).toEqual([]);
      } finally {
        await lb.close();
      }
    },
    600_000,
  );
});

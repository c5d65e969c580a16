// The real bot process against the sandbox: polling and webhook modes, start-up checks, clean shutdown.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { jest } from "@jest/globals";
import { createSandbox, type Sandbox } from "../../src/server/sandbox/index.js";
import { freePort, startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(90_000);

let dir: string;
let sandbox: Sandbox;
const procs: BotProcess[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-e2e-"));
  sandbox = await createSandbox({ flood: false, defaultTimeout: 15_000 });
});
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop("SIGKILL")));
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): BotProcess {
  const p = startBotProcess({ BOT_TOKEN: "4242:E2E", TELEGRAM_API_ROOT: sandbox.apiRoot, DATABASE_URL: `file:${path.join(dir, "data", "ledger.db")}`, ...env });
  procs.push(p);
  return p;
}

describe("the bot process", () => {
  it("polls, creates and migrates the database, answers /start and /help in Chinese, and stops cleanly on SIGTERM", async () => {
    const bot = start({ PORT: String(await freePort()) });
    await bot.waitFor(/polling mode/);
    expect(existsSync(path.join(dir, "data", "ledger.db"))).toBe(true);
    const u = sandbox.user({ id: 7001, first_name: "张三", started: true });
    await u.command("start");
    expect((await u.next()).text).toContain("您好，张三！");
    await u.command("help");
    expect((await u.next()).text).toContain("/log");
    // A conversation across updates: create a branch, then the name question is answered.
    await u.command("newbranch", "测试党支部");
    expect((await u.next()).text).toContain("已创建支部「测试党支部」");
    expect((await u.next()).text).toContain("真实姓名");
    await u.say("张三");
    expect((await u.next()).text).toContain("已记下");
    expect(await bot.stop("SIGTERM")).toBe(0);
    expect(bot.output()).toContain("stopped");
  });

  it("takes updates by webhook, refusing a request with a wrong secret", async () => {
    const port = await freePort();
    const bot = start({ BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}/tg/webhook`, WEBHOOK_SECRET: "s3cret_token", PORT: String(port) });
    await bot.waitFor(/webhook mode/);
    const u = sandbox.user({ id: 7002, first_name: "李四", started: true });
    await u.command("start");
    expect((await u.next()).text).toContain("您好，李四！");
    // A guided flow across several webhook deliveries.
    await u.command("newbranch", "网络党支部");
    await u.next();
    await u.next();
    await u.say("李四");
    await u.next();
    await u.command("log");
    expect((await u.next()).text).toContain("记录哪类活动");
    await u.press("支委会");
    expect((await u.next()).text).toContain("活动是哪天");
    await u.press("今天");
    await u.next();
    await u.press("跳过");
    await u.next();
    await u.say("5");
    expect((await u.next()).text).toContain("实到 5");
    await u.press("✅ 保存");
    expect((await u.next()).text).toContain("支委会 1次、5人次");
    expect(sandbox.webhookAttempts.every((a) => a.ok)).toBe(true);

    const forged = await fetch(`http://127.0.0.1:${port}/tg/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong" },
      body: JSON.stringify({ update_id: 999999, message: { message_id: 1, date: 0, chat: { id: 7002, type: "private" }, from: { id: 7002, is_bot: false, first_name: "x" }, text: "/start" } }),
    });
    expect(forged.status).toBe(401);
    // The bot is unaffected.
    await u.command("help");
    expect((await u.next()).text).toContain("/summary");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await bot.stop("SIGTERM")).toBe(0);
  });

  it.each([
    [{ BOT_MODE: "banana" }, /^Configuration error: BOT_MODE/m],
    [{ DATABASE_URL: "file:/no/such/dir/x.db" }, /^Configuration error: DATABASE_URL/m],
  ])("stops with a one-line error naming the variable for %j", async (env, pattern) => {
    const bot = start(env);
    const code = await bot.exited();
    expect(code).not.toBe(0);
    expect(bot.output()).toMatch(pattern);
    expect(bot.output().trim().split("\n")).toHaveLength(1);
  });

  it("runs the sandbox itself when there is no BOT_TOKEN and prints its address", async () => {
    const port = await freePort();
    const bot = startBotProcess({ DATABASE_URL: `file:${path.join(dir, "sb.db")}`, PORT: String(port) });
    procs.push(bot);
    const [, url] = await bot.waitFor(/Sandbox: (http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    await bot.waitFor(/polling mode/);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    expect(await bot.stop("SIGINT")).toBe(0);
  });
});

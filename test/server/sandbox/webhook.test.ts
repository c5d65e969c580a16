import http from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { buildEchoBot, call, TOKEN } from "./helpers.js";
import { waitFor } from "../../support/waitFor.js";

interface Receiver {
  url: string;
  received: { secret?: string; body: { update_id: number; message?: { text?: string } } }[];
  close(): Promise<void>;
}

/** A webhook receiver; `respond` decides the answer to the n-th request (0-based). */
async function receiver(respond: (n: number, res: http.ServerResponse) => void): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const secret = req.headers["x-telegram-bot-api-secret-token"];
      received.push({ ...(typeof secret === "string" ? { secret } : {}), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      respond(received.length - 1, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}

const until = (cond: () => boolean): Promise<void> => waitFor(cond.toString(), cond);

describe("sandbox webhook delivery", () => {
  let sandbox: Sandbox;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => { sandbox = await createSandbox({ webhook: { retryInitialMs: 10, retryMaxMs: 50 } }); });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await sandbox.close();
  });

  it("drives a grammY webhookCallback bot, with the secret token header", async () => {
    const bot = buildEchoBot(sandbox);
    const server = http.createServer(webhookCallback(bot, "http", { secretToken: "s3cr3t_token" }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await bot.api.setWebhook(url, { secret_token: "s3cr3t_token" });
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0, has_custom_certificate: false });

    const u = sandbox.user({ id: 7, first_name: "Web" });
    await u.say("一");
    await u.say("二");
    await u.command("start");
    expect((await u.next()).text).toBe("echo: 一");
    expect((await u.next()).text).toBe("echo: 二");
    await u.next();
    await u.press("确认");
    expect((await u.next()).text).toBe("已确认 ✅");
    await until(() => sandbox.pendingUpdates() === 0); // the bot answers the webhook after its edit
    expect(sandbox.webhookAttempts.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });

  it("posts updates in order, one at a time, and retries after 401/500 without crashing", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const hook = await receiver((n, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(n === 0 ? 401 : n === 1 ? 500 : 200).end();
      }, 5);
    });
    closers.push(hook.close);
    await call(sandbox, "setWebhook", { url: hook.url, secret_token: "abc" });
    const u = sandbox.user({ id: 7, first_name: "A" });
    for (const t of ["1", "2", "3"]) await u.say(t);
    await until(() => sandbox.pendingUpdates() === 0);
    expect(sandbox.webhookAttempts.map((a) => [a.update_id, a.status])).toEqual([[1, 401], [1, 500], [1, 200], [2, 200], [3, 200]]);
    expect(hook.received.map((r) => r.body.message?.text)).toEqual(["1", "1", "1", "2", "3"]);
    expect(hook.received.every((r) => r.secret === "abc")).toBe(true);
    expect(maxInFlight).toBe(1);
    const info = await call(sandbox, "getWebhookInfo");
    expect(info.body.result).toMatchObject({ last_error_message: "Wrong response from the webhook: 500 Internal Server Error", pending_update_count: 0 });
    expect((await call(sandbox, "getMe")).body.ok).toBe(true);
  });

  it("keeps retrying a receiver that always answers 401; deleteWebhook can drop the backlog", async () => {
    const hook = await receiver((_n, res) => res.writeHead(401).end("nope"));
    closers.push(hook.close);
    await call(sandbox, "setWebhook", { url: hook.url, secret_token: "wrong" });
    const u = sandbox.user({ id: 7, first_name: "A" });
    await u.say("x");
    await until(() => sandbox.webhookAttempts.length >= 3);
    expect(sandbox.webhookAttempts.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
    expect(sandbox.pendingUpdates()).toBe(1);
    await call(sandbox, "deleteWebhook", { drop_pending_updates: true });
    expect(sandbox.pendingUpdates()).toBe(0);
    expect((await call(sandbox, "getWebhookInfo")).body.result).toMatchObject({ url: "" });
  });

  it("records refused connections, and executes webhook replies", async () => {
    const dead = await receiver((_n, res) => res.end());
    await dead.close();
    await call(sandbox, "setWebhook", { url: dead.url });
    const u = sandbox.user({ id: 7, first_name: "A" });
    await u.say("hello");
    await until(() => sandbox.webhookAttempts.length >= 1);
    expect(sandbox.webhookAttempts[0]).toMatchObject({ ok: false, error: "Connection refused" });

    const hook = await receiver((_n, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: "sendMessage", chat_id: 7, text: "webhook reply" }));
    });
    closers.push(hook.close);
    await call(sandbox, "setWebhook", { url: hook.url });
    expect((await u.next()).text).toBe("webhook reply");
    expect(sandbox.pendingUpdates()).toBe(0);
  });

  it("a bot that switches to polling gets what was not delivered", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    await bot.api.setWebhook("http://127.0.0.1:9/unreachable");
    const u = sandbox.user({ id: 7, first_name: "A" });
    await u.say("pending");
    await bot.api.deleteWebhook();
    const updates = await bot.api.getUpdates();
    expect(updates.map((x) => x.message?.text)).toEqual(["pending"]);
  });
});

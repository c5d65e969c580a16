// The real bot process with CHANNEL=wecom against a fake WeCom: every message checked as WeCom gets it.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { jest } from "@jest/globals";
import { FakeWecom, WecomMember, type Received } from "../support/fakeWecom.js";
import { startBotProcess, type BotProcess } from "./spawn.js";

jest.setTimeout(180_000);

const KEYS = { corpId: "wx5823bf96d3bd56c7", secret: "app-secret-e2e", agentId: 1000002, token: "QDG6eK", aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let dir: string;
let wecom: FakeWecom;
let bot: BotProcess;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ledger-wecom-"));
  wecom = await new FakeWecom(KEYS).start();
  port = await freePort();
  bot = startBotProcess({
    CHANNEL: "wecom", WECOM_CORP_ID: KEYS.corpId, WECOM_AGENT_ID: String(KEYS.agentId), WECOM_SECRET: KEYS.secret,
    WECOM_TOKEN: KEYS.token, WECOM_AES_KEY: KEYS.aesKey, WECOM_API_ROOT: wecom.url, PORT: String(port),
    DATABASE_URL: `file:${path.join(dir, "data", "ledger.db")}`,
  });
  wecom.callbackUrl = `http://127.0.0.1:${port}/wecom/callback`;
  await bot.waitFor(/polling mode/, 60_000);
});

afterAll(async () => {
  await bot?.stop("SIGTERM");
  await wecom?.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (r: Received) => WecomMember.text(r);

describe("the bot in WeCom", () => {
  it("answers the URL verification with WeCom's published sample", async () => {
    const q = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=" +
      encodeURIComponent("P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");
    const res = await fetch(`${wecom.callbackUrl}?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1616140317555161061");
    const forged = await fetch(`${wecom.callbackUrl}?${q.replace("5c45", "5c46")}`);
    expect(forged.status).toBe(403);
  });

  it("runs a branch: create, invite, join, one-line reports", async () => {
    const sec = wecom.member("ZhangSan", "张三");
    const r = await sec.say("/start");
    expect(r).toMatchObject({ status: 200, body: "" });
    expect(text(await sec.next())).toContain("您好，张三");
    await sec.say("/newbranch 测试党支部");
    expect(text(await sec.until((m) => text(m).includes("已创建支部"), "branch created"))).toContain("测试党支部");
    console.log(sec.received().map(text));
  });
});

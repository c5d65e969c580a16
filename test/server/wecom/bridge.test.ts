// The WeCom bridge in-process against the fake WeCom: crypto vectors, splitting, edits, limits, tokens.
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import { jest } from "@jest/globals";
import { openCipher, signatureOk } from "../../../src/server/wecom/crypto.js";
import { splitBytes } from "../../../src/server/wecom/format.js";
import { startWecomBridge, type WecomBridge } from "../../../src/server/wecom/bridge.js";
import { createTestDatabase, type TestDatabase } from "../../support/database.js";
import { FakeWecom, WecomMember } from "../../support/fakeWecom.js";

jest.setTimeout(60_000);

const KEYS = { corpId: "wx5823bf96d3bd56c7", secret: "s3cret", agentId: 1000002, token: "QDG6eK", aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C" };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("WeCom's callback crypto", () => {
  it("verifies and decrypts WeCom's published URL-verification sample", () => {
    const echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    const q = { msg_signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", timestamp: "1409659589", nonce: "263014780" };
    expect(signatureOk(KEYS, q, echostr)).toBe(true);
    expect(signatureOk(KEYS, { ...q, nonce: "263014781" }, echostr)).toBe(false);
    expect(openCipher(KEYS, echostr)).toBe("1616140317555161061");
    expect(openCipher({ ...KEYS, corpId: "wwanothercorp" }, echostr)).toBeUndefined();
  });
});

describe("splitting at WeCom's 2,048 bytes", () => {
  it("splits on line breaks, and inside a line only when it alone is too long", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `第${i + 1}项 支部党员大会 学习贯彻党的二十大精神`);
    const parts = splitBytes(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
    expect(parts.join("\n")).toBe(lines.join("\n"));
    const long = "党".repeat(1500);
    expect(splitBytes(long).map((p) => Buffer.byteLength(p))).toEqual([2046, 2046, 408]);
  });
});

describe("the bridge", () => {
  let wecom: FakeWecom;
  let bridge: WecomBridge;
  let db: TestDatabase;
  let api: Api;
  let member: WecomMember;
  let chatId: number;
  let seen: number;

  /** The next update that matches (the callback is answered before its update is queued, so wait for it). */
  async function nextUpdate(matches: (u: Update) => boolean): Promise<Update> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const updates = await api.getUpdates({ offset: seen, timeout: 1 });
      const hit = updates.find(matches);
      const last = updates.at(-1);
      if (last) seen = last.update_id + 1;
      if (hit) return hit;
    }
    throw new Error("no matching update within 10 s");
  }

  beforeEach(async () => {
    wecom = await new FakeWecom(KEYS).start();
    db = await createTestDatabase("wecom_bridge_f");
    const { deployMigrations } = await import("../../../src/db/migrations/migrator.js");
    await deployMigrations(db.url);
    bridge = await startWecomBridge({
      config: { CHANNEL: "wecom", WECOM_CORP_ID: KEYS.corpId, WECOM_AGENT_ID: KEYS.agentId, WECOM_SECRET: KEYS.secret, WECOM_TOKEN: KEYS.token,
        WECOM_AES_KEY: KEYS.aesKey, WECOM_API_ROOT: wecom.url, WECOM_CALLBACK_PATH: "/wecom/callback", PORT: 0, DATABASE_URL: db.url },
      logger: quiet, host: "127.0.0.1", limits: { perMinute: 3, minuteMs: 1000, backlog: 2 },
    });
    wecom.callbackUrl = `http://127.0.0.1:${bridge.port}/wecom/callback`;
    api = new Api(bridge.token, { apiRoot: bridge.apiRoot });
    seen = 0;
    api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 30 }));
    await api.getMe();
    member = wecom.member("LiMing", "李明");
    await member.say("/start");
    const [update] = await api.getUpdates({ timeout: 5 });
    expect(update?.message).toMatchObject({ text: "/start", from: { first_name: "李明", username: "LiMing" }, chat: { type: "private" } });
    chatId = update!.message!.chat.id;
  });
  afterEach(async () => {
    await bridge.close();
    await wecom.close();
    await db.drop();
  });

  it("answers getMe and getWebhookInfo in the shape the sandbox does (src/server/botapi/front.ts)", async () => {
    expect(await api.getMe()).toEqual({
      id: KEYS.agentId, is_bot: true, first_name: "党支部台账", username: `wecom_agent_${KEYS.agentId}_bot`,
      can_join_groups: false, can_read_all_group_messages: true, supports_inline_queries: false,
    });
    // The /start of beforeEach was fetched but not yet confirmed (no offset since).
    expect(await api.getWebhookInfo()).toEqual({ url: "", has_custom_certificate: false, pending_update_count: 1 });
    await expect(api.logOut()).resolves.toBe(true);
  });

  it("keeps a member's numeric id across messages", async () => {
    await member.say("第二句");
    const update = await nextUpdate((u) => u.message?.text === "第二句");
    expect(update.message?.from?.id).toBe(chatId);
  });

  it("edits a card in place with the click's response_code, and sends anew what cannot be edited", async () => {
    const plain = await api.sendMessage(chatId, "一条普通消息");
    const edited = await api.editMessageText(chatId, plain.message_id, "改过的消息");
    expect(edited).toMatchObject({ message_id: plain.message_id, text: "改过的消息" });
    // WeCom cannot edit a text message: the new text arrives as a new message.
    expect(member.received().map(WecomMember.text).slice(-2)).toEqual(["一条普通消息", "改过的消息"]);

    const keyboard = { inline_keyboard: [[{ text: "保存", callback_data: "save:1" }, { text: "取消", callback_data: "cancel:1" }]] };
    const sent = await api.sendMessage(chatId, "确认保存？\n支委会 今天 实到5人", { reply_markup: keyboard });
    const card = member.received().at(-1)!.card!;
    expect(card.button_list.map((b) => b.text)).toEqual(["保存", "取消"]);
    await member.click(card, card.button_list[0]!.key);
    const cb = await nextUpdate((u) => u.callback_query !== undefined);
    expect(cb.callback_query).toMatchObject({ data: "save:1", message: { message_id: sent.message_id } });
    await api.answerCallbackQuery(cb.callback_query!.id);
    const before = member.received().length;
    await api.editMessageText(chatId, sent.message_id, "已保存：支委会");
    expect(card.updates).toBe(1);
    expect(card.main_title.title).toBe("已保存：支委会");
    expect(member.received()).toHaveLength(before);
    // The code was used: a second edit comes as a new message.
    await api.editMessageText(chatId, sent.message_id, "已保存：支委会（修改）");
    expect(member.received()).toHaveLength(before + 1);
    expect(WecomMember.text(member.received().at(-1)!)).toBe("已保存：支委会（修改）");
  });

  it("queues a member over the limit, answers 429 when the queue is full, and every message arrives in order", async () => {
    const n = 9;
    await Promise.all(Array.from({ length: n }, (_, i) => api.sendMessage(chatId, `消息 ${i + 1}`)));
    const got = member.received().filter((r) => r.content?.startsWith("消息"));
    expect(got).toHaveLength(n);
    expect(bridge.world.limiter.rejections).toBeGreaterThan(0);
    // Never more than 3 within any 1-second window.
    for (let i = 3; i < got.length; i++) expect(got[i]!.at - got[i - 3]!.at).toBeGreaterThanOrEqual(1000);
    expect(new Set(got.map((r) => r.content)).size).toBe(n);
  });

  it("refreshes an expired access token once and goes on", async () => {
    await api.sendMessage(chatId, "一");
    const fetches = bridge.world.api.tokenFetches;
    wecom.expireTokens();
    await api.sendMessage(chatId, "二");
    expect(bridge.world.api.tokenFetches).toBe(fetches + 1);
    expect(wecom.calls.filter((c) => c.errcode === 42001)).toHaveLength(1);
  });

  it("refuses files over WeCom's limits with a clear error, and sends documents as file messages", async () => {
    const { InputFile } = await import("grammy");
    await expect(api.sendDocument(chatId, new InputFile(Buffer.alloc(21 * 1024 * 1024, 1), "big.docx"))).rejects.toThrow(/at most 20 MB/);
    const doc = await api.sendDocument(chatId, new InputFile(Buffer.from("PK\u0003\u0004 docx bytes"), "2026年 总结.docx"));
    expect(doc.document?.file_name).toBe("2026年 总结.docx");
    const got = member.received().at(-1)!;
    expect(got).toMatchObject({ msgtype: "file", media: { filename: "2026年 总结.docx" } });
    const file = await api.getFile(doc.document.file_id);
    const res = await fetch(`${bridge.apiRoot}/file/bot${bridge.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toContain("docx bytes");
  });

  it("turns setMyCommands into the app's menu", async () => {
    await api.setMyCommands([{ command: "log", description: "记录活动" }, { command: "stats", description: "统计" }]);
    expect(wecom.menu).toEqual({ button: [{ name: "记录", sub_button: [{ type: "click", name: "记录活动", key: "/log" }, { type: "click", name: "统计", key: "/stats" }] }] });
    await member.menuClick("/stats");
    const update = await nextUpdate((u) => u.message !== undefined && u.message.text !== "/start");
    expect(update.message).toMatchObject({ text: "/stats", entities: [{ type: "bot_command", offset: 0, length: 6 }] });
  });
});

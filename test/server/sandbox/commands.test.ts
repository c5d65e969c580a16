import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { TOKEN } from "./helpers.js";

describe("sandbox command menus and the request recorder", () => {
  let sandbox: Sandbox;
  beforeEach(async () => { sandbox = await createSandbox(); });
  afterEach(async () => { await sandbox.close(); });

  it("stores setMyCommands per scope and language, and resolves what each user sees", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    await bot.api.setMyCommands([{ command: "start", description: "开始" }, { command: "log", description: "记录活动" }]);
    await bot.api.setMyCommands([{ command: "start", description: "Start" }, { command: "log", description: "Record" }], { language_code: "en" });
    await bot.api.setMyCommands([{ command: "stats", description: "统计" }], { scope: { type: "all_group_chats" } });

    expect(sandbox.requests.of("setMyCommands").map((r) => r.params.language_code ?? "default")).toEqual(["default", "en", "default"]);
    expect(sandbox.requests.of("setMyCommands")[1]?.params.commands).toEqual([
      { command: "start", description: "Start" }, { command: "log", description: "Record" },
    ]);
    expect(await bot.api.getMyCommands({ language_code: "en" })).toEqual([
      { command: "start", description: "Start" }, { command: "log", description: "Record" },
    ]);
    expect(await bot.api.getMyCommands({ language_code: "fr" })).toEqual([]);

    const zh = sandbox.user({ id: 1, first_name: "张三", language_code: "zh-hans" });
    const en = sandbox.user({ id: 2, first_name: "John", language_code: "en" });
    const g = sandbox.group({ title: "群", members: [zh, en] });
    expect(sandbox.commands({ chatId: 1, userId: 1 }).map((c) => c.description)).toEqual(["开始", "记录活动"]);
    expect(sandbox.commands({ chatId: 2, userId: 2 }).map((c) => c.description)).toEqual(["Start", "Record"]);
    expect(sandbox.commands({ chatId: g.id, userId: 2 }).map((c) => c.command)).toEqual(["stats"]);

    await bot.api.deleteMyCommands({ language_code: "en" });
    expect(sandbox.commands({ chatId: 2, userId: 2 }).map((c) => c.description)).toEqual(["开始", "记录活动"]);
  });

  it("records every call with its result or error, and can wait for one", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    sandbox.user({ id: 5, first_name: "A", started: true });
    const waiting = sandbox.requests.waitFor("sendMessage", { where: (r) => r.params.text === "第二条" });
    await bot.api.sendMessage(5, "第一条");
    await bot.api.sendMessage(5, "第二条");
    await expect(waiting).resolves.toMatchObject({ ok: true, params: { chat_id: 5, text: "第二条" }, result: { text: "第二条" } });
    await expect(bot.api.sendMessage(6, "x")).rejects.toThrow();
    expect(sandbox.requests.last()).toMatchObject({ method: "sendMessage", ok: false, error_code: 400, description: "Bad Request: chat not found" });
    expect(sandbox.requests.count("sendMessage")).toBe(3);
    sandbox.requests.clear();
    expect(sandbox.requests.all()).toEqual([]);
    await expect(sandbox.requests.waitFor("sendPhoto", { timeout: 50 })).rejects.toThrow("No sendPhoto call within 50 ms");
  });

  it("reset forgets chats and users but keeps the bot's commands and the update_id sequence", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.apiRoot }, botInfo: sandbox.botInfo as unknown as UserFromGetMe });
    await bot.api.setMyCommands([{ command: "start", description: "开始" }]);
    const u = sandbox.user({ id: 5, first_name: "A" });
    await u.say("one");
    const [first] = await bot.api.getUpdates();
    sandbox.reset();
    expect(sandbox.users()).toEqual([]);
    expect(sandbox.stats()).toMatchObject({ updates: 0, botMessages: 0, userMessages: 0 });
    expect(sandbox.commands()).toEqual([{ command: "start", description: "开始" }]);
    const again = sandbox.user({ id: 5, first_name: "A" });
    await again.say("two");
    const [second] = await bot.api.getUpdates();
    expect(second?.update_id).toBeGreaterThan(first?.update_id ?? 0);
    expect(second?.message?.message_id).toBe(1);
  });
});

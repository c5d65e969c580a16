import { createSandbox, type Sandbox } from "../../../src/server/sandbox/index.js";
import { startEchoBot, type EchoBot } from "./helpers.js";

describe("sandbox with a grammY bot over long polling", () => {
  let sandbox: Sandbox;
  let echo: EchoBot;

  beforeEach(async () => {
    sandbox = await createSandbox();
    echo = await startEchoBot(sandbox);
  });
  afterEach(async () => {
    await echo.stop();
    await sandbox.close();
  });

  it("delivers a user's text and returns the bot's reply", async () => {
    const alice = sandbox.user({ id: 6_100_000_001, first_name: "Alice", username: "alice", language_code: "zh" });
    const sent = await alice.say("你好");
    expect(sent.chat.id).toBe(6_100_000_001);
    const reply = await alice.next();
    expect(reply.text).toBe("echo: 你好");
    expect(reply.kind).toBe("message");
    expect(reply.message.from?.id).toBe(sandbox.botInfo.id);
    expect(reply.message.message_id).toBeGreaterThan(sent.message_id);
    expect(reply.reply_to).toBeUndefined();
    expect(alice.transcript().map((e) => [e.from, e.text])).toEqual([["user", "你好"], ["bot", "echo: 你好"]]);
  });

  it("computes bot_command entities, shows inline buttons, and handles a press", async () => {
    const bob = sandbox.user({ id: 42, first_name: "Bob" });
    const cmd = await bob.command("start");
    expect(cmd.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const welcome = await bob.next();
    expect(welcome.buttons.map((r) => r.map((b) => b.text))).toEqual([["确认", "取消"], ["帮助"]]);
    const pressed = await bob.press("确认");
    expect(pressed.kind).toBe("callback");
    if (pressed.kind !== "callback") return;
    await expect(pressed.answer()).resolves.toEqual({ text: "已确认" });
    const edited = await bob.next();
    expect(edited.kind).toBe("edit");
    expect(edited.message_id).toBe(welcome.message_id);
    expect(edited.text).toBe("已确认 ✅");
    expect(edited.buttons).toEqual([]);
    // the transcript shows the edit in place
    expect(bob.transcript().filter((e) => e.from === "bot").map((e) => e.text)).toEqual(["已确认 ✅"]);
    expect(sandbox.requests.of("answerCallbackQuery")[0]?.params).toMatchObject({ text: "已确认" });
  });

  it("removes a message the bot deletes, and explains missing buttons", async () => {
    const carol = sandbox.user({ id: 43, first_name: "Carol" });
    await carol.command("start", undefined, { at: true });
    await carol.next();
    await carol.press(/取消/);
    await sandbox.requests.waitFor("deleteMessage");
    expect(carol.transcript().filter((e) => e.from === "bot")).toEqual([]);
    await expect(carol.press("确认")).rejects.toThrow(/no button 确认[\s\S]*There are no buttons/);
    await carol.command("start");
    await carol.next();
    await expect(carol.press("帮助")).rejects.toThrow(/has no callback_data \(it opens https:\/\/example.com\/help\)/);
    await expect(carol.press("不存在")).rejects.toThrow(/Available buttons:\n {2}#\d+: \[确认\] \[取消\] \[帮助\]/);
  });

  it("sends edited_message updates when a user edits", async () => {
    const dan = sandbox.user({ id: 44, first_name: "Dan" });
    await dan.say("草稿");
    await dan.next();
    await dan.editLast("定稿");
    expect((await dan.nextMatching(/^edited:/)).text).toBe("edited: 定稿");
    expect(dan.transcript()[0]).toMatchObject({ text: "定稿", edited: true });
  });

  it("keeps reply keyboards: pressing a key sends its label as text", async () => {
    const eve = sandbox.user({ id: 45, first_name: "Eve" });
    await eve.command("menu");
    const menu = await eve.next();
    expect(menu.keyboard).toEqual([["支委会", "党课"]]);
    const pressed = await eve.press("党课");
    expect(pressed.kind).toBe("text");
    expect((await eve.next()).text).toBe("echo: 党课");
    await eve.command("hide");
    expect((await eve.next()).removeKeyboard).toBe(true);
    await expect(eve.press("支委会")).rejects.toThrow(/no button/);
  });

  it("parses HTML replies into text and entities", async () => {
    const fay = sandbox.user({ id: 46, first_name: "Fay" });
    await fay.command("html");
    const m = await fay.next();
    expect(m.text).toBe("粗体 与 链接 & 1 < 2");
    expect(m.entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
      { type: "text_link", offset: 5, length: 2, url: "https://example.com" },
    ]);
  });

  it("receives a user's photo; the bot downloads it through getFile", async () => {
    const { PNG_1x1 } = await import("./helpers.js");
    const gus = sandbox.user({ id: 47, first_name: "Gus" });
    await gus.sendPhoto(PNG_1x1, { caption: "现场照片" });
    expect((await gus.next()).text).toBe(`收到图片 1x1，${PNG_1x1.length} 字节`);
  });

  it("times out with the transcript when the bot says nothing", async () => {
    const hal = sandbox.user({ id: 48, first_name: "Hal" });
    await hal.say("一");
    await hal.next();
    await expect(hal.next({ timeout: 200 })).rejects.toThrow(
      /Hal \(chat 48\) waited 200 ms for a bot message; none came\.\nBot: last getUpdates \d+ ms ago; 0 update\(s\) not yet taken by the bot\.\nTranscript:\n {2}#1 Hal: 一\n {2}#2 bot: echo: 一/,
    );
  });

  it("groups: privacy mode hides plain messages, commands and replies get through", async () => {
    const ann = sandbox.user({ id: 50, first_name: "Ann" });
    const ben = sandbox.user({ id: 51, first_name: "Ben" });
    const group = sandbox.group({ title: "第一支部", members: [ann, ben], withBot: false });
    expect(group.id).toBeLessThan(-4_000_000_000);
    const inGroup = ann.in(group);
    await inGroup.addBotTo(group);
    expect((await inGroup.next()).text).toBe("大家好，我加入了 第一支部");
    await inGroup.say("大家好"); // not delivered (privacy mode)
    await ben.in(group).command("start", undefined, { at: true });
    const welcome = await inGroup.next();
    expect(welcome.text).toBe("欢迎使用！请选择：");
    expect(ben.in(group).lastBotMessage()?.message_id).toBe(welcome.message_id);
    expect(sandbox.requests.of("sendMessage").map((r) => r.params.text)).not.toContain("echo: 大家好");
    await ann.in(group).say("回复机器人", { replyTo: welcome.message_id });
    expect((await inGroup.next()).text).toBe("echo: 回复机器人");
  });
});

describe("sandbox with a bot in another process", () => {
  it("serves a grammY bot polling over HTTP from a child process", async () => {
    const { spawn } = await import("node:child_process");
    const sandbox = await createSandbox();
    const script = `
      import { Bot } from "grammy";
      const bot = new Bot("1:child", { client: { apiRoot: process.env.API_ROOT }, botInfo: JSON.parse(process.env.BOT_INFO) });
      bot.on("message:text", (ctx) => ctx.reply("child: " + ctx.message.text));
      process.on("SIGTERM", () => bot.stop().then(() => process.exit(0)));
      bot.start({ timeout: 10 });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: process.cwd(), env: { ...process.env, API_ROOT: sandbox.apiRoot, BOT_INFO: JSON.stringify(sandbox.botInfo) }, stdio: "inherit",
    });
    const exited = new Promise((r) => child.once("exit", r));
    try {
      const u = sandbox.user({ id: 99, first_name: "Remote" });
      sandbox.user({ id: 99, first_name: "Remote", username: "remote_user" }); // same user, updated
      await u.say("跨进程");
      expect((await u.next({ timeout: 10_000 })).text).toBe("child: 跨进程");
      expect(u.user.username).toBe("remote_user");
    } finally {
      child.kill("SIGTERM");
      await exited;
      await sandbox.close();
    }
  });
});
